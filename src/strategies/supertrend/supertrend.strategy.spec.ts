import { join } from 'node:path';
import { copySignal } from '../strategy-evaluation';
import type { StrategyCandle, StrategySignal } from '../strategy.interface';
import {
  type GoldenSeries,
  goldenSeries,
  goldenTrades,
  pinnedTrades,
  ruleViolations,
} from '../../backtest/testing/golden-backtest';
import { type SupertrendParams, SupertrendStrategy } from './supertrend.strategy';

const strategy = new SupertrendStrategy();
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

function signals(candles: StrategyCandle[], params: SupertrendParams): StrategySignal[] {
  const evaluator = strategy.createEvaluator(params);
  return candles.map((c) => copySignal(evaluator.update(c)));
}

/** Wilder smoothing seeded with the plain mean of the first n values, as trading-signals' WSMA. */
function wilder(values: number[], n: number, from = 0): number[] {
  const out = values.map(() => Number.NaN);
  for (let i = from + n - 1; i < values.length; i++) {
    out[i] =
      i === from + n - 1
        ? values.slice(from, from + n).reduce((a, b) => a + b) / n
        : out[i - 1] + (values[i] - out[i - 1]) / n;
  }
  return out;
}

/**
 * The naive rules. SuperTrend as TradingView defines it (hl2 ± multiplier × ATR, final bands
 * that only tighten while the close stays inside, a flip when the close crosses the active
 * band); ATR and ADX by Wilder, seeded as trading-signals seeds them (the first candle's
 * range counts as a true range, with no directional move).
 */
function reference(data: GoldenSeries, p: SupertrendParams) {
  const { high, low, close } = data;
  const n = close.length;
  const tr = close.map((_, i) =>
    i === 0
      ? high[0] - low[0]
      : Math.max(
          high[i] - low[i],
          Math.abs(high[i] - close[i - 1]),
          Math.abs(low[i] - close[i - 1]),
        ),
  );
  const atr = wilder(tr, p.atrPeriod);
  const direction = close.map(() => Number.NaN);
  let upper = 0;
  let lower = 0;
  for (let i = p.atrPeriod - 1; i < n; i++) {
    const mid = (high[i] + low[i]) / 2;
    const basicUpper = mid + p.multiplier * atr[i];
    const basicLower = mid - p.multiplier * atr[i];
    if (i === p.atrPeriod - 1) {
      [upper, lower] = [basicUpper, basicLower];
      direction[i] = close[i] > upper ? 1 : -1;
      continue;
    }
    upper = basicUpper < upper || close[i - 1] > upper ? basicUpper : upper;
    lower = basicLower > lower || close[i - 1] < lower ? basicLower : lower;
    direction[i] = (direction[i - 1] === 1 ? close[i] >= lower : close[i] > upper) ? 1 : -1;
  }
  const up = high.map((h, i) => (i === 0 ? 0 : h - high[i - 1]));
  const down = low.map((l, i) => (i === 0 ? 0 : low[i - 1] - l));
  const plusDm = up.map((u, i) => (u >= 0 && u >= down[i] ? u : 0));
  const minusDm = down.map((d, i) => (d >= 0 && d >= up[i] ? d : 0));
  const atrAdx = wilder(tr, p.adxPeriod);
  const plus = wilder(plusDm, p.adxPeriod);
  const minus = wilder(minusDm, p.adxPeriod);
  const dx = close.map((_, i) => {
    const [pdi, mdi] = [plus[i] / atrAdx[i], minus[i] / atrAdx[i]];
    return pdi + mdi === 0 ? 0 : (Math.abs(pdi - mdi) / (pdi + mdi)) * 100;
  });
  const adx = wilder(dx, p.adxPeriod, p.adxPeriod - 1);
  const strong = (t: number) => !p.requireAdx || adx[t] > p.adxThreshold;
  return {
    first: strategy.warmup(p) - 1,
    buy: (t: number) => direction[t - 1] === -1 && direction[t] === 1 && strong(t),
    sell: (t: number) => direction[t - 1] === 1 && direction[t] === -1,
    flipUp: (t: number) => direction[t - 1] === -1 && direction[t] === 1,
  };
}

describe('SupertrendStrategy params', () => {
  it('has the usual defaults, with the ADX filter off', () => {
    expect(defaults).toEqual({
      atrPeriod: 10,
      multiplier: 3,
      requireAdx: false,
      adxPeriod: 14,
      adxThreshold: 25,
    });
    expect(strategy.paramsSchema.properties.requireAdx.type).toBe('boolean');
  });

  it('rejects a non-boolean requireAdx and out-of-range numbers, naming each field', () => {
    expect(strategy.parseParams({ requireAdx: 'yes', multiplier: 0, adxThreshold: 100 })).toEqual({
      ok: false,
      errors: [
        { field: 'multiplier', reason: 'must be greater than 0' },
        { field: 'requireAdx', reason: 'must be true or false' },
        { field: 'adxThreshold', reason: 'must be less than 100' },
      ],
    });
  });
});

