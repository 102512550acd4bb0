import type Redis from 'ioredis';
import type { UserRateLimitStore } from './user-rate-limit-store';

// Check and count in one step: parallel requests cannot all slip in under the limit.
const TAKE = `
if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then
  return math.max(1, redis.call('PTTL', KEYS[1]))
end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** Every API process on one Redis counts the same requests. */
export class RedisUserRateLimitStore implements UserRateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly windowMs: number,
  ) {}

  async take(key: string, limit: number): Promise<number> {
    const wait = await this.redis.eval(
      TAKE,
      1,
      `${this.prefix}:user-rate:${key}`,
      limit,
      this.windowMs,
    );
    return Number(wait);
  }
}
