import { setTimeout as delay } from 'node:timers/promises';
import type { RateLimitStore } from './rate-limit-store';
import { DEFAULT_WEIGHT_BUDGET } from '../../../config/app-config';
import { ceilingFor, type RequestPriority, untilNextWindow, windowStart } from './weight-budget';

/**
 * A request that would have to wait longer than its caller may: it was not sent. `held`
 * says why: a 429 or 418 of the exchange, or the weight its priority may use this minute.
 */
export class RateLimitWaitError extends Error {
  override name = 'RateLimitWaitError';

  constructor(
    readonly waitMs: number,
    readonly held: 'ban' | 'budget',
    readonly priority: RequestPriority,
  ) {
    super(
      held === 'budget' && priority === 'market-data'
        ? `the Binance weight above the trading reserve is spent for another ${seconds(waitMs)} s`
        : `Binance rate limit: no request may be sent for another ${seconds(waitMs)} s`,
    );
  }
}

export interface RequestGateOptions {
  budget?: number;
  /** Weight of each minute that only trading requests may use (default: half the budget). */
  tradingReserve?: number;
  /** Longer waits fail at once instead: a tick must not hang through a long ban. */
  maxWaitMs?: number;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** How one request is admitted: its priority, and how long its caller may wait. */
export interface Admission {
  priority?: RequestPriority;
  /** Default: the gate's maxWaitMs. */
  maxWaitMs?: number;
  /** Ends the wait (the caller went away): admit rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Admits requests to one host: none while a 429 or 418 says to wait, and no more weight a
 * minute than the budget, of which market-data requests get only what is above the trading
 * reserve. Its state lives in the store, so every client that shares the store (all bots of
 * a process; with Redis, all workers) shares the budget and the ban.
 */
export class RequestGate {
  private readonly budget: number;
  private readonly tradingReserve: number;
  private readonly maxWaitMs: number;
  private readonly clock: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(
    private readonly store: RateLimitStore,
    private readonly host: string,
    options: RequestGateOptions = {},
  ) {
    this.budget = options.budget ?? DEFAULT_WEIGHT_BUDGET;
    this.tradingReserve = options.tradingReserve ?? Math.floor(this.budget / 2);
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  }

  /** Resolves when a request of `weight` may be sent, its weight counted. */
  async admit(weight: number, admission: Admission = {}): Promise<void> {
    const { priority = 'trading', maxWaitMs = this.maxWaitMs, signal } = admission;
    const ceiling = ceilingFor(priority, this.budget, this.tradingReserve);
    let waited = 0;
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock();
      const bannedUntil = await this.store.bannedUntil(this.host);
      let wait = bannedUntil - now;
      const held = wait > 0 ? 'ban' : 'budget';
      if (wait <= 0) {
        if (await this.store.reserve(this.host, windowStart(now), weight, ceiling)) return;
        wait = untilNextWindow(now);
      }
      if (waited + wait > maxWaitMs) throw new RateLimitWaitError(wait, held, priority);
      await this.sleep(wait, signal);
      waited += wait;
    }
  }

  /** The exchange's own count (X-MBX-USED-WEIGHT-1M) is the truth when it is higher. */
  async usedWeight(used: number): Promise<void> {
    await this.store.raiseUsed(this.host, windowStart(this.clock()), used);
  }

  /** Weight used in the current window, by every client of the store. */
  usedNow(): Promise<number> {
    return this.store.used(this.host, windowStart(this.clock()));
  }

  /** When a 429 or 418 lets requests go again (0 or a past time: they may). */
  bannedUntil(): Promise<number> {
    return this.store.bannedUntil(this.host);
  }

  /** A 429 or 418: nothing goes to this host, from any client of the store, for `ms`. */
  async holdFor(ms: number): Promise<void> {
    await this.store.banUntil(this.host, this.clock() + ms);
  }
}

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}
