import type { Candle } from '../kernel/candle';
import { sayingStrategy } from '../strategies/testing/saying-strategy';
import { candlesOfCloses } from '../strategies/testing/candles-of-closes';
import type { Strategy, StrategySignal } from '../strategies/strategy.interface';
import { decideTick, type TickInput } from './tick-decision';
import { riskParams as risk } from '../risk/testing/risk-params';
import { RiskRules } from '../risk/risk-rules';

const RULES = new RiskRules();

/** A strategy that says what the test wants, so the risk rules are tested alone. */
const saying = (action: StrategySignal['action']): Strategy =>
  sayingStrategy(action, 'no crossover');

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
  strategy: saying('none'),
  strategyParams: {},
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

const position = { qty: '2.5', entryPrice: '100', entryCostQuote: '250.25', high: '104' };

describe('decideTick', () => {
  it('buys on a buy signal, sized at the slipped price and floored to the step', () => {
    const decision = decideTick(input({ strategy: saying('buy') }), RULES);
    // 1000 / 100.05 = 9.995002…, floored to 9.995
    expect(decision.order).toEqual({
      side: 'BUY',
      qty: '9.995',
      refPrice: '100',
      reason: 'signal',
    });
  });

  it('skips a buy below minNotional and says why', () => {
    const decision = decideTick(
      input({ strategy: saying('buy'), risk: risk({ positionSizeQuote: '5' }) }),
      RULES,
    );
    expect(decision.order).toBeNull();
    expect(decision.note).toBe('buy signal skipped: order value 4.90245 is below minNotional 10');
  });

  it('blocks an entry at a daily limit but reports the limit', () => {
    const decision = decideTick(
      input({
        strategy: saying('buy'),
        risk: risk({ maxDailyTrades: 1 }),
        daily: { trades: 1, realizedPnl: '0' },
      }),
      RULES,
    );
    expect(decision.order).toBeNull();
    expect(decision.dailyLimit?.limit).toBe('max_daily_trades');
  });

  it('exits by stop loss before looking at the strategy, even at a daily limit', () => {
    const decision = decideTick(
      input({
        strategy: saying('buy'),
        candles: [candle('97')],
        columns: candlesOfCloses([97]),
        position,
        risk: risk({ stopLossPct: '3', maxDailyTrades: 1 }),
        daily: { trades: 5, realizedPnl: '-1000' },
      }),
      RULES,
    );
    expect(decision.order).toEqual({
      side: 'SELL',
      qty: '2.5',
      refPrice: '97',
      reason: 'stop_loss',
    });
  });

  it('exits by trailing stop against the highest close, and tracks a new high', () => {
    const trailing = risk({ trailingStopPct: '2' });
    expect(
      decideTick(
        input({
          candles: [candle('101.9')],
          columns: candlesOfCloses([101.9]),
          position,
          risk: trailing,
        }),
        RULES,
      ).order?.reason,
    ).toBe('trailing_stop');
    const higher = decideTick(
      input({
        candles: [candle('110')],
        columns: candlesOfCloses([110]),
        position,
        risk: trailing,
      }),
      RULES,
    );
    expect(higher.order).toBeNull();
    expect(higher.trailingHigh).toBe('110');
  });

  it('sells on a sell signal only while in position', () => {
    expect(decideTick(input({ strategy: saying('sell'), position }), RULES).order).toMatchObject({
      side: 'SELL',
      reason: 'signal',
    });
    expect(decideTick(input({ strategy: saying('sell') }), RULES).order).toBeNull();
  });
});
