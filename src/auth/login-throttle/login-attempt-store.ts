import { LRUCache } from 'lru-cache';

/** One count a login attempt is checked against and added to. */
export interface AttemptRule {
  key: string;
  /** Attempts the key holds in its window before it refuses. */
  limit: number;
  windowMs: number;
  /**
   * Past the limit, admit one attempt per delay, doubling from this per attempt up to the
   * window, instead of none until the window ends. Absent: a hard limit.
   */
  backoffMs?: number;
}

/** Counts login attempts per key in fixed windows; shared by every API process with Redis. */
export interface LoginAttemptStore {
  /**
   * Counts one attempt against every rule's key, unless one of the rules refuses: then
   * counts nothing and returns the milliseconds until every refusing rule admits again.
   * 0: counted.
   */
  take(rules: AttemptRule[]): Promise<number>;
  /** Takes one attempt back from every key (the password was right). */
  giveBack(keys: string[]): Promise<void>;
}

export const LOGIN_ATTEMPT_STORE = Symbol('LOGIN_ATTEMPT_STORE');

export interface AttemptWindow {
  attempts: number;
  endsAt: number;
  /** When the last attempt was counted. */
  lastAt: number;
}

/**
 * How long a rule makes the next attempt wait, given its key's live window (the Redis
 * store's script decides the same in Lua).
 */
export function attemptWait(rule: AttemptRule, window: AttemptWindow | undefined, now: number) {
  if (!window || window.attempts < rule.limit) return 0;
  if (rule.backoffMs === undefined) return window.endsAt - now;
  const delay = Math.min(rule.backoffMs * 2 ** (window.attempts - rule.limit), rule.windowMs);
  return Math.max(0, Math.min(window.lastAt + delay, window.endsAt) - now);
}

/**
 * One process's counts, at most maxKeys of them (about 100 bytes each): the least recently
 * used go first, and an ended window counts as none.
 */
export class InMemoryLoginAttemptStore implements LoginAttemptStore {
  private readonly windows: LRUCache<string, AttemptWindow>;

  constructor(
    maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    this.windows = new LRUCache({ max: maxKeys });
  }

  async take(rules: AttemptRule[]): Promise<number> {
    const now = this.now();
    const windows = rules.map((rule) => this.live(rule.key, now));
    const wait = Math.max(0, ...rules.map((rule, index) => attemptWait(rule, windows[index], now)));
    if (wait > 0) return wait;
    rules.forEach((rule, index) => {
      const window = windows[index];
      if (window) {
        window.attempts++;
        window.lastAt = now;
      } else {
        this.windows.set(rule.key, { attempts: 1, endsAt: now + rule.windowMs, lastAt: now });
      }
    });
    return 0;
  }

  async giveBack(keys: string[]): Promise<void> {
    const now = this.now();
    for (const key of keys) {
      const window = this.live(key, now);
      if (window && window.attempts > 0) window.attempts--;
    }
  }

  private live(key: string, now: number): AttemptWindow | undefined {
    const window = this.windows.get(key);
    if (window && window.endsAt > now) return window;
    if (window) this.windows.delete(key);
    return undefined;
  }
}
