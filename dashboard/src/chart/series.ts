import type { CandlestickData, SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import { price } from '../ui/format';

/** A candle as the API sends it: times in ms, prices as decimal strings or numbers. */
export interface ApiCandle {
  openTime: number;
  open: string | number;
  high: string | number;
  low: string | number;
  close: string | number;
  volume: string | number;
  closeTime: number;
}

export interface Fill {
  /** When it filled, ms: at (just after) the close of the candle it decided on. */
  time: number;
  side: 'BUY' | 'SELL';
  price: string;
  reason?: string | null;
}

const seconds = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

export function toCandlesticks(candles: readonly ApiCandle[]): CandlestickData<UTCTimestamp>[] {
  return candles.map((candle) => ({
    time: seconds(candle.openTime),
    open: Number(candle.open),
    high: Number(candle.high),
    low: Number(candle.low),
    close: Number(candle.close),
  }));
}

/**
 * A marker per fill, on the candle whose close it filled at: the last candle closed by the
 * fill's time, labelled with its price on the symbol's tick. Fills before the first candle
 * shown, or after the interval that follows the last, are left out.
 */
export function fillMarkers(
  candles: readonly ApiCandle[],
  fills: readonly Fill[],
  tickSize?: string,
): SeriesMarker<UTCTimestamp>[] {
  const markers: SeriesMarker<UTCTimestamp>[] = [];
  for (const fill of fills) {
    const index = closedBy(candles, fill.time);
    if (index < 0 || fill.time > after(candles[candles.length - 1])) continue;
    const buy = fill.side === 'BUY';
    markers.push({
      time: seconds(candles[index].openTime),
      position: buy ? 'belowBar' : 'aboveBar',
      shape: buy ? 'arrowUp' : 'arrowDown',
      color: buy ? '#1a7f37' : '#cf222e',
      text: `${buy ? 'Buy' : 'Sell'} ${price(fill.price, tickSize)}${fill.reason && fill.reason !== 'signal' ? ` (${fill.reason})` : ''}`,
    });
  }
  return markers.sort((a, b) => a.time - b.time);
}

/** The end of the interval after a candle: fills up to it follow its close. */
function after(candle: ApiCandle): number {
  return 2 * candle.closeTime - candle.openTime + 1;
}

/** Binary search: the index of the last candle closed by time (a fill follows its close), or -1. */
export function closedBy(candles: readonly ApiCandle[], time: number): number {
  let low = 0;
  let high = candles.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (candles[mid].closeTime <= time) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** A range of candle indexes the chart shows, as lightweight-charts' logical range. */
export interface Window {
  from: number;
  to: number;
}

/**
 * The first window of a chart: the latest `width` candles, reaching further back when the
 * fill to show from (the oldest trade of the table) lies before them.
 */
export function initialWindow(
  candles: readonly ApiCandle[],
  showFrom: number | undefined,
  width: number,
): Window {
  const latest = candles.length - width;
  if (showFrom === undefined) return { from: latest, to: candles.length + 2 };
  // A fill from before the first candle: all of them, as far back as they go.
  const fill = Math.max(0, closedBy(candles, showFrom));
  return { from: Math.min(latest, fill - 3), to: candles.length + 2 };
}

/**
 * The window moved to center a fill, as wide as the one shown, but not past the latest candle;
 * null when its candle is not on the chart.
 */
export function windowAt(
  candles: readonly ApiCandle[],
  time: number,
  shown: Window | null,
): Window | null {
  const index = closedBy(candles, time);
  if (index < 0) return null;
  const width = shown ? shown.to - shown.from : 120;
  const to = Math.min(index + width / 2, candles.length + 2);
  return { from: to - width, to };
}

/** Fills past which markers hide the curve: then neighbours are merged into MERGED_MARKERS. */
export const MAX_MARKERS = 200;
/** Markers a long run's fills are merged into: a few hundred pixels apart on a wide chart. */
export const MERGED_MARKERS = 60;

/**
 * The fills as markers on a curve sampled at `times` (s), each on the last point at or before
 * it. Beyond `max` fills, neighbours in time are merged into `merged` markers that count them
 * (an arrow if all of one side, a circle if mixed), so the curve stays visible.
 */
export function curveMarkers(
  times: readonly number[],
  fills: readonly Fill[],
  max = MAX_MARKERS,
  merged = MERGED_MARKERS,
): SeriesMarker<UTCTimestamp>[] {
  const placed = fills
    .map((fill) => ({ side: fill.side, index: atOrBefore(times, Math.floor(fill.time / 1000)) }))
    .filter((fill) => fill.index >= 0)
    .sort((a, b) => a.index - b.index);
  if (placed.length === 0) return [];
  const groups = new Map<number, { index: number; buys: number; sells: number }>();
  const span = Math.max(1, times[placed.at(-1)!.index] - times[placed[0].index]);
  for (const fill of placed) {
    const key =
      placed.length <= max
        ? groups.size
        : Math.floor(((times[fill.index] - times[placed[0].index]) / span) * (merged - 1));
    const group = groups.get(key) ?? { index: fill.index, buys: 0, sells: 0 };
    if (fill.side === 'BUY') group.buys++;
    else group.sells++;
    groups.set(key, group);
  }
  return [...groups.values()].map(({ index, buys, sells }) => {
    const time = times[index] as UTCTimestamp;
    const count = buys + sells;
    const text = count > 1 ? `${count}` : undefined;
    if (buys > 0 && sells > 0) {
      return { time, position: 'aboveBar', shape: 'circle', color: '#57606a', text };
    }
    const buy = buys > 0;
    return {
      time,
      position: buy ? 'belowBar' : 'aboveBar',
      shape: buy ? 'arrowUp' : 'arrowDown',
      color: buy ? '#1a7f37' : '#cf222e',
      text,
    };
  });
}

/** Binary search: the index of the last time at or before `time`, or -1. */
function atOrBefore(times: readonly number[], time: number): number {
  let low = 0;
  let high = times.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (times[mid] <= time) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
