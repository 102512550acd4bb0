import { INTERVAL_MS, type Interval } from './interval';
/** One kline; prices and volume are decimal strings as the exchange sends them. */
export interface Candle {
  openTime: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  /** openTime + interval - 1 ms, as on Binance. */
  closeTime: number;
}

/** A candle as Binance's first seven kline fields: the compact form to send or store. */
export type CandleRow = [number, string, string, string, string, string, number];

export const toCandleRow = (c: Candle): CandleRow => [
  c.openTime,
  c.open,
  c.high,
  c.low,
  c.close,
  c.volume,
  c.closeTime,
];

export const fromCandleRow = ([
  openTime,
  open,
  high,
  low,
  close,
  volume,
  closeTime,
]: CandleRow): Candle => ({
  openTime,
  open,
  high,
  low,
  close,
  volume,
  closeTime,
});

/**
 * A slot is the boundary at which a candle closed (its closeTime + 1 ms, the next candle's
 * openTime). All intervals up to 1d align to the Unix epoch in UTC, as Binance's do.
 */
export function lastClosedSlot(interval: Interval, now: number): number {
  const length = INTERVAL_MS[interval];
  return Math.floor(now / length) * length;
}

export function nextSlot(interval: Interval, now: number): number {
  return lastClosedSlot(interval, now) + INTERVAL_MS[interval];
}

/** Candles as numbers, one column each: what strategies read (`StrategyCandles`). */
export interface CandleColumns {
  readonly length: number;
  readonly openTime: Float64Array;
  readonly closeTime: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** Parses every price and volume once, for all the bots that read these candles. */
export function candleColumns(candles: readonly Candle[]): CandleColumns {
  const column = (read: (candle: Candle) => number | string) =>
    Float64Array.from(candles, (candle) => Number(read(candle)));
  return {
    length: candles.length,
    openTime: column((c) => c.openTime),
    closeTime: column((c) => c.closeTime),
    open: column((c) => c.open),
    high: column((c) => c.high),
    low: column((c) => c.low),
    close: column((c) => c.close),
    volume: column((c) => c.volume),
  };
}
