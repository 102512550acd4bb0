import type { RateLimitStore } from './rate-limit-store';
import { DEFAULT_WEIGHT_BUDGET, untilNextWindow, windowStart } from './weight-budget';

/** A request that would have to wait longer than a caller may: it was not sent. */
export class RateLimitWaitError extends Error {
  override name = 'RateLimitWaitError';

  constructor(readonly waitMs: number) {
    super(`Binance rate limit: no request may be sent for another ${Math.ceil(waitMs / 1000)} s`);
  }
}

export interface RequestGateOptions {
  budget?: number;
  /** Longer waits fail at once instead: a tick must not hang through a long ban. */
  maxWaitMs?: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Admits requests to one host: none while a 429 or 418 says to wait, and no more weight a
 * minute than the budget. Its state lives in the store, so every client that shares the
 * store (all bots of a process; with Redis, all workers) shares the budget and the ban.
 */
export class RequestGate {
  private readonly budget: number;
  private readonly maxWaitMs: number;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly store: RateLimitStore,
    private readonly host: string,
    options: RequestGateOptions = {},
  ) {
    this.budget = options.budget ?? DEFAULT_WEIGHT_BUDGET;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? delay;
  }

  /** Resolves when a request of `weight` may be sent, its weight counted. */
  async admit(weight: number): Promise<void> {
    let waited = 0;
    for (;;) {
      const now = this.clock();
      const bannedUntil = await this.store.bannedUntil(this.host);
      let wait = bannedUntil - now;
      if (wait <= 0) {
        if (await this.store.reserve(this.host, windowStart(now), weight, this.budget)) return;
        wait = untilNextWindow(now);
      }
      if (waited + wait > this.maxWaitMs) throw new RateLimitWaitError(wait);
      await this.sleep(wait);
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
