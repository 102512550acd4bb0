import type { BacktestInput } from '../run-backtest';

/**
 * Every risk rule, daily limit and filter switched on: the fingerprint test and the
 * benchmark run ema-rsi under these.
 */
export const EVERY_RULE: Pick<BacktestInput, 'risk' | 'fill' | 'filters'> = {
  risk: {
    positionSizeQuote: '250',
    stopLossPct: '1',
    takeProfitPct: '3',
    trailingStopPct: '2',
    maxDailyTrades: 20,
    dailyLossLimitQuote: '40',
    dailyProfitTargetQuote: '80',
  },
  fill: { feeRate: '0.001', slippageBps: '5' },
  filters: { stepSize: '0.00001', minQty: '0.0001', minNotional: '10' },
};
