const MINUTE = 60_000;
const MAX_BAN_MS = 3 * 24 * 60 * MINUTE;

export type Admission =
  | { kind: 'admitted' }
  | { kind: 'limited'; retryAfterSeconds: number }
  | { kind: 'banned'; retryAfterSeconds: number; until: number };

export interface WeightLimiterOptions {
  limit: number;
  banAfterRequests: number;
  banMs: number;
}

/**
 * Binance's per-IP request weight, counted in minute windows aligned to the server clock.
 * Past the limit a request gets 429 with the seconds left in the window; a client that keeps
 * sending before then is banned (418), each repeat ban twice as long, up to 3 days. The fake
 * listens on loopback only, so one IP and one counter.
 */
export class WeightLimiter {
  private window = Number.NaN;
  private used = 0;
  private limitedUntil = 0;
  private sentWhileLimited = 0;
  private bannedUntil = 0;
  private bans = 0;

  constructor(private readonly options: WeightLimiterOptions) {}

  get limit(): number {
    return this.options.limit;
  }

  admit(weight: number, now: number): Admission {
    if (now < this.bannedUntil) return this.banned(now);
    this.roll(now);
    if (now < this.limitedUntil && ++this.sentWhileLimited >= this.options.banAfterRequests) {
      this.bannedUntil = now + Math.min(this.options.banMs * 2 ** this.bans, MAX_BAN_MS);
      this.bans++;
      this.limitedUntil = 0;
      return this.banned(now);
    }
    this.used += weight;
    if (this.used <= this.options.limit) return { kind: 'admitted' };
    const windowEnd = (this.window + 1) * MINUTE;
    if (this.limitedUntil <= now) {
      this.limitedUntil = windowEnd;
      this.sentWhileLimited = 0;
    }
    return { kind: 'limited', retryAfterSeconds: Math.ceil((windowEnd - now) / 1000) };
  }

  usedWeight(now: number): number {
    this.roll(now);
    return this.used;
  }

  private banned(now: number): Admission {
    const retryAfterSeconds = Math.ceil((this.bannedUntil - now) / 1000);
    return { kind: 'banned', retryAfterSeconds, until: this.bannedUntil };
  }

  private roll(now: number): void {
    const window = Math.floor(now / MINUTE);
    if (window !== this.window) {
      this.window = window;
      this.used = 0;
    }
  }
}
