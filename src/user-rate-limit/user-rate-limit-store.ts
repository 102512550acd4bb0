/** Counts a user's requests of one kind in fixed windows; shared by every API process with Redis. */
export interface UserRateLimitStore {
  /**
   * Counts one request against `key` unless its window already holds `limit`: then counts
   * nothing and returns the milliseconds until that window ends. 0: counted.
   */
  take(key: string, limit: number): Promise<number>;
}

export const USER_RATE_LIMIT_STORE = Symbol('USER_RATE_LIMIT_STORE');

interface Window {
  count: number;
  endsAt: number;
}

/**
 * One process's counts. Every window is equally long, so the Map's insertion order is the
 * order in which they end: the oldest go first, ended or past maxKeys (about 100 bytes each).
 */
export class InMemoryUserRateLimitStore implements UserRateLimitStore {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string, limit: number): Promise<number> {
    const now = this.now();
    for (const [held, window] of this.windows) {
      if (window.endsAt > now) break;
      this.windows.delete(held);
    }
    const window = this.windows.get(key);
    if (window && window.count >= limit) return window.endsAt - now;
    if (window) window.count++;
    else this.windows.set(key, { count: 1, endsAt: now + this.windowMs });
    while (this.windows.size > this.maxKeys) {
      this.windows.delete(this.windows.keys().next().value!);
    }
    return 0;
  }
}