describe('SupertrendStrategy signals', () => {
  // trading-signals' own SuperTrend test vector (TradingView's formula, Wilder ATR 5, x2).
  const VECTOR = [
    [81, 82, 80],
    [82, 83, 81],
    [83, 84, 82],
    [84, 85, 83],
    [85, 86, 84],
    [86, 87, 85],
    [87, 88, 86],
    [90.5, 91, 87],
    [91, 92, 89],
    [92, 93, 90],
    [82, 92, 81],
    [77, 83, 76],
    [75, 78, 74],
    [74, 76, 73],
    [73, 75, 72],
    [79, 80, 72],
    [85.5, 86, 79],
    [86, 87, 84],
    [87, 88, 85],
    [88, 89, 86],
  ].map(([close, high, low], i) => candle(high, low, close, i));
  const EXPECTED = [
    ['89.0000', -1],
    ['89.0000', -1],
    ['89.0000', -1],
    ['84.2000', 1],
    ['85.4600', 1],
    ['86.2680', 1],
    ['95.0856', -1],
    ['89.1685', -1],
    ['85.3348', -1],
    ['83.1678', -1],
    ['81.6343', -1],
    ['81.6343', -1],
    ['71.9341', 1],
    ['75.8473', 1],
    ['77.5778', 1],
    ['79.1622', 1],
  ];
  const params = { ...defaults, atrPeriod: 5, multiplier: 2, adxPeriod: 3 };

  it('draws the reference SuperTrend and buys and sells on its flips', () => {
    const all = signals(VECTOR, params);
    const drawn = all
      .slice(4)
      .map((s) => [s.indicators.supertrend.toFixed(4), s.indicators.direction]);
    expect(drawn).toEqual(EXPECTED);
    const actions = Array(20).fill('none');
    [actions[7], actions[10], actions[16]] = ['buy', 'sell', 'buy'];
    expect(all.map((s) => s.action)).toEqual(actions);
    expect(all[7].reason).toBe('SuperTrend flipped up (84.2)');
    expect(all[10].reason).toBe('SuperTrend flipped down (95.09)');
    expect(all[11].reason).toBe('no flip: trend down, SuperTrend 89.17');
  });

  it('warms up until the SuperTrend exists at t and t-1, and ADX when it filters', () => {
    expect(strategy.warmup(defaults)).toBe(11);
    expect(strategy.warmup({ ...defaults, requireAdx: true })).toBe(27);
    const all = signals(VECTOR, params);
    expect(all[4]).toEqual({
      action: 'none',
      indicators: { supertrend: 89, direction: -1, adx: 100 },
      reason: 'warming up: 5 of 6 candles',
    });
    expect(all[0].indicators).toEqual({ supertrend: NaN, direction: NaN, adx: NaN });
  });

  it('with requireAdx, buys a flip up only while ADX is above the threshold', () => {
    const strong = signals(VECTOR, { ...params, requireAdx: true, adxThreshold: 10 });
    expect(strong[16].action).toBe('buy');
    expect(strong[16].reason).toMatch(
      /^SuperTrend flipped up \(71.93\), ADX [\d.]+ > adxThreshold 10$/,
    );
    const weak = signals(VECTOR, { ...params, requireAdx: true, adxThreshold: 99 });
    expect(weak[16].action).toBe('none');
    expect(weak[16].reason).toMatch(
      /^SuperTrend flipped up \(71.93\) but ADX [\d.]+ <= adxThreshold 99$/,
    );
    // A sell needs no trend strength.
    expect(weak[10].action).toBe('sell');
  });

  it('reuses one signal object', () => {
    const evaluator = strategy.createEvaluator(defaults);
    const first = evaluator.update(candle(1, 1, 1));
    expect(evaluator.update(candle(1, 1, 1))).toBe(first);
    expect(evaluator.signal).toBe(first);
  });
});

describe('SupertrendStrategy golden backtests', () => {
  const data = goldenSeries();
  const fixtureDir = join(process.cwd(), 'src/strategies/supertrend');

  it.each([
    ['defaults', 'supertrend.golden.json', defaults],
    [
      'ADX filter',
      'supertrend-adx.golden.json',
      { ...defaults, requireAdx: true, adxThreshold: 30 },
    ],
  ] as const)('%s: trades as pinned and where the naive rules say', (_name, file, params) => {
    const trades = goldenTrades(strategy, params, data.series);
    expect(trades).toEqual(pinnedTrades(join(fixtureDir, file), trades));
    expect(trades.length).toBeGreaterThanOrEqual(6);
    const rules = reference(data, params);
    expect(ruleViolations(trades, rules, data)).toEqual([]);
    if (params.requireAdx) {
      // The filter holds back some flips up.
      expect(data.close.some((_, t) => t > rules.first && rules.flipUp(t) && !rules.buy(t))).toBe(
        true,
      );
    }
  });
});
