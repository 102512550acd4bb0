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
import {
  type DonchianBreakoutParams,
  DonchianBreakoutStrategy,
} from './donchian-breakout.strategy';

const strategy = new DonchianBreakoutStrategy();
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

/** Candles 1 wide around each close. */
const around = (closes: number[]) => closes.map((c, i) => candle(c + 0.5, c - 0.5, c, i));

function signals(candles: StrategyCandle[], params: DonchianBreakoutParams): StrategySignal[] {
  const evaluator = strategy.createEvaluator(params);
  return candles.map((c) => copySignal(evaluator.update(c)));
}

/** The naive rules: channels over the candles before t, Wilder's ATR seeded with the mean TR. */
function reference(data: GoldenSeries, p: DonchianBreakoutParams) {
  const { high, low, close } = data;
  const tr = close.map((_, i) =>
    i === 0
      ? high[0] - low[0]
      : Math.max(
          high[i] - low[i],
          Math.abs(high[i] - close[i - 1]),
          Math.abs(low[i] - close[i - 1]),
        ),
  );
  const atr: number[] = [];
  for (let i = 0; i < close.length; i++) {
    if (i < p.atrPeriod - 1) atr.push(Number.NaN);
    else if (i === p.atrPeriod - 1)
      atr.push(tr.slice(0, p.atrPeriod).reduce((a, b) => a + b) / p.atrPeriod);
    else atr.push(atr[i - 1] + (tr[i] - atr[i - 1]) / p.atrPeriod);
  }
  const first = strategy.warmup(p) - 1;
  const buy = (t: number) => close[t] > Math.max(...high.slice(t - p.entryPeriod, t));
  const channelExit = (t: number) => close[t] < Math.min(...low.slice(t - p.exitPeriod, t));
  const atrStop = (t: number) => {
    let since = t;
    while (since >= first && !buy(since)) since--;
    if (since < first || since === t) return false;
    const peak = Math.max(...close.slice(since, t + 1));
    return close[t] < peak - p.atrMultiple * atr[t];
  };
  return { first, buy, sell: (t: number) => channelExit(t) || atrStop(t), channelExit, atrStop };
}

describe('DonchianBreakoutStrategy params', () => {
  it('has turtle defaults and a schema with bounds', () => {
    expect(defaults).toEqual({ entryPeriod: 20, exitPeriod: 10, atrPeriod: 20, atrMultiple: 2 });
    expect(strategy.paramsSchema.properties.atrMultiple).toMatchObject({ exclusiveMinimum: 0 });
    expect(strategy.parseParams({ entryPeriod: 30 })).toEqual({
      ok: true,
      params: { ...defaults, entryPeriod: 30 },
    });
  });

  it('rejects an exit channel longer than the entry one, and bad values, naming each field', () => {
    expect(strategy.parseParams({ entryPeriod: 5, exitPeriod: 6 })).toEqual({
      ok: false,
      errors: [{ field: 'exitPeriod', reason: 'must be at most entryPeriod (5)' }],
    });
    expect(strategy.parseParams({ atrMultiple: 0, atrPeriod: 1.5 })).toEqual({
      ok: false,
      errors: [
        { field: 'atrPeriod', reason: 'must be an integer' },
        { field: 'atrMultiple', reason: 'must be greater than 0' },
      ],
    });
  });
});

