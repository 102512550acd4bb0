import {
  AreaSeries,
  type AutoscaleInfo,
  BaselineSeries,
  createChart,
  createSeriesMarkers,
  type LineData,
  LineSeries,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { chartOptions, LOGO_PX, priceFormat } from './axis';
import { drawdown, type EquityPoint, equityLine } from './equity-series';
import { curveMarkers, type Fill } from './series';

/** The drawdown pane's share of the height. */
const DRAWDOWN_SHARE = 0.3;

/**
 * A backtest's equity at each candle close over the whole run, its fills marked (merged past
 * a few hundred), buy-and-hold beside it when known, and the drawdown in a pane below.
 */
export function EquityChart({
  equity,
  fills,
  buyAndHold,
}: {
  equity: readonly EquityPoint[];
  fills: readonly Fill[];
  buyAndHold?: readonly LineData<UTCTimestamp>[] | null;
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const options = chartOptions();
    // The whole run and no more: the edge labels are moved in, not clipped.
    const chart = createChart(container.current!, {
      ...options,
      timeScale: { ...options.timeScale, fixRightEdge: true },
    });
    const line = equityLine(equity);
    if (buyAndHold && buyAndHold.length > 0) {
      const hold = chart.addSeries(LineSeries, {
        color: '#8c959f',
        lineWidth: 1,
        title: 'buy and hold',
        priceFormat: priceFormat(),
        priceLineVisible: false,
        crosshairMarkerVisible: false,
      });
      hold.setData([...buyAndHold]);
    }
    const series = chart.addSeries(AreaSeries, {
      lineColor: '#0969da',
      topColor: 'rgba(9, 105, 218, 0.25)',
      bottomColor: 'rgba(9, 105, 218, 0.02)',
      lineWidth: 2,
      title: 'equity',
      priceFormat: priceFormat(),
    });
    series.setData(line);
    createSeriesMarkers(
      series,
      curveMarkers(
        line.map((point) => point.time),
        fills,
      ),
    );

    const below = chart.addSeries(
      BaselineSeries,
      {
        baseValue: { type: 'price', price: 0 },
        bottomLineColor: '#cf222e',
        bottomFillColor1: 'rgba(207, 34, 46, 0.05)',
        bottomFillColor2: 'rgba(207, 34, 46, 0.3)',
        lineWidth: 1,
        title: 'drawdown',
        priceLineVisible: false,
        priceFormat: {
          type: 'custom',
          // No "-0.0 %" for a dip smaller than the precision shown.
          formatter: (value: number) => `${(value > -0.005 ? 0 : value).toFixed(2)} %`,
        },
        // The logo sits in the last pane's bottom left corner: the deepest drawdown stays above.
        autoscaleInfoProvider: (original: () => AutoscaleInfo | null) => {
          const info = original();
          return info && { ...info, margins: { above: 6, below: LOGO_PX } };
        },
      },
      1,
    );
    below.setData(drawdown(line));
    const [main, pane] = chart.panes();
    main.setStretchFactor(1 - DRAWDOWN_SHARE);
    pane.setStretchFactor(DRAWDOWN_SHARE);
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [equity, fills, buyAndHold]);
  return (
    <div
      className="chart equity"
      role="figure"
      aria-label="Equity curve with drawdown below"
      ref={container}
    />
  );
}
