import { scriptedStrategy } from '../backtest/testing/scripted-strategy';
import { copySignal, updateMany } from './strategy-evaluation';
import { candlesOfCloses } from './testing/candles-of-closes';

describe('updateMany', () => {
  it('calls update close by close for an evaluator without updateMany', () => {
    const evaluator = scriptedStrategy({ buy: [1, 5], sell: [3] }).createEvaluator({});
    expect(evaluator.updateMany).toBeUndefined();
    const actions = new Int8Array(4);
    updateMany(evaluator, candlesOfCloses(new Float64Array(8)), 0, 4, actions);
    expect([...actions]).toEqual([0, 1, 0, 2]);
    updateMany(evaluator, candlesOfCloses(new Float64Array(8)), 4, 8, actions);
    expect([...actions]).toEqual([0, 1, 0, 0]);
    expect(evaluator.signal.action).toBe('none');
  });
});

describe('copySignal', () => {
  it('copies a reason a getter writes, and leaves out one that is undefined', () => {
    const indicators = { x: 1 };
    const signal = {
      action: 'none' as const,
      indicators,
      get reason() {
        return 'because';
      },
    };
    const copy = copySignal(signal);
    expect(copy).toEqual({ action: 'none', indicators: { x: 1 }, reason: 'because' });
    expect(copy.indicators).not.toBe(indicators);
    expect(Object.keys(copySignal({ action: 'buy', indicators: {} }))).toEqual([
      'action',
      'indicators',
    ]);
  });
});
