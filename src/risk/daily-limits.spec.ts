import { dailyLimitHit, utcDay } from './daily-limits';
import { riskParams as risk } from './testing/risk-params';

describe('dailyLimitHit', () => {
  it('blocks entries once maxDailyTrades entries were made', () => {
    expect(dailyLimitHit({ trades: 1, realizedPnl: '0' }, risk({ maxDailyTrades: 2 }))).toBeNull();
    expect(
      dailyLimitHit({ trades: 2, realizedPnl: '0' }, risk({ maxDailyTrades: 2 })),
    ).toMatchObject({ limit: 'max_daily_trades' });
  });

  it('blocks entries at the loss limit and at the profit target, inclusive', () => {
    const limits = risk({ dailyLossLimitQuote: '50', dailyProfitTargetQuote: '100' });
    expect(dailyLimitHit({ trades: 0, realizedPnl: '-49.99' }, limits)).toBeNull();
    expect(dailyLimitHit({ trades: 0, realizedPnl: '-50' }, limits)).toMatchObject({
      limit: 'daily_loss_limit',
    });
    expect(dailyLimitHit({ trades: 0, realizedPnl: '100' }, limits)).toMatchObject({
      limit: 'daily_profit_target',
    });
  });
});

describe('utcDay', () => {
  it('uses the UTC calendar day', () => {
    expect(utcDay(Date.UTC(2026, 0, 1, 23, 59, 59, 999))).toBe('2026-01-01');
    expect(utcDay(Date.UTC(2026, 0, 2))).toBe('2026-01-02');
  });
});
