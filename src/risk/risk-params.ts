/** A bot's risk config, decimals as strings; null turns a rule off. */
export interface RiskParams {
  positionSizeQuote: string;
  stopLossPct: string | null;
  takeProfitPct: string | null;
  trailingStopPct: string | null;
  maxDailyTrades: number | null;
  dailyLossLimitQuote: string | null;
  dailyProfitTargetQuote: string | null;
}

/** Paper and backtest fill model. */
export interface FillParams {
  feeRate: string;
  slippageBps: string;
}

export const DEFAULT_FILL_PARAMS: FillParams = { feeRate: '0.001', slippageBps: '5' };
export const DEFAULT_INITIAL_BALANCE_QUOTE = '10000';
