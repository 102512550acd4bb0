import type Redis from 'ioredis';
import type { LoginAttemptStore } from './login-attempt-store';

// Check every key, then count on all of them, in one step: parallel attempts cannot all
// slip in under the limit.
const TAKE = `
local wait = 0
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[1]) then
    wait = math.max(wait, redis.call('PTTL', key))
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[2]) end
end
return 0`;

// Only on a live window: DECR on an expired key would create one without a TTL.
const GIVE_BACK = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0`;

/** Every API process on one Redis counts the same attempts. */
export class RedisLoginAttemptStore implements LoginAttemptStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async take(keys: string[], limit: number, windowMs: number): Promise<number> {
    const wait = await this.redis.eval(TAKE, keys.length, ...this.keys(keys), limit, windowMs);
    return Number(wait);
  }

  async giveBack(keys: string[]): Promise<void> {
    await this.redis.eval(GIVE_BACK, keys.length, ...this.keys(keys));
  }

  private keys(keys: string[]): string[] {
    return keys.map((key) => `${this.prefix}:login-attempts:${key}`);
  }
}
