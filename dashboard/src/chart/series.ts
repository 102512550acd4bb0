import type { CandlestickData, LineData, SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import { ema } from '../../../src/strategies/indicators/ema';
import { rsi } from '../../../src/strategies/indicators/rsi';

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

function line(candles: readonly ApiCandle[], values: Float64Array): LineData<UTCTimestamp>[] {
  const points: LineData<UTCTimestamp>[] = [];
  values.forEach((value, i) => {
    if (!Number.isNaN(value)) points.push({ time: seconds(candles[i].openTime), value });
  });
  return points;
}

export interface IndicatorLines {
  emas: { name: string; period: number; points: LineData<UTCTimestamp>[] }[];
  rsi: { period: number; points: LineData<UTCTimestamp>[]; levels: number[] } | null;
}

/**
 * The strategy's indicators over the candles, by the engine's own code (so the lines are
 * the numbers the bot decides on): every integer param named `ema…` is an EMA period,
 * `rsiPeriod` an RSI period, `rsiOverbought` and `rsiOversold` its levels.
 */
export function indicatorLines(
  candles: readonly ApiCandle[],
  params: Record<string, number>,
): IndicatorLines {
  const closes = candles.map((candle) => Number(candle.close));
  const periodOf = (value: number | undefined) =>
    value !== undefined && Number.isInteger(value) && value >= 1 ? value : null;
  const emas = Object.entries(params)
    .filter(([name, value]) => /^ema/i.test(name) && periodOf(value) !== null)
    .map(([name, period]) => ({ name, period, points: line(candles, ema(closes, period)) }));
  const rsiPeriod = periodOf(params.rsiPeriod);
  const levels = [params.rsiOverbought, params.rsiOversold].filter(
    (level) => typeof level === 'number',
  );
  return {
    emas,
    rsi: rsiPeriod
      ? { period: rsiPeriod, points: line(candles, rsi(closes, rsiPeriod)), levels }
      : null,
  };
}

/**
 * A marker per fill, on the candle whose close it filled at: the last candle closed by the
 * fill's time. Fills before the first candle shown are left out.
 */
export function fillMarkers(
  candles: readonly ApiCandle[],
  fills: readonly Fill[],
): SeriesMarker<UTCTimestamp>[] {
  const markers: SeriesMarker<UTCTimestamp>[] = [];
  for (const fill of fills) {
    const candle = closedBy(candles, fill.time);
    if (!candle) continue;
    const buy = fill.side === 'BUY';
    markers.push({
      time: seconds(candle.openTime),
      position: buy ? 'belowBar' : 'aboveBar',
      shape: buy ? 'arrowUp' : 'arrowDown',
      color: buy ? '#1a7f37' : '#cf222e',
      text: `${buy ? 'Buy' : 'Sell'} ${Number(fill.price)}${fill.reason && fill.reason !== 'signal' ? ` (${fill.reason})` : ''}`,
    });
  }
  return markers.sort((a, b) => a.time - b.time);
}

/** Binary search: the last candle with closeTime < time (a fill follows its candle's close). */
function closedBy(candles: readonly ApiCandle[], time: number): ApiCandle | undefined {
  let low = 0;
  let high = candles.length - 1;
  let found: ApiCandle | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (candles[mid].closeTime <= time) {
      found = candles[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
