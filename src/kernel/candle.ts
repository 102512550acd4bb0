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
