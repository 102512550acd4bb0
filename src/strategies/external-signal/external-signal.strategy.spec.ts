import { evaluateCandles } from '../strategy-evaluation';
import { candlesOfCloses } from '../testing/candles-of-closes';
import { ExternalSignalStrategy, WAITING_FOR_SIGNAL } from './external-signal.strategy';

describe('ExternalSignalStrategy', () => {
  const strategy = new ExternalSignalStrategy();

  it('is marked external and says none over any candles, waiting for a signal', () => {
    expect(strategy.external).toBe(true);
    expect(evaluateCandles(strategy, strategy.defaults, candlesOfCloses([1, 2, 3]))).toEqual({
      action: 'none',
      indicators: {},
      reason: WAITING_FOR_SIGNAL,
    });
  });

  it('takes signalTtlSeconds, an integer from 1 to 3600, 60 by default', () => {
    expect(strategy.parseParams({})).toEqual({ ok: true, params: { signalTtlSeconds: 60 } });
    expect(strategy.parseParams({ signalTtlSeconds: 5 })).toEqual({
      ok: true,
      params: { signalTtlSeconds: 5 },
    });
    for (const [value, reason] of [
      [0, 'must be at least 1'],
      [3601, 'must be at most 3600'],
      [1.5, 'must be an integer'],
    ] as const) {
      expect(strategy.parseParams({ signalTtlSeconds: value })).toEqual({
        ok: false,
        errors: [{ field: 'signalTtlSeconds', reason }],
      });
    }
  });
});
