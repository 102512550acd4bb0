import type { FillParams, RiskParams } from '../../risk/risk-params';
import type { Position } from '../../trading/position';
import type { BotConfig } from '../../database/entities/bot-config.entity';
import type { BotState } from '../../database/entities/bot-state.entity';

export function riskParamsOf(bot: BotConfig): RiskParams {
  return {
    positionSizeQuote: bot.positionSizeQuote,
    stopLossPct: bot.stopLossPct,
    takeProfitPct: bot.takeProfitPct,
    trailingStopPct: bot.trailingStopPct,
    maxDailyTrades: bot.maxDailyTrades,
    dailyLossLimitQuote: bot.dailyLossLimitQuote,
    dailyProfitTargetQuote: bot.dailyProfitTargetQuote,
    cooldownCandles: bot.cooldownCandles,
    stopLossGuard: bot.stopLossGuard,
    maxDrawdownPct: bot.maxDrawdownPct,
    resumeAfterCandles: bot.resumeAfterCandles,
  };
}

export function fillParamsOf(bot: BotConfig): FillParams {
  return { feeRate: bot.paperFeeRate, slippageBps: bot.paperSlippageBps };
}

export function positionOf(state: BotState): Position | null {
  if (!state.inPosition || !state.positionQty || !state.entryPrice) return null;
  return {
    qty: state.positionQty,
    entryPrice: state.entryPrice,
    entryCostQuote: state.entryCostQuote ?? '0',
    high: state.trailingHigh ?? state.entryPrice,
  };
}
