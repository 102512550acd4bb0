import { join } from 'node:path';
import { rsi } from '../indicators/rsi';
import { copySignal } from '../strategy-evaluation';
import type { StrategyCandle, StrategySignal } from '../strategy.interface';
import {
  type GoldenSeries,
  goldenSeries,
  goldenTrades,
  pinnedTrades,
  ruleViolations,
} from '../../backtest/testing/golden-backtest';
import { type RsiStochasticParams, RsiStochasticStrategy } from './rsi-stochastic.strategy';

const strategy = new RsiStochasticStrategy();
const defaults = strategy.defaults;

const candle = (high: number, low: number, close: number, i = 0): StrategyCandle => ({
  openTime: i * 60_000,
  closeTime: i * 60_000 + 59_999,
  open: close,
  high,
  low,
  close,
  volume: 1,
});

function signals(candles: StrategyCandle[], params: RsiStochasticParams): StrategySignal[] {
  const evaluator = strategy.createEvaluator(params);
  return candles.map((c) => copySignal(evaluator.update(c)));
}

const sma = (values: number[], n: number) =>
  values.map((_, i) =>
    i < n - 1 || values.slice(i - n + 1, i + 1).some(Number.isNaN)
      ? Number.NaN
      : values.slice(i - n + 1, i + 1).reduce((a, b) => a + b) / n,
  );

/** The naive rules: TA-Lib's Wilder RSI (../indicators/rsi) and a slow stochastic from its definition. */
function reference(data: GoldenSeries, p: RsiStochasticParams) {
  const { high, low, close } = data;
  const r = rsi(close, p.rsiPeriod);
  const rawK = close.map((c, i) => {
    if (i < p.stochPeriod - 1) return Number.NaN;
    const hh = Math.max(...high.slice(i - p.stochPeriod + 1, i + 1));
    const ll = Math.min(...low.slice(i - p.stochPeriod + 1, i + 1));
    return hh === ll ? 0 : ((c - ll) / (hh - ll)) * 100;
  });
  const k = sma(rawK, p.stochSmoothing);
  const d = sma(k, p.stochSignalPeriod);
  const crossUp = (t: number) => k[t - 1] <= d[t - 1] && k[t] > d[t] && d[t] < p.stochOversold;
  const crossDown = (t: number) => k[t - 1] >= d[t - 1] && k[t] < d[t] && d[t] > p.stochOverbought;
  return {
    first: strategy.warmup(p) - 1,
    buy: (t: number) => crossUp(t) && r[t] < p.rsiOversold,
    sell: (t: number) => !crossUp(t) && (r[t] > p.rsiOverbought || crossDown(t)),
    crossDown,
    rsi: r,
  };
}

describe('RsiStochasticStrategy params', () => {
  it('has the usual defaults', () => {
    expect(defaults).toEqual({
      rsiPeriod: 14,
      rsiOversold: 30,
      rsiOverbought: 70,
      stochPeriod: 14,
      stochSmoothing: 3,
      stochSignalPeriod: 3,
      stochOversold: 20,
      stochOverbought: 80,
    });
  });

  it('rejects inverted zones and out-of-range levels, naming each field', () => {
    expect(strategy.parseParams({ rsiOversold: 70, stochOversold: 90 })).toEqual({
      ok: false,
      errors: [
        { field: 'rsiOversold', reason: 'must be less than rsiOverbought (70)' },
        { field: 'stochOversold', reason: 'must be less than stochOverbought (80)' },
      ],
    });
    expect(strategy.parseParams({ stochOverbought: 100, stochSmoothing: 0 })).toEqual({
      ok: false,
      errors: [
        { field: 'stochSmoothing', reason: 'must be at least 1' },
        { field: 'stochOverbought', reason: 'must be less than 100' },
      ],
    });
  });
});

