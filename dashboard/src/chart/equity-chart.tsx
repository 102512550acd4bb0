import {
  AreaSeries,
  createChart,
  createSeriesMarkers,
  type SeriesMarker,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { Fill } from './series';

/** More points than a screen has pixels only cost time: the curve is thinned to this. */
const MAX_POINTS = 4000;

export interface EquityPoint {
  time: number;
  value: string;
}

function thin(points: readonly EquityPoint[]): EquityPoint[] {
  if (points.length <= MAX_POINTS) return [...points];
  const step = Math.ceil(points.length / MAX_POINTS);
  const kept = points.filter((_, i) => i % step === 0);
  if (kept.at(-1) !== points.at(-1)) kept.push(points.at(-1)!);
  return kept;
}

/** A backtest's equity at each candle close, with its fills marked. */
export function EquityChart({
  equity,
  fills,
}: {
  equity: readonly EquityPoint[];
  fills: readonly Fill[];
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = createChart(container.current!, {
      autoSize: true,
      layout: { background: { color: '#ffffff' }, textColor: '#24292f', fontSize: 12 },
      grid: { vertLines: { color: '#f0f2f4' }, horzLines: { color: '#f0f2f4' } },
      timeScale: { timeVisible: true },
    });
    const series = chart.addSeries(AreaSeries, {
      lineColor: '#0969da',
      topColor: 'rgba(9, 105, 218, 0.25)',
      bottomColor: 'rgba(9, 105, 218, 0.02)',
      lineWidth: 2,
    });
    const points = thin(equity);
    const data = points.map((point) => ({
      time: Math.floor(point.time / 1000) as UTCTimestamp,
      value: Number(point.value),
    }));
    series.setData(data);
    // Equity points are candle closes, as are the fills' times: a fill sits on its point.
    const times = data.map((point) => point.time);
    const markers: SeriesMarker<UTCTimestamp>[] = [];
    for (const fill of fills) {
      const at = Math.floor(fill.time / 1000);
      const index = nearestAtOrBefore(times, at);
      if (index < 0) continue;
      const buy = fill.side === 'BUY';
      markers.push({
        time: times[index],
        position: buy ? 'belowBar' : 'aboveBar',
        shape: buy ? 'arrowUp' : 'arrowDown',
        color: buy ? '#1a7f37' : '#cf222e',
      });
    }
    createSeriesMarkers(series, markers);
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [equity, fills]);
  return <div className="chart equity" role="img" aria-label="Equity curve" ref={container} />;
}

function nearestAtOrBefore(times: readonly number[], time: number): number {
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
