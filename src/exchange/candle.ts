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

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const INTERVAL_MS = {
  '1s': SECOND,
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '4h': 4 * HOUR,
  '6h': 6 * HOUR,
  '8h': 8 * HOUR,
  '12h': 12 * HOUR,
  '1d': 24 * HOUR,
} as const;

export type Interval = keyof typeof INTERVAL_MS;

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
