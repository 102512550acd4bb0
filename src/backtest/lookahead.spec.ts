import PeekingStrategy from '../../test/fixtures/peeking.strategy';
import { STRATEGY_CLASSES } from '../strategies/built-in-strategies';
import { seriesFromColumns } from './candle-series';
import { checkLookahead, cutPoints, LOOKAHEAD_CUTS } from './lookahead';
import { goldenSeries } from './testing/golden-backtest';
import { randomWalk } from './testing/random-walk';
import { scriptedStrategy } from './testing/scripted-strategy';

describe('checkLookahead (docs/backtesting.md, Lookahead check)', () => {
  const { series } = goldenSeries();

  it.each(STRATEGY_CLASSES.map((Class) => [new Class().key, new Class()] as const))(
    'passes the built-in %s: no signal changes on any prefix',
    (_key, strategy) => {
      const report = checkLookahead(strategy, strategy.defaults, series);
      expect(report.prefixes).toHaveLength(LOOKAHEAD_CUTS);
      expect(report.checkedSignals).toBeGreaterThan(LOOKAHEAD_CUTS * 900);
      expect(report).toMatchObject({ lookahead: false, changedSignals: 0, changes: [] });
    },
  );

  it('catches a strategy that reads the next candle, naming where and what changed', () => {
    const report = checkLookahead(new PeekingStrategy(), {}, series);
    expect(report.lookahead).toBe(true);
    // Each prefix's last candle has no next close to read: its signal falls to none.
    expect(report.changedSignals).toBeGreaterThan(LOOKAHEAD_CUTS / 2);
    for (const change of report.changes) {
      expect(change.index).toBe(change.prefixLength - 1);
      expect(change.prefix).toBe('none');
      expect(change.full).not.toBe('none');
      expect(change.time).toBe(series.closeTime[change.index]);
    }
  });

  it('catches a strategy whose early signals depend on how long the series is', () => {
    const walk = seriesFromColumns(randomWalk(300, 3));
    // Buys on candle 10 only when the series runs past candle 250.
    const sneaky = {
      ...scriptedStrategy({}),
      createEvaluator: () => {
        const evaluator = scriptedStrategy({}).createEvaluator({});
        return {
          ...evaluator,
          updateMany(candles: { length: number }, from: number, to: number, actions: Int8Array) {
            for (let i = from; i < to; i++)
              actions[i - from] = i === 10 && candles.length > 250 ? 1 : 0;
          },
        };
      },
    };
    const report = checkLookahead(sneaky, {}, walk);
    expect(report.changes[0]).toMatchObject({ index: 10, full: 'buy', prefix: 'none' });
    expect(report.changedSignals).toBe(1);
  });

  it('spreads at most the given number of cut points evenly, both ends included', () => {
    expect(cutPoints(10, 20, 3)).toEqual([10, 15, 20]);
    expect(cutPoints(5, 7, 50)).toEqual([5, 6, 7]);
    expect(cutPoints(5, 5, 50)).toEqual([5]);
    expect(cutPoints(6, 5, 50)).toEqual([]);
  });
});
