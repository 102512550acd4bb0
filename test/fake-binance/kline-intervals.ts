const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The intervals the fake serves; all align to the Unix epoch in UTC, as Binance's do. */
export const KLINE_INTERVAL_MS = {
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

export type KlineInterval = keyof typeof KLINE_INTERVAL_MS;

export function isKlineInterval(value: string): value is KlineInterval {
  return Object.hasOwn(KLINE_INTERVAL_MS, value);
}
