import { assertPeriod } from './period';

/**
 * Streaming Wilder RSI(n) as in TA-Lib, except that flat prices give 50 (the trading
 * rules say so; TA-Lib gives 0). The first value comes with the (n + 1)-th close: the
 * first averages are the simple means of the first n gains and losses, later ones are
 * smoothed `avg = (prevAvg * (n - 1) + current) / n`. Allocation-free per update.
 */
export class RsiStream {
  private seen = 0;
  private prevClose = 0;
  private avgGain = 0;
  private avgLoss = 0;

  constructor(readonly period: number) {
    assertPeriod('RSI', period);
  }

  update(close: number): number {
    const change = close - this.prevClose;
    this.prevClose = close;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    const n = this.period;
    if (this.seen > n) {
      this.avgGain = (this.avgGain * (n - 1) + gain) / n;
      this.avgLoss = (this.avgLoss * (n - 1) + loss) / n;
      return rsiOf(this.avgGain, this.avgLoss);
    }
    // The first close only sets prevClose; the next n accumulate the seed sums.
    this.seen++;
    if (this.seen === 1) return Number.NaN;
    this.avgGain += gain;
    this.avgLoss += loss;
    if (this.seen <= n) return Number.NaN;
    this.avgGain /= n;
    this.avgLoss /= n;
    return rsiOf(this.avgGain, this.avgLoss);
  }
}

/** RSI(n) of every close, NaN before the (n + 1)-th; the same numbers as `RsiStream`. */
export function rsi(closes: ArrayLike<number>, period: number): Float64Array {
  const stream = new RsiStream(period);
  const out = new Float64Array(closes.length);
  for (let i = 0; i < closes.length; i++) out[i] = stream.update(closes[i]);
  return out;
}

function rsiOf(avgGain: number, avgLoss: number): number {
  if (avgLoss === 0) return avgGain === 0 ? 50 : 100;
  return 100 - 100 / (1 + avgGain / avgLoss);
}
