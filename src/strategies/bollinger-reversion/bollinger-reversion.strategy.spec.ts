import { join } from 'node:path';
import { copySignal } from '../strategy-evaluation';
import type { StrategySignal } from '../strategy.interface';
import { candleOfClose } from '../testing/candles-of-closes';
import {
  goldenSeries,
  goldenTrades,
  pinnedTrades,
  type ReferenceRules,
  ruleViolations,
} from '../../backtest/testing/golden-backtest';
import {
  type BollingerReversionParams,
  BollingerReversionStrategy,
} from './bollinger-reversion.strategy';

const strategy = new BollingerReversionStrategy();
const defaults = strategy.defaults;
const data = goldenSeries();

/** The bands written out: the mean of the window and its population standard deviation. */
function reference(closes: readonly number[], p: BollingerReversionParams) {
  const upper: number[] = [];
  const middle: number[] = [];
  const lower: number[] = [];
  for (let t = 0; t < closes.length; t++) {
    if (t < p.period - 1) {
      upper.push(Number.NaN);
      middle.push(Number.NaN);
      lower.push(Number.NaN);
      continue;
    }
    let sum = 0;
    for (let i = t - p.period + 1; i <= t; i++) sum += closes[i];
    const mean = sum / p.period;
    let squares = 0;
    for (let i = t - p.period + 1; i <= t; i++) squares += (closes[i] - mean) * (closes[i] - mean);
    const sd = Math.sqrt(squares / p.period);
    upper.push(mean + sd * p.stdDev);
    middle.push(mean);
    lower.push(mean - sd * p.stdDev);
  }
  return { upper, middle, lower };
}

function signals(closes: readonly number[], params: BollingerReversionParams): StrategySignal[] {
  const evaluator = strategy.createEvaluator(params);
  return closes.map((close, i) => copySignal(evaluator.update(candleOfClose(close, i))));
}

describe('BollingerReversionStrategy params', () => {
  it('defaults to 20 candles, 2 standard deviations, exit at the middle band', () => {
    expect(strategy.parseParams({})).toEqual({
      ok: true,
      params: { period: 20, stdDev: 2, exitAt: 'middle' },
    });
    expect(strategy.paramsSchema.properties.exitAt).toMatchObject({
      type: 'string',
      enum: ['middle', 'upper'],
    });
  });

  it('rejects an unknown exit band, a period out of bounds and a width of 0', () => {
    expect(strategy.parseParams({ period: 1, stdDev: 0, exitAt: 'lower' })).toEqual({
      ok: false,
      errors: [
        { field: 'period', reason: 'must be at least 2' },
        { field: 'stdDev', reason: 'must be greater than 0' },
        { field: 'exitAt', reason: 'must be one of middle, upper' },
      ],
    });
    expect(strategy.parseParams({ stdDev: 1.5, exitAt: 'upper' })).toMatchObject({ ok: true });
  });

  it('warms up until the bands exist at t and t-1', () => {
    expect(strategy.warmup(defaults)).toBe(21);
    expect(strategy.warmup({ ...defaults, period: 50 })).toBe(51);
  });
});

describe('BollingerReversionStrategy signals', () => {
  const params: BollingerReversionParams = { period: 5, stdDev: 2, exitAt: 'middle' };

  it('shows NaN bands until the period-th close, and says it is warming up', () => {
    const all = signals([100, 101, 102, 101, 100, 101], params);
    expect(all[3]).toEqual({
      action: 'none',
      indicators: { upper: Number.NaN, middle: Number.NaN, lower: Number.NaN },
      reason: 'warming up: 4 of 6 candles',
    });
    expect(all[4].indicators.middle).toBe(100.8);
    expect(all[4].reason).toBe('warming up: 5 of 6 candles');
    expect(all[5].reason).not.toMatch(/warming up/);
  });

  it('buys on the close back above the lower band, then sells at the middle band', () => {
    // A close lies at most √(5 - 1) = 2 deviations from a 5-close mean it is part of: 1.5 it can.
    const narrow = { ...params, stdDev: 1.5 };
    const closes = [100, 101, 100, 101, 100, 101, 95, 97, 100, 101];
    const all = signals(closes, narrow);
    expect(all.slice(5).map((s) => [s.action, s.reason])).toEqual([
      ['sell', 'close 101 reached the middle band 100.6'],
      ['none', 'close 95 at or below the lower band 96.03: waiting for a close above it'],
      ['buy', 'close 97 crossed back above the lower band 95.2'],
      ['sell', 'close 100 reached the middle band 98.6'],
      ['sell', 'close 101 reached the middle band 98.8'],
    ]);
    expect(signals(closes, { ...narrow, exitAt: 'upper' })[8]).toMatchObject({
      action: 'none',
      reason: 'close 100 between the lower band 95.23 and the upper band 101.97',
    });
  });
});

describe('BollingerReversionStrategy golden backtest (2000 simulated hourly candles)', () => {
  function rules(p: BollingerReversionParams): ReferenceRules {
    const { upper, middle, lower } = reference(data.close, p);
    const close = data.close;
    const sell = (t: number) => close[t] >= (p.exitAt === 'upper' ? upper[t] : middle[t]);
    return {
      first: strategy.warmup(p) - 1,
      buy: (t) => !sell(t) && close[t - 1] <= lower[t - 1] && close[t] > lower[t],
      sell,
    };
  }

  it.each([
    ['middle', 'bollinger-reversion.golden.json'],
    ['upper', 'bollinger-reversion-upper.golden.json'],
  ] as const)(
    'pins the trades exiting at the %s band, each where the rule held',
    (exitAt, file) => {
      const params = { ...defaults, exitAt };
      const trades = goldenTrades(strategy, params, data.series);
      const fixture = join(process.cwd(), 'src/strategies/bollinger-reversion', file);
      // The rule first: a pinned list alone cannot tell a wrong rule from a right one.
      expect(ruleViolations(trades, rules(params), data)).toEqual([]);
      expect(trades.length).toBeGreaterThanOrEqual(6);
      expect(trades).toEqual(pinnedTrades(fixture, trades));
    },
  );

  it('follows the rule with narrow, short bands too', () => {
    const narrow: BollingerReversionParams = { period: 10, stdDev: 1.5, exitAt: 'middle' };
    const trades = goldenTrades(strategy, narrow, data.series);
    expect(trades.length).toBeGreaterThanOrEqual(20);
    expect(ruleViolations(trades, rules(narrow), data)).toEqual([]);
  });

  it('publishes the reference bands as its indicators', () => {
    const ref = reference(data.close, defaults);
    const all = signals(data.close, defaults);
    for (const t of [19, 500, 1999]) {
      expect(all[t].indicators).toEqual({
        upper: ref.upper[t],
        middle: ref.middle[t],
        lower: ref.lower[t],
      });
    }
  });
});
