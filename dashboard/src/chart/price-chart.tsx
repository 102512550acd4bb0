import {
  type AutoscaleInfo,
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
  initialWindow,
  toCandlesticks,
  windowAt,
} from './series';
import { type IndicatorPanes, strategyIndicators } from './strategy-indicators';
import type { StrategyParamValue } from '../../../src/strategies/strategy.interface';

export interface PriceLevel {
  title: string;
  price: string | null | undefined;
  color: string;
}

interface PriceChartProps {
  candles: readonly ApiCandle[];
  /** The strategy and its params: its indicators are drawn (strategy-indicators.ts). */
  strategy: string;
  params: Record<string, StrategyParamValue>;
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
const OSCILLATOR_COLORS = ['#8250df', '#1b7c83', '#bf8700', '#0969da'];
const VISIBLE_CANDLES = 120;
/** An oscillator pane's share of the height: at least a quarter, to read its levels apart. */
const OSCILLATOR_SHARE = 0.28;
const NO_INDICATORS: IndicatorPanes = { overlays: [], bounded: [], levels: [], unbounded: [] };

interface Drawn {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  markers: ISeriesMarkersPluginApi<Time>;
  /** The indicator lines by name. */
  lines: Map<string, ISeriesApi<'Line'>>;
  /** Which lines are in which pane (layoutOf). */
  layout: string;
  oscillatorLevels: IPriceLine[];
  levels: IPriceLine[];
}

/** Which lines go in which pane: the series are laid out again when it changes. */
function layoutOf(panes: IndicatorPanes): string {
  return JSON.stringify(
    [panes.overlays, panes.bounded, panes.unbounded].map((lines) => lines.map((line) => line.name)),
  );
}

/** A 0–100 scale that keeps the levels in place; the logo's room below in the last pane. */
function boundedScale(last: boolean) {
  return {
    priceFormat: {
      type: 'custom' as const,
      formatter: (value: number) =>
        value < 0 || value > 100 ? '' : String(Math.round(value * 100) / 100),
    },
    autoscaleInfoProvider: () => ({
      priceRange: { minValue: 0, maxValue: 100 },
      margins: { above: 6, below: last ? LOGO_PX : 6 },
    }),
  };
}

/** Lays the indicator lines out: overlays on the candles, oscillators in panes below. */
function addIndicatorSeries(current: Drawn, panes: IndicatorPanes): void {
  for (const series of current.lines.values()) current.chart.removeSeries(series);
  current.lines.clear();
  current.oscillatorLevels = [];
  const line = { priceLineVisible: false, crosshairMarkerVisible: false } as const;
  panes.overlays.forEach((indicator, i) => {
    const series = current.chart.addSeries(LineSeries, {
      ...line,
      color: LINE_COLORS[i % LINE_COLORS.length],
      lineWidth: 2,
      lastValueVisible: false,
    });
    current.lines.set(indicator.name, series);
  });
  const oscillators = [panes.bounded, panes.unbounded].filter((lines) => lines.length > 0);
  oscillators.forEach((lines, pane) => {
    const last = pane === oscillators.length - 1;
    lines.forEach((indicator, i) => {
      const series = current.chart.addSeries(
        LineSeries,
        {
          ...line,
          color: OSCILLATOR_COLORS[i % OSCILLATOR_COLORS.length],
          lineWidth: 1,
          ...(lines === panes.bounded
            ? boundedScale(last)
            : {
                autoscaleInfoProvider: (original: () => AutoscaleInfo | null) => {
                  const info = original();
                  return info && { ...info, margins: { above: 6, below: last ? LOGO_PX : 6 } };
                },
              }),
        },
        pane + 1,
      );
      current.lines.set(indicator.name, series);
    });
  });
  const [main, ...below] = current.chart.panes();
  main.setStretchFactor(1 - OSCILLATOR_SHARE * below.length);
  for (const pane of below) pane.setStretchFactor(OSCILLATOR_SHARE);
  current.layout = layoutOf(panes);
}

/** Draws the lines' values, and the 0–100 pane's levels on its first line. */
function drawIndicators(current: Drawn, panes: IndicatorPanes): void {
  if (current.layout !== layoutOf(panes)) addIndicatorSeries(current, panes);
  for (const indicator of [...panes.overlays, ...panes.bounded, ...panes.unbounded]) {
    const series = current.lines.get(indicator.name)!;
    series.applyOptions({ title: indicator.title });
    series.setData(indicator.points);
  }
  const first = panes.bounded[0] && current.lines.get(panes.bounded[0].name);
  if (!first) return;
  for (const level of current.oscillatorLevels) first.removePriceLine(level);
  current.oscillatorLevels = panes.levels.map((price) =>
    first.createPriceLine({
      price,
      color: '#8c959f',
      lineStyle: LineStyle.Dashed,
      lineWidth: 1,
      axisLabelVisible: true,
      title: '',
    }),
  );
}

/**
 * Candles with the strategy's indicators (lines on the price scale, oscillators in panes
 * below), a marker per fill and the open position's levels, drawn by TradingView's
 * lightweight-charts into a canvas. The chart is made once; new data (polled) updates its
 * series in place, keeping the user's zoom.
 */
export function PriceChart({
  candles,
  strategy,
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
      layout: layoutOf(NO_INDICATORS),
      oscillatorLevels: [],
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
    drawIndicators(current, strategyIndicators(strategy, params, candles) ?? NO_INDICATORS);

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
  }, [candles, strategy, params, fills, levels, secondsVisible, tickSize, showFrom, windowKey]);

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
