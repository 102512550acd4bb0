import {
  type IChartApi,
  type PriceFormatCustom,
  type Time,
  TickMarkType,
} from 'lightweight-charts';
import { price } from '../ui/format';

/** The chart's words are the dashboard's: English, numbers as format.ts writes them. */
export const CHART_LOCALE = 'en-US';
/** Room kept under the last pane's series for the TradingView logo (19 px, 10 px from the edge). */
export const LOGO_PX = 34;

/**
 * A time axis label that names the day wherever it gives a time (`Dec 7, 14:00`), so a label
 * read alone is never ambiguous; in the reader's time zone, as the trades table shows times.
 */
export function tickLabel(time: Time, type: TickMarkType, timeZone?: string): string {
  const date = new Date((time as number) * 1000);
  const clock = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  const part = (options: Intl.DateTimeFormatOptions) =>
    date.toLocaleString(CHART_LOCALE, { timeZone, ...options });
  switch (type) {
    case TickMarkType.Year:
      return part({ year: 'numeric' });
    case TickMarkType.Month:
      return part({ month: 'short', year: 'numeric' });
    case TickMarkType.DayOfMonth:
      return part({ month: 'short', day: 'numeric' });
    case TickMarkType.Time:
      return part({ month: 'short', day: 'numeric', ...clock });
    case TickMarkType.TimeWithSeconds:
      return part({ month: 'short', day: 'numeric', ...clock, second: '2-digit' });
  }
}

/**
 * Whether a time label centred at `x` would be cut by an edge of an axis `width` wide (its
 * text about 0.6 em a character): such a label is left out rather than shown cut.
 */
export function cutByEdge(label: string, x: number | null, width: number, fontSize = 12): boolean {
  if (x === null) return false;
  const half = (label.length * fontSize * 0.6) / 2;
  return x < half || x > width - half;
}

/** Time labels with their day, none cut by the axis' edges of a chart that scrolls. */
export function edgeSafeLabels(chart: IChartApi): void {
  chart.applyOptions({
    timeScale: {
      tickMarkFormatter: (time: Time, type: TickMarkType) => {
        const label = tickLabel(time, type);
        const scale = chart.timeScale();
        return cutByEdge(label, scale.timeToCoordinate(time), scale.width()) ? '' : label;
      },
    },
  });
}

/** Prices on the axis and its labels as the tables write them: `94,791.02`, on the tick. */
export function priceFormat(tickSize?: string): PriceFormatCustom {
  const tick = Number(tickSize);
  return {
    type: 'custom',
    formatter: (value: number) => price(value, tickSize),
    minMove: tick > 0 ? tick : 1e-8,
  };
}

/** The chart options every chart of the dashboard shares: its locale, time axis and colours. */
export function chartOptions(secondsVisible = false) {
  return {
    autoSize: true,
    layout: { background: { color: '#ffffff' }, textColor: '#24292f', fontSize: 12 },
    grid: { vertLines: { color: '#f0f2f4' }, horzLines: { color: '#f0f2f4' } },
    localization: { locale: CHART_LOCALE },
    timeScale: {
      timeVisible: true,
      secondsVisible,
      // The first candle stays at the left edge, where its label is moved in, not clipped.
      fixLeftEdge: true,
      tickMarkFormatter: (time: Time, type: TickMarkType) => tickLabel(time, type),
      // Labels with a date are longer than the library's 8 characters: spaced to fit.
      tickMarkMaxCharacterLength: secondsVisible ? 16 : 13,
    },
  };
}