describe('DonchianBreakoutStrategy signals', () => {
  const params = { entryPeriod: 3, exitPeriod: 2, atrPeriod: 2, atrMultiple: 1.5 };

  it('warms up until both channels and the ATR exist, with NaN indicators', () => {
    expect(strategy.warmup(defaults)).toBe(21);
    expect(strategy.warmup({ ...defaults, atrPeriod: 30 })).toBe(30);
    const all = signals(around([10, 10, 10, 10]), params);
    expect(all[0]).toEqual({
      action: 'none',
      indicators: { entryHigh: NaN, exitLow: NaN, atr: NaN, atrStop: NaN },
      reason: 'warming up: 1 of 4 candles',
    });
    expect(all[3]).toMatchObject({
      action: 'none',
      reason: 'no breakout: close within the channels and above the ATR stop',
      indicators: { entryHigh: 10.5, exitLow: 9.5, atr: 1 },
    });
  });

  it('buys on a close above the highest high of the candles before, not the one itself', () => {
    // 10.6 > 10.5 (the highs before) although its own high is 11.1; 10.5 is no breakout.
    expect(signals(around([10, 10, 10, 10.5]), params)[3].action).toBe('none');
    expect(signals(around([10, 10, 10, 10.6]), params)[3]).toMatchObject({
      action: 'buy',
      reason: 'close 10.6 above the 3-candle high 10.5',
      indicators: { entryHigh: 10.5 },
    });
  });

  it('sells on a close below the lowest low of the exit channel', () => {
    expect(signals(around([10, 10, 10, 10, 9.5]), params)[4].action).toBe('none');
    const all = signals(around([10, 10, 10, 10, 9.4]), params);
    expect(all[4]).toMatchObject({
      action: 'sell',
      reason: 'close 9.4 below the 2-candle low 9.5',
    });
  });

  it('sells on a close atrMultiple ATRs below the highest close since the buy signal', () => {
    // Buys up to 13, then 12.2 is above the exit channel's low (10.5) but below 13 - 0.5 * ATR.
    const candles = around([10, 10, 10, 11, 12, 13, 12.2]);
    const all = signals(candles, { ...params, exitPeriod: 3, atrMultiple: 0.5 });
    expect(all.map((s) => s.action)).toEqual(['none', 'none', 'none', 'buy', 'buy', 'buy', 'sell']);
    const { atr, atrStop } = all[6].indicators;
    expect(atr).toBeCloseTo(1.36875, 12);
    expect(atrStop).toBeCloseTo(13 - 0.5 * atr, 12);
    expect(all[6].reason).toBe(`close 12.2 below the ATR stop ${Math.round(atrStop * 100) / 100}`);
    expect(12.2).toBeGreaterThan(all[6].indicators.exitLow);
  });

  it('trails the highest close since the buy signal, not only the buy signal close', () => {
    // Buy at 11; a wick to 14 keeps 12 from being a new breakout, yet 12 raises the peak.
    const candles = [
      ...around([10, 10, 10, 11]),
      candle(14, 10.5, 11, 4),
      candle(12.5, 11.5, 12, 5),
    ];
    const all = signals([...candles, candle(11.9, 11.4, 11.5, 6)], {
      ...params,
      exitPeriod: 3,
      atrMultiple: 0.1,
    });
    expect(all.map((s) => s.action)).toEqual([
      'none',
      'none',
      'none',
      'buy',
      'none',
      'none',
      'sell',
    ]);
    expect(all[6].indicators.atrStop).toBeCloseTo(12 - 0.1 * all[6].indicators.atr, 12);
  });

  it('has no ATR stop before any buy signal', () => {
    const all = signals(around([10, 10, 10, 10, 10]), params);
    expect(all[4].indicators.atrStop).toBeNaN();
  });

  it('reuses one signal object', () => {
    const evaluator = strategy.createEvaluator(defaults);
    const first = evaluator.update(candle(1, 1, 1));
    expect(evaluator.update(candle(1, 1, 1))).toBe(first);
    expect(evaluator.signal).toBe(first);
  });
});

describe('DonchianBreakoutStrategy golden backtest', () => {
  const data = goldenSeries();
  const trades = goldenTrades(strategy, defaults, data.series);

  it('trades as pinned', () => {
    expect(trades).toEqual(
      pinnedTrades(
        join(process.cwd(), 'src/strategies/donchian-breakout/donchian-breakout.golden.json'),
        trades,
      ),
    );
  });

  it('trades exactly where the naive rules say, and exits both ways', () => {
    const rules = reference(data, defaults);
    expect(trades.length).toBeGreaterThanOrEqual(6);
    expect(ruleViolations(trades, rules, data)).toEqual([]);
    const sells = trades.filter((trade) => trade.side === 'SELL').map((trade) => trade.candle);
    expect(sells.some((t) => rules.channelExit(t))).toBe(true);
    expect(sells.some((t) => !rules.channelExit(t) && rules.atrStop(t))).toBe(true);
  });
});
