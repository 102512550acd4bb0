import type Redis from 'ioredis';
import { type Candle, type CandleRow, fromCandleRow, toCandleRow } from '../../kernel/candle';

/**
 * Closed candles shared by every worker, so that one request per symbol, interval and slot
 * serves them all. Best effort: when the store fails, a worker fetches for itself.
 */
export interface CandleStore {
  get(key: string): Promise<Candle[] | undefined>;
  /** True for the one caller that should fetch `key`; the others wait for its `put`. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  put(key: string, candles: Candle[], ttlMs: number): Promise<void>;
}

export const CANDLE_STORE = Symbol('CANDLE_STORE');

/** The embedded default: one process, whose own in-flight cache already shares requests. */
export class ProcessCandleStore implements CandleStore {
  async get(): Promise<undefined> {
    return undefined;
  }

  async claim(): Promise<boolean> {
    return true;
  }

  async put(): Promise<void> {}
}

/** Candles as compact rows in Redis, next to the queues, under the same prefix. */
export class RedisCandleStore implements CandleStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<Candle[] | undefined> {
    const value = await this.redis.get(this.key(key));
    if (value === null) return undefined;
    return (JSON.parse(value) as CandleRow[]).map(fromCandleRow);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.key(`${key}:claim`), '1', 'PX', ttlMs, 'NX')) === 'OK';
  }

  async put(key: string, candles: Candle[], ttlMs: number): Promise<void> {
    await this.redis.set(this.key(key), JSON.stringify(candles.map(toCandleRow)), 'PX', ttlMs);
  }

  private key(key: string): string {
    return `${this.prefix}:candles:${key}`;
  }
}
