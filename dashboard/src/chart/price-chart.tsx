import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineSeries,
  LineStyle,
  type Time,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { type ApiCandle, type Fill, fillMarkers, indicatorLines, toCandlesticks } from './series';

export interface PriceLevel {
  title: string;
  price: string | null | undefined;
  color: string;
}

interface PriceChartProps {
  candles: readonly ApiCandle[];
  /** The strategy's params: which EMA lines and RSI to draw (series.ts). */
  params: Record<string, number>;
  fills: readonly Fill[];
  /** Entry, stop loss, take profit, trailing stop: drawn while a position is open. */
  levels?: readonly PriceLevel[];
  secondsVisible?: boolean;
}

const LINE_COLORS = ['#0969da', '#bf8700', '#8250df', '#1b7c83'];
const VISIBLE_CANDLES = 120;

interface Drawn {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  markers: ISeriesMarkersPluginApi<Time>;
  lines: Map<string, ISeriesApi<'Line'>>;
  rsi: ISeriesApi<'Line'> | null;
  rsiLevels: IPriceLine[];
  levels: IPriceLine[];
}

/**
 * Candles with the strategy's EMA lines, an RSI pane below, a marker per fill and the open
 * position's levels, drawn by TradingView's lightweight-charts into a canvas. The chart is
 * made once; new data (polled) updates its series in place, keeping the user's zoom.
 */
export function PriceChart({
  candles,
  params,
  fills,
  levels = [],
  secondsVisible,
}: PriceChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const fitted = useRef(false);

  useEffect(() => {
    const chart = createChart(container.current!, {
      autoSize: true,
      layout: { background: { color: '#ffffff' }, textColor: '#24292f', fontSize: 12 },
      grid: { vertLines: { color: '#f0f2f4' }, horzLines: { color: '#f0f2f4' } },
      timeScale: { timeVisible: true, secondsVisible: secondsVisible ?? false },
    });
    const series = chart.addSeries(CandlestickSeries, {
      upColor: '#1a7f37',
      downColor: '#cf222e',
      borderVisible: false,
      wickUpColor: '#1a7f37',
      wickDownColor: '#cf222e',
    });
    drawn.current = {
      chart,
      candles: series,
      markers: createSeriesMarkers(series, []),
      lines: new Map(),
      rsi: null,
      rsiLevels: [],
      levels: [],
    };
    return () => {
      chart.remove();
      drawn.current = null;
      fitted.current = false;
    };
  }, [secondsVisible]);

  useEffect(() => {
    const current = drawn.current;
    if (!current) return;
    current.candles.setData(toCandlesticks(candles));
    current.markers.setMarkers(fillMarkers(candles, fills));
    const indicators = indicatorLines(candles, params);

    const wanted = new Set(indicators.emas.map((line) => line.name));
    for (const [name, series] of current.lines) {
      if (!wanted.has(name)) {
        current.chart.removeSeries(series);
        current.lines.delete(name);
      }
    }
    indicators.emas.forEach((line, i) => {
      let series = current.lines.get(line.name);
      if (!series) {
        series = current.chart.addSeries(LineSeries, {
          color: LINE_COLORS[i % LINE_COLORS.length],
          lineWidth: 2,
          priceLineVisible: false,
          lastValueVisible: false,
          crosshairMarkerVisible: false,
        });
        current.lines.set(line.name, series);
      }
      series.applyOptions({ title: `EMA ${line.period}` });
      series.setData(line.points);
    });

    if (indicators.rsi && !current.rsi) {
      current.rsi = current.chart.addSeries(
        LineSeries,
        { color: '#8250df', lineWidth: 1, priceLineVisible: false },
        1,
      );
      current.chart.panes()[1]?.setStretchFactor(0.3);
    } else if (!indicators.rsi && current.rsi) {
      current.chart.removeSeries(current.rsi);
      current.rsi = null;
      current.rsiLevels = [];
    }
    if (current.rsi && indicators.rsi) {
      current.rsi.applyOptions({ title: `RSI ${indicators.rsi.period}` });
      current.rsi.setData(indicators.rsi.points);
      for (const line of current.rsiLevels) current.rsi.removePriceLine(line);
      const rsiSeries = current.rsi;
      current.rsiLevels = indicators.rsi.levels.map((price) =>
        rsiSeries.createPriceLine({
          price,
          color: '#8c959f',
          lineStyle: LineStyle.Dashed,
          lineWidth: 1,
          axisLabelVisible: true,
          title: '',
        }),
      );
    }

    for (const line of current.levels) current.candles.removePriceLine(line);
    current.levels = levels
      .filter((level) => level.price)
      .map((level) =>
        current.candles.createPriceLine({
          price: Number(level.price),
          color: level.color,
          lineStyle: LineStyle.Dashed,
          lineWidth: 1,
          axisLabelVisible: true,
          title: level.title,
        }),
      );

    // First data: the latest candles, wide enough to read; the rest is a scroll away.
    if (!fitted.current && candles.length > 0) {
      current.chart
        .timeScale()
        .setVisibleLogicalRange({ from: candles.length - VISIBLE_CANDLES, to: candles.length + 2 });
      fitted.current = true;
    }
  }, [candles, params, fills, levels, secondsVisible]);

  return <div className="chart" role="img" aria-label="Price chart" ref={container} />;
}
