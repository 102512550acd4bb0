import { formatMoney, money, type Money } from '../risk/money';

/** Quotients (percentages, ratios, averages) are rounded half-even to this many places. */
export const PCT_DECIMALS = 8;

/** The year that annualises: 365 days of the candle length (docs/backtesting.md). */
export const YEAR_MS = 365 * 86_400_000;

/** `ratio` × 100 rounded to PCT_DECIMALS, in plain notation, as the first keys always were. */
export function pct(ratio: Money): string {
  return formatMoney(ratio.mul(100).toDecimalPlaces(PCT_DECIMALS));
}

/** A quotient rounded half-even to PCT_DECIMALS places; never "-0". */
export function rounded(value: Money): string {
  const fixed = value.toDecimalPlaces(PCT_DECIMALS);
  return fixed.isZero() ? '0' : formatMoney(fixed);
}

/** A statistic of doubles as a decimal string, or null when it is not a finite number. */
export function statistic(value: number | null): string | null {
  return value === null || !Number.isFinite(value) ? null : rounded(money(value));
}

export interface EquityStatistics {
  /** Per-candle mean return over its sample standard deviation, × √(periods per year). */
  sharpe: number | null;
  /** The mean return over the downside deviation (target 0), × √(periods per year). */
  sortino: number | null;
  /** The longest time from a peak of the equity to its first close back at or above it. */
  maxDrawdownDurationMs: number;
}

/**
 * Streams the equity at each close, as doubles, into the return statistics and the drawdown
 * duration; O(1) a candle and nothing held, so a search point pays next to nothing for it.
 */
export class EquityStream {
  private previous: number;
  private count = 0;
  /** Sums of the returns, of their squares, and of the squares of the negative ones. */
  private sum = 0;
  private squares = 0;
  private downside = 0;
  private peak: number;
  private peakTime: number;
  private under = false;
  private longest = 0;
  private lastTime: number;

  /** `initial` is the equity at `startTime`, the first candle's open. */
  constructor(initial: number, startTime: number) {
    this.previous = initial;
    this.peak = initial;
    this.peakTime = startTime;
    this.lastTime = startTime;
  }

  add(time: number, value: number): void {
    this.count++;
    this.lastTime = time;
    // A flat candle (most of a run) returns 0: it adds to no sum, and at a peak stays one.
    if (value === this.previous) {
      if (!this.under) this.peakTime = time;
      return;
    }
    const r = value / this.previous - 1;
    this.previous = value;
    this.sum += r;
    this.squares += r * r;
    if (r < 0) this.downside += r * r;
    if (value >= this.peak) {
      if (this.under) this.longest = Math.max(this.longest, time - this.peakTime);
      this.under = false;
      this.peak = value;
      this.peakTime = time;
    } else {
      this.under = true;
    }
  }

  result(periodsPerYear: number): EquityStatistics {
    const n = this.count;
    const scale = Math.sqrt(periodsPerYear);
    const mean = n === 0 ? 0 : this.sum / n;
    // Returns are small and their mean smaller: the one-pass variance loses nothing visible.
    const variance = n < 2 ? 0 : Math.max(0, (this.squares - mean * this.sum) / (n - 1));
    const sd = Math.sqrt(variance);
    const downsideDeviation = n < 2 ? 0 : Math.sqrt(this.downside / (n - 1));
    const longest = this.under
      ? Math.max(this.longest, this.lastTime - this.peakTime)
      : this.longest;
    return {
      sharpe: sd > 0 ? (mean / sd) * scale : null,
      sortino: downsideDeviation > 0 ? (mean / downsideDeviation) * scale : null,
      maxDrawdownDurationMs: longest,
    };
  }
}

/** Compound annual growth from `initial` to `final` over `spanMs`, a fraction; null if undefined. */
export function cagr(initial: number, final: number, spanMs: number): number | null {
  if (!(initial > 0) || !(spanMs > 0)) return null;
  const growth = (final / initial) ** (YEAR_MS / spanMs) - 1;
  return Number.isFinite(growth) ? growth : null;
}

/** The closed round trips summed exactly: a pnl above 0 is a win, below 0 a loss, 0 neither. */
export interface TradeTotals {
  roundTrips: number;
  wins: number;
  losses: number;
  /** Sum of the winning pnls, of the losing ones (<= 0), of all. */
  gains: Money;
  lost: Money;
  realized: Money;
  /** Sum of the round trips' times from buy to sell. */
  durationMs: number;
}

export interface TradeStatistics {
  profitFactor: string | null;
  expectancy: string | null;
  avgWin: string | null;
  avgLoss: string | null;
  avgTradeDurationMs: number | null;
}

/** Exact decimal quotients of the round trips' totals; null where nothing divides. */
export function tradeStatistics(totals: TradeTotals): TradeStatistics {
  const { roundTrips, wins, losses, gains, lost, realized } = totals;
  return {
    profitFactor: losses === 0 ? null : rounded(gains.div(lost.neg())),
    expectancy: roundTrips === 0 ? null : rounded(realized.div(roundTrips)),
    avgWin: wins === 0 ? null : rounded(gains.div(wins)),
    avgLoss: losses === 0 ? null : rounded(lost.div(losses)),
    avgTradeDurationMs: roundTrips === 0 ? null : Math.round(totals.durationMs / roundTrips),
  };
}
