import { assertPeriod } from './period';

/**
 * Streaming Wilder RSI(n) as in TA-Lib, except that flat prices give 50 (the trading
 * rules say so; TA-Lib gives 0). The first value comes with the (n + 1)-th close: the
 * first averages are the simple means of the first n gains and losses, later ones are
 * smoothed `avg = (prevAvg * (n - 1) + current) / n`. Allocation-free per update.
 */
export class RsiStream {
  private seen = 0;
  /**
   * The smoothing's state. From the (n + 1)-th close on, a loop over many closes may keep
   * these in locals, advance them with `smooth` of `gainOf` and `lossOf` the change, read
   * `rsiOf` them and write them back: the same numbers as `update`, without field reads and
   * writes per close.
   * Methods, not module functions: V8 inlines a method of a known object into a hot loop,
   * where a call to another module's function cost three times the arithmetic.
   */
  prevClose = 0;
  avgGain = 0;
  avgLoss = 0;

  constructor(readonly period: number) {
    assertPeriod('RSI', period);
  }

  /** Wilder's smoothing of a running average, from the (n + 1)-th close on. */
  smooth(avg: number, x: number): number {
    const n = this.period;
    return (avg * (n - 1) + x) / n;
  }

  /** The gain of a close-to-close change: the change when up, else 0. */
  gainOf(change: number): number {
    return change > 0 ? change : 0;
  }

  /** The loss of a close-to-close change: minus the change when down, else 0. */
  lossOf(change: number): number {
    return change < 0 ? -change : 0;
  }

  /** RSI from the averages: 50 when flat, 100 with no losses. */
  rsiOf(avgGain: number, avgLoss: number): number {
    if (avgLoss === 0) return avgGain === 0 ? 50 : 100;
    return 100 - 100 / (1 + avgGain / avgLoss);
  }

  update(close: number): number {
    const change = close - this.prevClose;
    this.prevClose = close;
    const gain = this.gainOf(change);
    const loss = this.lossOf(change);
    const n = this.period;
    if (this.seen > n) {
      this.avgGain = this.smooth(this.avgGain, gain);
      this.avgLoss = this.smooth(this.avgLoss, loss);
      return this.rsiOf(this.avgGain, this.avgLoss);
    }
    // The first close only sets prevClose; the next n accumulate the seed sums.
    this.seen++;
    if (this.seen === 1) return Number.NaN;
    this.avgGain += gain;
    this.avgLoss += loss;
    if (this.seen <= n) return Number.NaN;
    this.avgGain /= n;
    this.avgLoss /= n;
    return this.rsiOf(this.avgGain, this.avgLoss);
  }
}

/** RSI(n) of every close, NaN before the (n + 1)-th; the same numbers as `RsiStream`. */
export function rsi(closes: ArrayLike<number>, period: number): Float64Array {
  const stream = new RsiStream(period);
  const out = new Float64Array(closes.length);
  for (let i = 0; i < closes.length; i++) out[i] = stream.update(closes[i]);
  return out;
}