describe('RsiStochasticStrategy signals', () => {
  const params = {
    ...defaults,
    rsiPeriod: 3,
    stochPeriod: 3,
    stochSmoothing: 1,
    stochSignalPeriod: 2,
  };

  it('warms up until RSI and %D at t and t-1 exist, with NaN indicators', () => {
    expect(strategy.warmup(defaults)).toBe(19);
    expect(strategy.warmup({ ...defaults, rsiPeriod: 30 })).toBe(31);
    const all = signals([candle(11, 9, 10), candle(11, 9, 10)], params);
    expect(all[0]).toEqual({
      action: 'none',
      indicators: { rsi: NaN, stochK: NaN, stochD: NaN },
      reason: 'warming up: 1 of 5 candles',
    });
  });

  it('buys on an oversold bounce: %K crosses above %D low while RSI is oversold', () => {
    // A slide pins %K at 0, then a close off the low lifts it over %D with RSI still low.
    const slide = [100, 98, 96, 94, 92, 90].map((c, i) => candle(c + 0.5, c - 0.5, c, i));
    const all = signals([...slide, candle(90, 89, 89.8, 6)], params);
    expect(all.slice(0, 6).map((s) => s.action)).toEqual(Array(6).fill('none'));
    expect(all[6].action).toBe('buy');
    expect(all[6].reason).toMatch(
      /^%K crossed above %D [\d.]+ < stochOversold 20, RSI [\d.]+ < rsiOversold 30$/,
    );
  });

  it('does not buy on that cross while RSI is not oversold', () => {
    // A zigzag down: RSI 23.19, %K 12.5 -> 22.5 crossing %D 17.5.
    const zigzag = [100, 97, 98, 95, 96, 93].map((c, i) => candle(c + 0.5, c - 0.5, c, i));
    const all = signals([...zigzag, candle(93.5, 92.5, 93.4, 6)], { ...params, rsiOversold: 20 });
    expect(all[6]).toMatchObject({
      action: 'none',
      reason: '%K crossed above %D 17.5 < stochOversold 20 but RSI 23.19 >= rsiOversold 20',
    });
    expect(all[6].indicators.stochK).toBeCloseTo(22.5, 9);
    const oversold = signals([...zigzag, candle(93.5, 92.5, 93.4, 6)], params);
    expect(oversold[6].action).toBe('buy');
  });

  it('sells when RSI is overbought', () => {
    const rise = [100, 101, 102, 103, 104].map((c, i) => candle(c + 0.5, c - 0.5, c, i));
    const all = signals(rise, params);
    expect(all[4]).toMatchObject({ action: 'sell', reason: 'RSI 100 > rsiOverbought 70' });
  });

  it('sells on a cross of %K below %D, not while %K merely stays below it', () => {
    // %K turns down from the top of a rally (98.8 -> 95.2 crossing %D at once, in the
    // warm-up), then keeps falling under %D: 88.1 < 91.6, no new cross.
    const rally = [100, 110, 120, 130, 140, 139, 138].map((c, i) => candle(c + 0.5, c - 0.5, c, i));
    const p = { ...params, stochPeriod: 5, rsiOverbought: 99.99 };
    const last = signals(rally, p)[6];
    expect(last.indicators.stochK).toBeLessThan(last.indicators.stochD);
    expect(last.indicators.stochD).toBeGreaterThan(80);
    expect(last).toMatchObject({
      action: 'none',
      reason: 'no oversold cross and RSI not overbought',
    });
  });

  it('reuses one signal object', () => {
    const evaluator = strategy.createEvaluator(defaults);
    const first = evaluator.update(candle(1, 1, 1));
    expect(evaluator.update(candle(1, 1, 1))).toBe(first);
    expect(evaluator.signal).toBe(first);
  });
});

describe('RsiStochasticStrategy golden backtest', () => {
  const data = goldenSeries();
  const params = defaults;
  const trades = goldenTrades(strategy, params, data.series);

  it('trades as pinned', () => {
    const fixture = join(process.cwd(), 'src/strategies/rsi-stochastic/rsi-stochastic.golden.json');
    expect(trades).toEqual(pinnedTrades(fixture, trades));
  });

  it('trades exactly where the naive rules say, and exits both ways', () => {
    const rules = reference(data, params);
    expect(trades.length).toBeGreaterThanOrEqual(6);
    expect(ruleViolations(trades, rules, data)).toEqual([]);
    const sells = trades.filter((trade) => trade.side === 'SELL').map((trade) => trade.candle);
    expect(sells.some((t) => rules.rsi[t] > params.rsiOverbought)).toBe(true);
    expect(sells.some((t) => rules.rsi[t] <= params.rsiOverbought && rules.crossDown(t))).toBe(
      true,
    );
  });
});
