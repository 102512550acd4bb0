import { assertPeriod } from './period';

/**
 * Streaming EMA(n) as in TA-Lib: NaN until the n-th close, which yields the simple mean of
 * the first n closes; after that `ema = close * k + prevEma * (1 - k)`, `k = 2 / (n + 1)`.
 * Allocation-free per update, so a backtester can push millions of closes through it.
 */
export class EmaStream {
  private readonly k: number;
  private readonly keep: number;
  private seen = 0;
  private sum = 0;
  private ema = Number.NaN;

  constructor(readonly period: number) {
    assertPeriod('EMA', period);
    this.k = 2 / (period + 1);
    this.keep = 1 - this.k;
  }

  update(close: number): number {
    if (this.seen >= this.period) {
      this.ema = close * this.k + this.ema * this.keep;
      return this.ema;
    }
    this.seen++;
    this.sum += close;
    if (this.seen === this.period) this.ema = this.sum / this.period;
    return this.ema;
  }
}

/** EMA(n) of every close, NaN before the n-th; the same numbers as `EmaStream`. */
export function ema(closes: ArrayLike<number>, period: number): Float64Array {
  const stream = new EmaStream(period);
  const out = new Float64Array(closes.length);
  for (let i = 0; i < closes.length; i++) out[i] = stream.update(closes[i]);
  return out;
}
