import type Redis from 'ioredis';
import type { RateLimitStore } from './rate-limit-store';
import { WEIGHT_WINDOW_MS } from './weight-budget';

/** A window's count outlives the window a little, for requests that straddle its end. */
const WINDOW_TTL_MS = 2 * WEIGHT_WINDOW_MS;

// Check and count in one step, so two workers cannot both take the last of the budget.
const RESERVE = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used + tonumber(ARGV[1]) > tonumber(ARGV[2]) then return 0 end
redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

const RAISE = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > used then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 0`;

const EXTEND_BAN = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local wanted = tonumber(ARGV[1])
if wanted > current then redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[1]) end
return 0`;

/** Every worker on one Redis shares the weight budget and waits out the same ban. */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async reserve(host: string, window: number, weight: number, budget: number): Promise<boolean> {
    const admitted = await this.redis.eval(
      RESERVE,
      1,
      this.windowKey(host, window),
      weight,
      budget,
      WINDOW_TTL_MS,
    );
    return admitted === 1;
  }

  async raiseUsed(host: string, window: number, used: number): Promise<void> {
    await this.redis.eval(RAISE, 1, this.windowKey(host, window), used, WINDOW_TTL_MS);
  }

  async used(host: string, window: number): Promise<number> {
    return Number((await this.redis.get(this.windowKey(host, window))) ?? 0);
  }

  async bannedUntil(host: string): Promise<number> {
    return Number((await this.redis.get(this.banKey(host))) ?? 0);
  }

  async banUntil(host: string, until: number): Promise<void> {
    await this.redis.eval(EXTEND_BAN, 1, this.banKey(host), Math.ceil(until));
  }

  private windowKey(host: string, window: number): string {
    return `${this.prefix}:binance:${host}:weight:${window}`;
  }

  private banKey(host: string): string {
    return `${this.prefix}:binance:${host}:banned-until`;
  }
}
