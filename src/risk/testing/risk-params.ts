import type { RiskParams } from '../risk-params';

/** Risk params with every optional rule off, for specs to switch on what they test. */
export const riskParams = (overrides: Partial<RiskParams> = {}): RiskParams => ({
  positionSizeQuote: '1000',
  stopLossPct: null,
  takeProfitPct: null,
  trailingStopPct: null,
  maxDailyTrades: null,
  dailyLossLimitQuote: null,
  dailyProfitTargetQuote: null,
  ...overrides,
});
