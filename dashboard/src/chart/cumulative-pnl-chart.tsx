import { BaselineSeries, createChart, type Time } from 'lightweight-charts';
import { useEffect, useRef } from 'react';

export interface CumulativeDay {
  /** UTC day, YYYY-MM-DD: a business day on the chart's time scale. */
  day: string;
  cumulativePnl: string;
}

/** Realized PnL summed day by day across the user's bots: green above zero, red below. */
export function CumulativePnlChart({ days }: { days: readonly CumulativeDay[] }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = createChart(container.current!, {
      autoSize: true,
      layout: { background: { color: '#ffffff' }, textColor: '#24292f', fontSize: 12 },
      grid: { vertLines: { color: '#f0f2f4' }, horzLines: { color: '#f0f2f4' } },
      localization: {
        priceFormatter: (price: number) =>
          price.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      },
    });
    const series = chart.addSeries(BaselineSeries, {
      baseValue: { type: 'price', price: 0 },
      topLineColor: '#1a7f37',
      topFillColor1: 'rgba(26, 127, 55, 0.25)',
      topFillColor2: 'rgba(26, 127, 55, 0.02)',
      bottomLineColor: '#cf222e',
      bottomFillColor1: 'rgba(207, 34, 46, 0.02)',
      bottomFillColor2: 'rgba(207, 34, 46, 0.25)',
      lineWidth: 2,
    });
    series.setData(
      days.map((day) => ({ time: day.day as Time, value: Number(day.cumulativePnl) })),
    );
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [days]);
  // A figure, not an img: the chart holds the library's attribution link, which an img hides.
  return (
    <div
      className="chart cumulative-pnl"
      role="figure"
      aria-label="Cumulative realized PnL by day"
      ref={container}
    />
  );
}
