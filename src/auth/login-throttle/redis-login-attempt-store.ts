import type Redis from 'ioredis';
import type { AttemptRule, LoginAttemptStore } from './login-attempt-store';

// attemptWait (login-attempt-store.ts) for every key, then count on all of them, in one
// step: parallel attempts cannot all slip in under a limit. ARGV: now, then per key its
// limit, window and backoff (0: none). A key is a hash: n attempts, the last one's time.
const TAKE = `
local now = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  local limit, window, backoff = tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i]), tonumber(ARGV[3 * i + 1])
  local n = tonumber(redis.call('HGET', key, 'n') or '0')
  if n >= limit then
    local ends = now + redis.call('PTTL', key)
    local until_ = ends
    if backoff > 0 then
      local last = tonumber(redis.call('HGET', key, 'last') or '0')
      until_ = math.min(last + math.min(backoff * 2 ^ (n - limit), window), ends)
    end
    wait = math.max(wait, until_ - now)
  end
end
if wait > 0 then return math.ceil(wait) end
for i, key in ipairs(KEYS) do
  redis.call('HINCRBY', key, 'n', 1)
  if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, ARGV[3 * i]) end
  redis.call('HSET', key, 'last', ARGV[1])
end
return 0`;

// Only on a live window: HINCRBY on an expired key would create one without a TTL.
const GIVE_BACK = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('HGET', key, 'n') or '0') > 0 then redis.call('HINCRBY', key, 'n', -1) end
end
return 0`;

/** Every API process on one Redis counts the same attempts. */
export class RedisLoginAttemptStore implements LoginAttemptStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  async take(rules: AttemptRule[]): Promise<number> {
    const limits = rules.flatMap((rule) => [rule.limit, rule.windowMs, rule.backoffMs ?? 0]);
    const keys = this.keys(rules.map((rule) => rule.key));
    const wait = await this.redis.eval(TAKE, keys.length, ...keys, this.now(), ...limits);
    return Number(wait);
  }

  async giveBack(keys: string[]): Promise<void> {
    await this.redis.eval(GIVE_BACK, keys.length, ...this.keys(keys));
  }

  // Hashes, under a name the earlier plain counters did not use (no WRONGTYPE mid-upgrade).
  private keys(keys: string[]): string[] {
    return keys.map((key) => `${this.prefix}:login-failures:${key}`);
  }
}
