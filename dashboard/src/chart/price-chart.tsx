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
import { chartOptions, edgeSafeLabels, LOGO_PX, priceFormat } from './axis';
import {
  type ApiCandle,
  type Fill,
  fillMarkers,
  indicatorLines,
  initialWindow,
  toCandlesticks,
  windowAt,
} from './series';

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
  /** The symbol's tick size: prices on the axis and the markers are written to it. */
  tickSize?: string;
  /** A fill time (ms) the first window reaches back to: the oldest trade of the table. */
  showFrom?: number;
  /** A new value draws the first window again: the candles are another stretch of time. */
  windowKey?: number;
  /** A fill to move the chart to (a new object each time, so the same one moves it again). */
  focus?: { time: number } | null;
}

const LINE_COLORS = ['#0969da', '#bf8700', '#8250df', '#1b7c83'];
const VISIBLE_CANDLES = 120;
/** The RSI pane's share of the height: at least a quarter, to read its levels apart. */
const RSI_SHARE = 0.28;

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
  tickSize,
  showFrom,
  windowKey,
  focus,
}: PriceChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const fitted = useRef(false);
  const fittedKey = useRef(windowKey);
  const focused = useRef<{ time: number } | null>(null);

  useEffect(() => {
    const chart = createChart(container.current!, chartOptions(secondsVisible));
    edgeSafeLabels(chart);
    const series = chart.addSeries(CandlestickSeries, {
      priceFormat: priceFormat(tickSize),
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
  }, [secondsVisible, tickSize]);

  useEffect(() => {
    const current = drawn.current;
    if (!current) return;
    current.candles.setData(toCandlesticks(candles));
    current.markers.setMarkers(fillMarkers(candles, fills, tickSize));
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
        {
          color: '#8250df',
          lineWidth: 1,
          priceLineVisible: false,
          // The margin below holds the logo: its scale is no RSI, so it has no labels.
          priceFormat: {
            type: 'custom',
            formatter: (value: number) =>
              value < 0 || value > 100 ? '' : String(Math.round(value * 100) / 100),
          },
          // 0 to 100 always, so the levels keep their place and their labels apart; the
          // logo sits in the last pane's bottom left corner, under the line.
          autoscaleInfoProvider: () => ({
            priceRange: { minValue: 0, maxValue: 100 },
            margins: { above: 6, below: LOGO_PX },
          }),
        },
        1,
      );
      const [main, pane] = current.chart.panes();
      main.setStretchFactor(1 - RSI_SHARE);
      pane.setStretchFactor(RSI_SHARE);
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

    // First data: the latest candles, wide enough to read, back to the table's trades.
    if (fittedKey.current !== windowKey) fitted.current = false;
    if (!fitted.current && candles.length > 0) {
      current.chart
        .timeScale()
        .setVisibleLogicalRange(initialWindow(candles, showFrom, VISIBLE_CANDLES));
      fitted.current = true;
      fittedKey.current = windowKey;
    }
  }, [candles, params, fills, levels, secondsVisible, tickSize, showFrom, windowKey]);

  useEffect(() => {
    const current = drawn.current;
    if (!current || !focus || focused.current === focus || candles.length === 0) return;
    const moved = windowAt(candles, focus.time, current.chart.timeScale().getVisibleLogicalRange());
    // Not on these candles: the next ones (asked for by the page) may hold it.
    if (!moved) return;
    current.chart.timeScale().setVisibleLogicalRange(moved);
    focused.current = focus;
  }, [focus, candles]);

  return <div className="chart" role="figure" aria-label="Price chart" ref={container} />;
}
