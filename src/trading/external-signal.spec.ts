import type { Candle } from '../kernel/candle';
import { RiskRules } from '../risk/risk-rules';
import { riskParams as risk } from '../risk/testing/risk-params';
import {
  ExternalSignalStrategy,
  WAITING_FOR_SIGNAL,
} from '../strategies/external-signal/external-signal.strategy';
import { candlesOfCloses } from '../strategies/testing/candles-of-closes';
import { sayingStrategy } from '../strategies/testing/saying-strategy';
import { externalSignal, type PendingSignal } from './external-signal';
import { decideTick, type TickInput } from './tick-decision';

const RULES = new RiskRules();
const strategy = new ExternalSignalStrategy();

const candle = (close: string): Candle => ({
  openTime: 0,
  open: close,
  high: close,
  low: close,
  close,
  volume: '1',
  closeTime: 59_999,
});

const input = (overrides: Partial<TickInput>): TickInput => ({
  strategy,
  strategyParams: { signalTtlSeconds: 60 },
  risk: risk(),
  fill: { feeRate: '0.001', slippageBps: '5' },
  filters: { stepSize: '0.001', minNotional: '10' },
  candles: [candle('100')],
  columns: candlesOfCloses([100]),
  position: null,
  daily: { trades: 0, realizedPnl: '0' },
  quoteBalance: '10000',
  ...overrides,
});

const pending = (action: 'buy' | 'sell', ageMs: number): PendingSignal => ({
  alertId: 'alert-1',
  action,
  ageMs,
});
const position = { qty: '2.5', entryPrice: '100', entryCostQuote: '250.25', high: '100' };

describe('externalSignal', () => {
  it('passes a signal on up to its TTL, and drops it past that, saying so', () => {
    expect(externalSignal(pending('buy', 60_000), 60)).toEqual({
      signal: { action: 'buy', indicators: {}, reason: 'buy signal alert-1' },
      outcome: 'used',
    });
    expect(externalSignal(pending('sell', 60_001), 60)).toEqual({
      signal: {
        action: 'none',
        indicators: {},
        reason: 'sell signal alert-1 dropped: received 60 s ago, past signalTtlSeconds 60',
      },
      outcome: 'expired',
    });
  });
});

describe('decideTick with an external signal', () => {
  it('waits, with no signal, and says so', () => {
    const decision = decideTick(input({}), RULES);
    expect(decision.order).toBeNull();
    expect(decision.note).toBe(WAITING_FOR_SIGNAL);
    expect(decision.signalOutcome).toBeUndefined();
  });

  it('buys on a fresh buy signal by the usual sizing', () => {
    const decision = decideTick(input({ pendingSignal: pending('buy', 500) }), RULES);
    expect(decision.order).toEqual({
      side: 'BUY',
      qty: '9.995',
      refPrice: '100',
      reason: 'signal',
    });
    expect(decision.signalOutcome).toBe('used');
  });

  it('sells the position on a fresh sell signal', () => {
    const decision = decideTick(input({ position, pendingSignal: pending('sell', 500) }), RULES);
    expect(decision.order).toEqual({ side: 'SELL', qty: '2.5', refPrice: '100', reason: 'signal' });
  });

  it('drops a signal older than signalTtlSeconds: no order, and the decision says why', () => {
    const decision = decideTick(
      input({ strategyParams: { signalTtlSeconds: 5 }, pendingSignal: pending('buy', 5_001) }),
      RULES,
    );
    expect(decision.order).toBeNull();
    expect(decision.signalOutcome).toBe('expired');
    expect(decision.note).toBe(
      'buy signal alert-1 dropped: received 5 s ago, past signalTtlSeconds 5',
    );
  });

  it('keeps the daily limits for a signalled entry', () => {
    const decision = decideTick(
      input({
        risk: risk({ maxDailyTrades: 1 }),
        daily: { trades: 1, realizedPnl: '0' },
        pendingSignal: pending('buy', 0),
      }),
      RULES,
    );
    expect(decision.order).toBeNull();
    expect(decision.note).toMatch(/^buy signal skipped: /);
  });

  it("ignores a pending signal for a strategy that is not external: the strategy's rules stand", () => {
    const decision = decideTick(
      input({ strategy: sayingStrategy('none', 'no crossover'), pendingSignal: pending('buy', 0) }),
      RULES,
    );
    expect(decision.order).toBeNull();
    expect(decision.signalOutcome).toBeUndefined();
  });
});
