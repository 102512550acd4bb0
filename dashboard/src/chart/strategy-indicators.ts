import type { LineData, UTCTimestamp } from 'lightweight-charts';
import type { Strategy, StrategyParamValue } from '../../../src/strategies/strategy.interface';
import { STRATEGY_CLASSES } from '../../../src/strategies/built-in-strategies';
import type { ApiCandle } from './series';

/** One indicator over the candles: its values (NaN while warming up), oldest first. */
export type IndicatorHistory = Map<string, number[]>;

export interface IndicatorLine {
  name: string;
  /** The name, or the indicator's, with its period when a param gives one: `EMA 12`, `RSI 14`. */
  title: string;
  points: LineData<UTCTimestamp>[];
}

/** Where each indicator is drawn: over the candles, or in an oscillator pane below. */
export interface IndicatorPanes {
  /** On the price scale: moving averages, bands, channels, stops. */
  overlays: IndicatorLine[];
  /** Between 0 and 100 throughout (RSI, Stochastic, ADX): a pane with a fixed 0–100 scale. */
  bounded: IndicatorLine[];
  /** The bounded pane's levels: the params named `…overbought` / `…oversold`. */
  levels: number[];
  /** Any other scale (MACD, ATR): a pane that scales to its values. */
  unbounded: IndicatorLine[];
}

/** Names that are oscillators even when their values come near the price (a coin at 50). */
const OSCILLATOR = /rsi|stoch|adx|macd|histogram|osc|cci|mfi|williams/i;
/** Oscillators without bounds, kept out of the 0–100 pane even while their values fit in it. */
const UNBOUNDED = /macd|histogram|signal|atr|obv|cci/i;

const seconds = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

const builtIns = new Map<string, Strategy>();

/** The engine's own built-in strategy under `key`; none for a strategy loaded from a file. */
export function builtInStrategy(key: string): Strategy | undefined {
  if (builtIns.size === 0) {
    for (const Class of STRATEGY_CLASSES) {
      const strategy = new Class();
      builtIns.set(strategy.key, strategy);
    }
  }
  return builtIns.get(key);
}

/**
 * Every indicator the strategy reports, candle by candle, by running its evaluator over the
 * candles as a bot does: the lines are the numbers it decides on. Null when the params do
 * not parse or the evaluator throws.
 */
export function indicatorHistory(
  strategy: Strategy,
  params: Record<string, StrategyParamValue>,
  candles: readonly ApiCandle[],
): IndicatorHistory | null {
  const parsed = strategy.parseParams(params);
  if (!parsed.ok) return null;
  const history: IndicatorHistory = new Map();
  try {
    const evaluator = strategy.createEvaluator(parsed.params);
    candles.forEach((candle, i) => {
      const { indicators } = evaluator.update({
        openTime: candle.openTime,
        closeTime: candle.closeTime,
        open: Number(candle.open),
        high: Number(candle.high),
        low: Number(candle.low),
        close: Number(candle.close),
        volume: Number(candle.volume),
      });
      for (const [name, value] of Object.entries(indicators)) {
        let values = history.get(name);
        if (!values) history.set(name, (values = new Array<number>(candles.length).fill(NaN)));
        values[i] = typeof value === 'number' ? value : NaN;
      }
    });
  } catch {
    return null;
  }
  return history;
}

/** The median of the finite values, from at most about 1000 of them (a CSV may hold millions). */
function median(values: readonly number[]): number {
  const every = Math.max(1, Math.floor(values.length / 1000));
  const sorted = values.filter((value, i) => i % every === 0 && Number.isFinite(value));
  sorted.sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

/**
 * The line's label: `EMA 12` for `emaFast` with param `emaFast` 12, `RSI 14` for `rsi` with
 * `rsiPeriod` 14 (a known indicator's name and its period), else the name with its period.
 */
function titleOf(name: string, params: Record<string, StrategyParamValue>): string {
  const period = [params[name], params[`${name}Period`]].find(
    (value) => typeof value === 'number' && Number.isInteger(value),
  );
  if (period === undefined) return name;
  const known = /^(ema|sma|wma|rsi|atr|adx)/i.exec(name)?.[1];
  return `${known ? known.toUpperCase() : name} ${period}`;
}

/**
 * Sorts indicators into panes by name and magnitude: a value whose median lies within half
 * and twice the median close is on the price scale, unless its name says oscillator; the
 * others go below, in a 0–100 pane when they never leave it and have no unbounded name.
 * Flags (only -1, 0 and 1) and indicators that never have a value are left out.
 */
export function placeIndicators(
  history: IndicatorHistory,
  candles: readonly ApiCandle[],
  params: Record<string, StrategyParamValue>,
): IndicatorPanes {
  const panes: IndicatorPanes = { overlays: [], bounded: [], levels: [], unbounded: [] };
  const close = median(candles.map((candle) => Number(candle.close)));
  for (const [name, values] of history) {
    const points: LineData<UTCTimestamp>[] = [];
    values.forEach((value, i) => {
      if (Number.isFinite(value)) points.push({ time: seconds(candles[i].openTime), value });
    });
    // A state such as a trend direction (1, -1) is no line: the state panel lists it.
    if (points.every(({ value }) => value === -1 || value === 0 || value === 1)) continue;
    const line = { name, title: titleOf(name, params), points };
    const typical = Math.abs(median(values));
    if (!OSCILLATOR.test(name) && typical >= close / 2 && typical <= close * 2) {
      panes.overlays.push(line);
    } else if (!UNBOUNDED.test(name) && points.every(({ value }) => value >= 0 && value <= 100)) {
      panes.bounded.push(line);
    } else {
      panes.unbounded.push(line);
    }
  }
  if (panes.bounded.length > 0) {
    panes.levels = Object.entries(params)
      .filter(([name, value]) => /overbought|oversold/i.test(name) && typeof value === 'number')
      .map(([, value]) => value as number);
  }
  return panes;
}

/** The indicators of a built-in strategy over the candles, placed; none for others. */
export function strategyIndicators(
  strategyKey: string,
  params: Record<string, StrategyParamValue>,
  candles: readonly ApiCandle[],
): IndicatorPanes | null {
  const strategy = builtInStrategy(strategyKey);
  const history = strategy && candles.length > 0 && indicatorHistory(strategy, params, candles);
  return history ? placeIndicators(history, candles, params) : null;
}
