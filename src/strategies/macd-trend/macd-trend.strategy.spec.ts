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
import { type MacdTrendParams, MacdTrendStrategy } from './macd-trend.strategy';

const strategy = new MacdTrendStrategy();
const defaults = strategy.defaults;
const data = goldenSeries();

/** The EMA as trading-signals defines it, written out: seeded with the first value. */
function naiveEma(values: readonly number[], period: number): number[] {
  const k = 2 / (period + 1);
  const out = [values[0]];
  for (let i = 1; i < values.length; i++) out.push(values[i] * k + out[i - 1] * (1 - k));
  return out;
}

/** MACD, its signal line and the trend EMA of every close (NaN where undefined). */
function reference(closes: readonly number[], p: MacdTrendParams) {
  const fast = naiveEma(closes, p.fast);
  const slow = naiveEma(closes, p.slow);
  const first = p.slow - 1;
  const macd = closes.map((_, i) => (i < first ? Number.NaN : fast[i] - slow[i]));
  const line = naiveEma(macd.slice(first), p.signal);
  const signal = macd.map((_, i) => (i < first ? Number.NaN : line[i - first]));
  return { macd, signal, trend: naiveEma(closes, p.trendPeriod) };
}

function signals(closes: readonly number[], params: MacdTrendParams): StrategySignal[] {
  const evaluator = strategy.createEvaluator(params);
  return closes.map((close, i) => copySignal(evaluator.update(candleOfClose(close, i))));
}

describe('MacdTrendStrategy params', () => {
  it('defaults to 12 / 26 / 9 with a 200-candle trend EMA', () => {
    expect(strategy.parseParams(undefined)).toEqual({
      ok: true,
      params: { fast: 12, slow: 26, signal: 9, trendPeriod: 200 },
    });
    expect(strategy.paramsSchema.properties.trendPeriod).toMatchObject({
      type: 'integer',
      minimum: 2,
      maximum: 1000,
    });
  });

  it('needs fast below slow, and integers in bounds', () => {
    expect(strategy.parseParams({ fast: 26 })).toEqual({
      ok: false,
      errors: [{ field: 'fast', reason: 'must be less than slow (26)' }],
    });
    expect(strategy.parseParams({ signal: 1.5, trendPeriod: 1 })).toEqual({
      ok: false,
      errors: [
        { field: 'signal', reason: 'must be an integer' },
        { field: 'trendPeriod', reason: 'must be at least 2' },
      ],
    });
  });

  it('warms up until the signal line exists at t and t-1 and the trend EMA at t', () => {
    expect(strategy.warmup(defaults)).toBe(200);
    expect(strategy.warmup({ ...defaults, trendPeriod: 20 })).toBe(35);
  });
});

describe('MacdTrendStrategy signals', () => {
  const params = { fast: 3, slow: 6, signal: 4, trendPeriod: 12 };

  it('shows NaN for each indicator until the library calls it ready', () => {
    const all = signals(data.close.slice(0, 13), params);
    expect(strategy.warmup(params)).toBe(12);
    expect(all[4]).toEqual({
      action: 'none',
      indicators: { macd: Number.NaN, macdSignal: Number.NaN, trend: Number.NaN },
      reason: 'warming up: 5 of 12 candles',
    });
    expect(all[5].indicators.macd).not.toBeNaN(); // the slow-th close
    expect(all[7].indicators.macdSignal).toBeNaN();
    expect(all[8].indicators.macdSignal).not.toBeNaN(); // slow + signal - 1
    expect(all[10].indicators.trend).toBeNaN();
    expect(all[11].indicators.trend).not.toBeNaN();
    expect(all[11].reason).not.toMatch(/warming up/);
  });

  it('says why a crossover up did not buy: the close was not above the trend', () => {
    // Down for long enough that the trend EMA sits far above, then a bounce.
    const closes = [...Array.from({ length: 30 }, (_, i) => 200 - 3 * i), 120, 125, 130];
    const all = signals(closes, params);
    const up = all.findIndex((s) => s.reason?.startsWith('MACD crossed above'));
    expect(all[up]).toMatchObject({ action: 'none' });
    expect(all[up].reason).toMatch(/^MACD crossed above its signal line but close 12\d <= trend/);
  });
});

describe('MacdTrendStrategy golden backtest (2000 simulated hourly candles)', () => {
  const fixture = join(process.cwd(), 'src/strategies/macd-trend/macd-trend.golden.json');

  function rules(p: MacdTrendParams): ReferenceRules {
    const { macd, signal, trend } = reference(data.close, p);
    return {
      first: strategy.warmup(p) - 1,
      buy: (t) => macd[t - 1] <= signal[t - 1] && macd[t] > signal[t] && data.close[t] > trend[t],
      sell: (t) => macd[t - 1] >= signal[t - 1] && macd[t] < signal[t],
    };
  }

  it('pins the trades of the defaults, each on a candle where the rule held', () => {
    const trades = goldenTrades(strategy, defaults, data.series);
    // The rule first: a pinned list alone cannot tell a wrong rule from a right one.
    expect(ruleViolations(trades, rules(defaults), data)).toEqual([]);
    expect(trades.length).toBeGreaterThanOrEqual(6);
    expect(trades).toEqual(pinnedTrades(fixture, trades));
  });

  it('follows the rule with short periods too, where the trend filter bites more often', () => {
    const short = { fast: 5, slow: 13, signal: 4, trendPeriod: 50 };
    const trades = goldenTrades(strategy, short, data.series);
    expect(trades.length).toBeGreaterThanOrEqual(20);
    expect(ruleViolations(trades, rules(short), data)).toEqual([]);
  });

  it('publishes the reference values as its indicators, and says why it traded', () => {
    const ref = reference(data.close, defaults);
    const all = signals(data.close, defaults);
    const [buy, sell] = goldenTrades(strategy, defaults, data.series);
    expect(all[buy.candle].reason).toMatch(
      /^MACD crossed above its signal line, close [\d.]+ > trend EMA [\d.]+$/,
    );
    expect(all[sell.candle].reason).toBe('MACD crossed below its signal line');
    for (const t of [199, 500, 1999]) {
      expect(all[t].indicators).toEqual({
        macd: ref.macd[t],
        macdSignal: ref.signal[t],
        trend: ref.trend[t],
      });
    }
  });
});
