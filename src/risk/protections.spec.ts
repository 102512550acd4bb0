import {
  drawdownHit,
  drawdownStep,
  laterPause,
  pausedAt,
  recentStopLosses,
  stopLossPause,
} from './protections';
import { riskParams as risk } from './testing/risk-params';

const MIN = 60_000;
const AT = Date.UTC(2026, 0, 1, 12, 0);

describe('stopLossPause', () => {
  it('cooldown: blocks the stop-loss candle and the next cooldownCandles', () => {
    const pause = stopLossPause([AT], AT, MIN, risk({ cooldownCandles: 3 }));
    expect(pause).toMatchObject({ kind: 'cooldown', until: AT + 4 * MIN });
    expect(pausedAt(pause, AT)).toBe(true);
    expect(pausedAt(pause, AT + 3 * MIN)).toBe(true);
    expect(pausedAt(pause, AT + 4 * MIN)).toBe(false);
  });

  it('is off without cooldown and guard', () => {
    expect(stopLossPause([AT], AT, MIN, risk())).toBeNull();
  });

  it('guard: pauses once count stop losses fell within the window', () => {
    const params = risk({ stopLossGuard: { count: 2, windowCandles: 5, pauseCandles: 10 } });
    const first = recentStopLosses([], AT, MIN, params);
    expect(stopLossPause(first, AT, MIN, params)).toBeNull();
    // 5 candles later the first one has left the window of 5 candles.
    const late = recentStopLosses(first, AT + 5 * MIN, MIN, params);
    expect(late).toEqual([AT + 5 * MIN]);
    expect(stopLossPause(late, AT + 5 * MIN, MIN, params)).toBeNull();
    const within = recentStopLosses(late, AT + 9 * MIN, MIN, params);
    expect(within).toEqual([AT + 5 * MIN, AT + 9 * MIN]);
    expect(stopLossPause(within, AT + 9 * MIN, MIN, params)).toMatchObject({
      kind: 'stop_loss_guard',
      until: AT + 20 * MIN,
    });
  });

  it('takes the later of cooldown and guard', () => {
    const both = risk({
      cooldownCandles: 30,
      stopLossGuard: { count: 1, windowCandles: 5, pauseCandles: 10 },
    });
    expect(stopLossPause([AT], AT, MIN, both)).toMatchObject({ kind: 'cooldown' });
  });

  it('recentStopLosses keeps only the last one without a guard, and is idempotent', () => {
    expect(recentStopLosses([AT - MIN], AT, MIN, risk({ cooldownCandles: 1 }))).toEqual([AT]);
    const params = risk({ stopLossGuard: { count: 3, windowCandles: 5, pauseCandles: 1 } });
    expect(recentStopLosses([AT - MIN, AT], AT, MIN, params)).toEqual([AT - MIN, AT]);
  });
});

describe('laterPause', () => {
  it('keeps the pause that ends later', () => {
    const a = { kind: 'cooldown' as const, reason: 'a', until: 2 };
    const b = { kind: 'max_drawdown' as const, reason: 'b', until: 3 };
    expect(laterPause(a, b)).toBe(b);
    expect(laterPause(b, a)).toBe(b);
    expect(laterPause(null, a)).toBe(a);
    expect(laterPause(a, null)).toBe(a);
  });
});

describe('drawdown', () => {
  it('drawdownHit is inclusive and exact', () => {
    expect(drawdownHit('10000', '9000', '10')).toBe(true);
    expect(drawdownHit('10000', '9000.0000000001', '10')).toBe(false);
    expect(drawdownHit('0', '-5', '10')).toBe(false);
  });

  it('tracks the peak, pauses for resumeAfterCandles and restarts the peak', () => {
    const params = risk({ maxDrawdownPct: '10', resumeAfterCandles: 5 });
    expect(drawdownStep(null, '100', AT, MIN, params)).toEqual({ peak: '100', pause: null });
    expect(drawdownStep('100', '120', AT, MIN, params)).toEqual({ peak: '120', pause: null });
    expect(drawdownStep('120', '109', AT, MIN, params)).toEqual({ peak: '120', pause: null });
    const hit = drawdownStep('120', '108', AT, MIN, params);
    expect(hit.peak).toBe('108');
    expect(hit.pause).toMatchObject({ kind: 'max_drawdown', until: AT + 6 * MIN });
    expect(hit.pause?.reason).toBe(
      'maxDrawdownPct: equity 108 is 10% below its peak 120 (limit 10%)',
    );
  });

  it('pauses until the next 00:00 UTC without resumeAfterCandles', () => {
    const hit = drawdownStep('100', '50', AT, MIN, risk({ maxDrawdownPct: '10' }));
    expect(hit.pause?.until).toBe(Date.UTC(2026, 0, 2));
    // A candle closing on the boundary belongs to the new day.
    const midnight = Date.UTC(2026, 0, 2);
    expect(
      drawdownStep('100', '50', midnight, MIN, risk({ maxDrawdownPct: '10' })).pause?.until,
    ).toBe(Date.UTC(2026, 0, 3));
  });

  it('is off without maxDrawdownPct', () => {
    expect(drawdownStep('100', '1', AT, MIN, risk())).toEqual({ peak: '100', pause: null });
  });
});
