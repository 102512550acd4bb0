import { fitsBudget } from './weight-budget';

/**
 * The state every client of one host shares: the weight used per window and the time a
 * 429 or 418 told it to wait until. In Redis it is shared by every worker process.
 */
export interface RateLimitStore {
  /** Counts `weight` in the window when it fits the budget; otherwise counts nothing. */
  reserve(host: string, window: number, weight: number, budget: number): Promise<boolean>;
  /** The window's count as the exchange reported it, when higher than ours. */
  raiseUsed(host: string, window: number, used: number): Promise<void>;
  /** The window's count so far. */
  used(host: string, window: number): Promise<number>;
  bannedUntil(host: string): Promise<number>;
  /** Extends the ban to `until` (never shortens it). */
  banUntil(host: string, until: number): Promise<void>;
}

/** One process's store: the bots of this process share it. */
export class InMemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { window: number; used: number }>();
  private readonly bans = new Map<string, number>();

  async reserve(host: string, window: number, weight: number, budget: number): Promise<boolean> {
    const current = this.current(host, window);
    if (!fitsBudget(current.used, weight, budget)) return false;
    current.used += weight;
    return true;
  }

  async raiseUsed(host: string, window: number, used: number): Promise<void> {
    const current = this.current(host, window);
    current.used = Math.max(current.used, used);
  }

  async used(host: string, window: number): Promise<number> {
    const entry = this.windows.get(host);
    return entry?.window === window ? entry.used : 0;
  }

  async bannedUntil(host: string): Promise<number> {
    return this.bans.get(host) ?? 0;
  }

  async banUntil(host: string, until: number): Promise<void> {
    this.bans.set(host, Math.max(until, this.bans.get(host) ?? 0));
  }

  private current(host: string, window: number): { window: number; used: number } {
    let entry = this.windows.get(host);
    if (!entry || entry.window !== window) {
      entry = { window, used: 0 };
      this.windows.set(host, entry);
    }
    return entry;
  }
}
