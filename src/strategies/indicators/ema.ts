import { assertPeriod } from './period';

/**
 * Streaming EMA(n) as in TA-Lib: NaN until the n-th close, which yields the simple mean of
 * the first n closes; after that `ema = close * k + prevEma * (1 - k)`, `k = 2 / (n + 1)`.
 * Allocation-free per update, so a backtester can push millions of closes through it.
 */
export class EmaStream {
  readonly k: number;
  readonly keep: number;
  private seen = 0;
  private sum = 0;
  /**
   * The latest EMA, NaN before the n-th close. From the n-th close on, a loop over many
   * closes may keep it in a local, advance it with `step` and write it back: the same numbers
   * as `update`, without a field read and write per close.
   */
  value = Number.NaN;

  constructor(readonly period: number) {
    assertPeriod('EMA', period);
    this.k = 2 / (period + 1);
    this.keep = 1 - this.k;
  }

  /**
   * The EMA after `close`, from the n-th close on. A method, not a module function: V8
   * inlines a method of a known object into a hot loop, where a call to another module's
   * function cost three times the arithmetic.
   */
  step(ema: number, close: number): number {
    return close * this.k + ema * this.keep;
  }

  update(close: number): number {
    if (this.seen >= this.period) {
      this.value = this.step(this.value, close);
      return this.value;
    }
    this.seen++;
    this.sum += close;
    if (this.seen === this.period) this.value = this.sum / this.period;
    return this.value;
  }
}

/** EMA(n) of every close, NaN before the n-th; the same numbers as `EmaStream`. */
export function ema(closes: ArrayLike<number>, period: number): Float64Array {
  const stream = new EmaStream(period);
  const out = new Float64Array(closes.length);
  for (let i = 0; i < closes.length; i++) out[i] = stream.update(closes[i]);
  return out;
}
