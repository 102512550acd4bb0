import { KLINE_INTERVAL_MS, type KlineInterval } from './kline-intervals';

/** Closes of consecutive steps: a list, or a function of the step index (negative = history). */
export type PriceSeries = readonly number[] | ((index: number) => number);

export interface PricePathOptions {
  /** Length of one step of the series. Default '1m'. */
  interval?: KlineInterval;
  /**
   * Open time of step 0. By default the series is anchored at the step containing now: a
   * function's step 0 is now, and a list's last element is now (so the list is the history).
   */
  startTime?: number;
  /** How far wicks reach past open and close, as a fraction of the price. Default 0.0005. */
  wick?: number;
}

/**
 * A scripted price over time: the price at time t is the close of the step containing t.
 * A list starts at step 0 (nothing traded before: the symbol was listed then) and holds its
 * last value forever; a function covers all time.
 */
export class PricePath {
  readonly stepMs: number;
  readonly startTime: number;
  readonly wick: number;

  constructor(
    private readonly series: PriceSeries,
    options: PricePathOptions,
    now: number,
  ) {
    this.stepMs = KLINE_INTERVAL_MS[options.interval ?? '1m'];
    const currentStepOpen = Math.floor(now / this.stepMs) * this.stepMs;
    const anchor = typeof series === 'function' ? 0 : series.length - 1;
    this.startTime = options.startTime ?? currentStepOpen - anchor * this.stepMs;
    this.wick = options.wick ?? 0.0005;
    if (typeof series !== 'function' && series.length === 0) {
      throw new Error('A price path needs at least one price');
    }
  }

  /** The first instant with a price, or -Infinity for a function. */
  get firstTime(): number {
    return typeof this.series === 'function' ? -Infinity : this.startTime;
  }

  stepAt(time: number): number {
    return Math.floor((time - this.startTime) / this.stepMs);
  }

  priceAtStep(step: number): number {
    if (typeof this.series === 'function') return this.series(step);
    const last = this.series.length - 1;
    return this.series[Math.min(Math.max(step, 0), last)];
  }

  priceAt(time: number): number {
    return this.priceAtStep(this.stepAt(time));
  }
}
