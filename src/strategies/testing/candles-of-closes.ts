import type { StrategyCandle, StrategyCandles } from '../strategy.interface';

const MINUTE = 60_000;

/** One-minute candles whose every price is the close: for strategies that read closes only. */
export function candlesOfCloses(closes: ArrayLike<number>): StrategyCandles {
  const column = Float64Array.from(closes);
  const times = Float64Array.from(column, (_, i) => i * MINUTE);
  return {
    length: column.length,
    openTime: times,
    closeTime: times.map((time) => time + MINUTE - 1),
    open: column,
    high: column,
    low: column,
    close: column,
    volume: new Float64Array(column.length),
  };
}

/** Candle `i` of `candlesOfCloses`, alone. */
export function candleOfClose(close: number, i = 0): StrategyCandle {
  const openTime = i * MINUTE;
  return {
    openTime,
    closeTime: openTime + MINUTE - 1,
    open: close,
    high: close,
    low: close,
    close,
    volume: 0,
  };
}
