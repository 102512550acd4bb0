const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Binance's kline intervals, each with its length: the one definition of an interval. */
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

/** Every interval, shortest first (the order validation messages and the API schema list). */
export const INTERVALS = Object.keys(INTERVAL_MS) as readonly Interval[];
