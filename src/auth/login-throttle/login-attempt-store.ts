/** Counts login attempts per key in fixed windows; shared by every API process with Redis. */
export interface LoginAttemptStore {
  /**
   * Counts one attempt against every key, unless one of them already holds `limit`
   * attempts in its window: then counts nothing and returns the milliseconds until the
   * last such window ends. 0: counted.
   */
  take(keys: string[], limit: number, windowMs: number): Promise<number>;
  /** Takes one attempt back from every key (the password was right). */
  giveBack(keys: string[]): Promise<void>;
}

export const LOGIN_ATTEMPT_STORE = Symbol('LOGIN_ATTEMPT_STORE');

interface Window {
  attempts: number;
  endsAt: number;
}

/**
 * One process's counts. Every window is as long as every other, so the Map's insertion
 * order is also the order in which they end: the oldest go first, expired or when
 * maxKeys (about 100 bytes each) is reached.
 */
export class InMemoryLoginAttemptStore implements LoginAttemptStore {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async take(keys: string[], limit: number, windowMs: number): Promise<number> {
    const now = this.now();
    this.dropEnded(now);
    const windows = keys.map((key) => this.windows.get(key));
    const waits = windows.map((window) =>
      window && window.attempts >= limit ? window.endsAt - now : 0,
    );
    const wait = Math.max(0, ...waits);
    if (wait > 0) return wait;
    keys.forEach((key, index) => {
      const window = windows[index];
      if (window) window.attempts++;
      else this.windows.set(key, { attempts: 1, endsAt: now + windowMs });
    });
    while (this.windows.size > this.maxKeys) {
      this.windows.delete(this.windows.keys().next().value!);
    }
    return 0;
  }

  async giveBack(keys: string[]): Promise<void> {
    this.dropEnded(this.now());
    for (const key of keys) {
      const window = this.windows.get(key);
      if (window && window.attempts > 0) window.attempts--;
    }
  }

  private dropEnded(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt > now) return;
      this.windows.delete(key);
    }
  }
}
