import { INTERVAL_MS, INTERVALS, type Interval } from '../../../src/kernel/interval';
import type { ApiCandle } from './series';

/** A backtest's range on the exchange, as GET /api/market/candles takes it. */
export interface CandleRange {
  symbol: string;
  interval: Interval;
  startTime: number;
  endTime: number;
}

/** The most GET /api/market/candles gives of a range: its last ones. */
export const RANGE_CANDLES = 500;
/** Candles shown after the last trade of a page: its exit's aftermath. */
const AFTER_TRADES = 30;

/**
 * Where the chart's candles of a long range end: a little after the trades the table shows
 * (or the one selected), so the chart has them; never past the range.
 */
export function candlesEnd(range: CandleRange, lastShown: number | undefined): number {
  if (lastShown === undefined) return range.endTime;
  return Math.min(range.endTime, lastShown + AFTER_TRADES * INTERVAL_MS[range.interval]);
}

/**
 * Where a selected trade's candles end when the chart does not hold it: half a chart after it,
 * so it sits in the middle; undefined when the chart holds it already.
 */
export function endToShow(
  range: CandleRange,
  candles: readonly ApiCandle[] | undefined,
  time: number,
): number | undefined {
  const first = candles?.[0];
  const last = candles?.at(-1);
  // A fill follows its candle's close: the last candle holds the fills of one interval more.
  if (
    first &&
    last &&
    first.closeTime <= time &&
    time < last.closeTime + INTERVAL_MS[range.interval]
  ) {
    return undefined;
  }
  return Math.min(range.endTime, time + (RANGE_CANDLES / 2) * INTERVAL_MS[range.interval]);
}

/**
 * The interval to draw buy-and-hold over a whole range in one request: the range's own, or
 * the shortest longer one whose candles over the range are no more than the API gives.
 */
export function holdInterval(range: CandleRange): Interval {
  const span = range.endTime - range.startTime;
  const own = INTERVAL_MS[range.interval];
  return (
    INTERVALS.find(
      (interval) => INTERVAL_MS[interval] >= own && span / INTERVAL_MS[interval] < RANGE_CANDLES,
    ) ?? '1d'
  );
}

/**
 * Closes over the whole run for buy-and-hold: the long candles closed before the run's last
 * candle, then that one, which ends it exactly.
 */
export function closesOver(coarse: readonly ApiCandle[], last: ApiCandle): ApiCandle[] {
  return [...coarse.filter((candle) => candle.closeTime < last.closeTime), last];
}
