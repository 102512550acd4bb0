import type { Candle } from '../kernel/candle';
import { RiskRules } from '../risk/risk-rules';
import { riskParams as risk } from '../risk/testing/risk-params';
import { candlesOfCloses } from '../strategies/testing/candles-of-closes';
import { sayingStrategy } from '../strategies/testing/saying-strategy';
import { decideTick } from './tick-decision';
import {
  botEquity,
  type ProtectionState,
  protectionsAfterTick,
  protectionsBeforeTick,
} from './tick-protections';

const RULES = new RiskRules();
const MIN = 60_000;
const AT = Date.UTC(2026, 0, 1, 12);
const clock = (at: number) => ({ at, intervalMs: MIN });
const fresh: ProtectionState = { pause: null, stopLossTimes: [], equityPeak: null };
const position = { qty: '2', entryPrice: '100', entryCostQuote: '200.2', high: '100' };

describe('botEquity', () => {
  it('paper: the balance plus the position at the close', () => {
    const equity = botEquity({
      paper: true,
      close: '90',
      position,
      quoteBalance: '800',
      positionSizeQuote: '200',
      realizedPnlTotal: '-5',
    });
    expect(equity).toBe('980');
  });

  it('live: positionSizeQuote plus realized plus unrealized PnL', () => {
    const input = { paper: false, close: '90', quoteBalance: null, positionSizeQuote: '200' };
    // 200 + (-5) + (2 * 90 - 200.2)
    expect(botEquity({ ...input, position, realizedPnlTotal: '-5' })).toBe('174.8');
    expect(botEquity({ ...input, position: null, realizedPnlTotal: '12.5' })).toBe('212.5');
  });
});

describe('tick protections', () => {
  it('a stop-loss exit starts the cooldown; other exits do not', () => {
    const params = risk({ cooldownCandles: 2 });
    expect(protectionsAfterTick(fresh, 'trailing_stop', clock(AT), params, RULES)).toBe(fresh);
    const after = protectionsAfterTick(fresh, 'stop_loss', clock(AT), params, RULES);
    expect(after).toMatchObject({
      stopLossTimes: [AT],
      pause: { kind: 'cooldown', until: AT + 3 * MIN },
    });
    // Still paused two candles later; lifted on the third.
    const held = protectionsBeforeTick(after, clock(AT + 2 * MIN), null, params, RULES);
    expect(held.pause).toEqual(after.pause);
    expect(protectionsBeforeTick(after, clock(AT + 3 * MIN), null, params, RULES).pause).toBeNull();
  });

  it('the stopLossGuard pauses at its count of stop losses within the window', () => {
    const params = risk({ stopLossGuard: { count: 2, windowCandles: 10, pauseCandles: 20 } });
    const first = protectionsAfterTick(fresh, 'stop_loss', clock(AT), params, RULES);
    expect(first).toEqual({ ...fresh, stopLossTimes: [AT] });
    const second = protectionsAfterTick(first, 'stop_loss', clock(AT + 9 * MIN), params, RULES);
    expect(second.pause).toMatchObject({ kind: 'stop_loss_guard', until: AT + 30 * MIN });
    const lifted = protectionsBeforeTick(second, clock(AT + 30 * MIN), null, params, RULES);
    expect(lifted.pause).toBeNull();
  });

  it('tracks the equity peak and pauses on the drawdown; off, it forgets the peak', () => {
    const params = risk({ maxDrawdownPct: '10', resumeAfterCandles: 1 });
    const peaked = protectionsBeforeTick(fresh, clock(AT), '1000', params, RULES);
    expect(peaked).toEqual({ ...fresh, equityPeak: '1000' });
    const fell = protectionsBeforeTick(peaked, clock(AT + MIN), '900', params, RULES);
    expect(fell.pause).toMatchObject({ kind: 'max_drawdown', until: AT + 3 * MIN });
    expect(fell.equityPeak).toBe('900');
    expect(protectionsBeforeTick(fell, clock(AT + 2 * MIN), '900', risk(), RULES)).toMatchObject({
      equityPeak: null,
    });
  });

  it('decideTick skips a buy signal during a pause, saying why and until when, and still exits', () => {
    const candle: Candle = {
      openTime: AT - MIN,
      open: '100',
      high: '100',
      low: '100',
      close: '100',
      volume: '1',
      closeTime: AT - 1,
    };
    const pause = { kind: 'cooldown' as const, reason: 'cooldownCandles: 2', until: AT + MIN };
    const input = {
      strategyParams: {},
      risk: risk(),
      fill: { feeRate: '0.001', slippageBps: '5' },
      filters: {},
      candles: [candle],
      columns: candlesOfCloses([100]),
      position: null,
      daily: { trades: 0, realizedPnl: '0' },
      quoteBalance: '10000',
      entryPause: pause,
    };
    const skipped = decideTick({ ...input, strategy: sayingStrategy('buy', 'up') }, RULES);
    expect(skipped.order).toBeNull();
    expect(skipped.note).toBe(
      'buy signal skipped: cooldownCandles: 2, until 2026-01-01T12:01:00.000Z',
    );
    const sold = decideTick(
      { ...input, position, strategy: sayingStrategy('sell', 'down') },
      RULES,
    );
    expect(sold.order).toMatchObject({ side: 'SELL', reason: 'signal' });
  });
});
