import type { LineData, UTCTimestamp } from 'lightweight-charts';
import type { ApiCandle } from './series';

/** More points than a screen has pixels only cost time: the curve is thinned to this. */
const MAX_POINTS = 4000;

/** A backtest's equity at a candle's close (ms), as the report gives it. */
export interface EquityPoint {
  time: number;
  value: string;
}

const seconds = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

/** Every nth item kept past MAX_POINTS, the last one always. */
function thin<T>(items: readonly T[]): T[] {
  const step = Math.ceil(items.length / MAX_POINTS);
  return items.filter((_, i) => i % step === 0 || i === items.length - 1);
}

/** The curve as chart points, thinned past MAX_POINTS. */
export function equityLine(points: readonly EquityPoint[]): LineData<UTCTimestamp>[] {
  return thin(points).map((point) => ({ time: seconds(point.time), value: Number(point.value) }));
}

/** How far below its peak so far the equity is, in percent (0 at a new high, negative below). */
export function drawdown(line: readonly LineData<UTCTimestamp>[]): LineData<UTCTimestamp>[] {
  let peak = -Infinity;
  return line.map(({ time, value }) => {
    peak = Math.max(peak, value);
    return { time, value: peak > 0 ? (value / peak - 1) * 100 : 0 };
  });
}

/**
 * What the starting equity would be worth had it bought at the run's first close and held:
 * at each candle close from `candles` (thinned past MAX_POINTS), the close over `startClose`.
 * Fees are left out.
 */
export function buyAndHold(
  start: EquityPoint,
  startClose: string | number,
  candles: readonly ApiCandle[],
): LineData<UTCTimestamp>[] {
  const units = Number(start.value) / Number(startClose);
  if (!Number.isFinite(units)) return [];
  return thin(candles.filter((candle) => candle.closeTime >= start.time)).map((candle) => ({
    time: seconds(candle.closeTime),
    value: units * Number(candle.close),
  }));
}
