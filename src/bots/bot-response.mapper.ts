import type { BotConfig } from '../database/entities/bot-config.entity';
import type { BotState } from '../database/entities/bot-state.entity';
import type { Trade } from '../database/entities/trade.entity';
import type { BotResponseDto, BotStateResponseDto, TradeDto } from './dto/bot-response.dto';

export function toBotResponse(bot: BotConfig, state: BotState): BotResponseDto {
  return {
    id: bot.id,
    userId: bot.userId,
    name: bot.name,
    symbol: bot.symbol,
    interval: bot.interval,
    mode: bot.mode,
    credentialId: bot.credentialId,
    strategy: bot.strategy,
    strategyParams: bot.strategyParams,
    risk: {
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
    },
    paper: {
      initialBalanceQuote: bot.paperInitialBalanceQuote,
      feeRate: bot.paperFeeRate,
      slippageBps: bot.paperSlippageBps,
    },
    status: state.status,
    createdAt: bot.createdAt,
    updatedAt: bot.updatedAt,
  };
}

export function toStateResponse(
  bot: BotConfig,
  state: BotState,
  realizedPnl: string,
): BotStateResponseDto {
  return {
    botId: bot.id,
    status: state.status,
    statusText: state.statusReason ? `${state.status} (${state.statusReason})` : state.status,
    statusReason: state.statusReason,
    position:
      state.inPosition && state.positionQty && state.entryPrice
        ? {
            qty: state.positionQty,
            entryPrice: state.entryPrice,
            entryTime: state.entryTime,
            entryCostQuote: state.entryCostQuote ?? '0',
            trailingHigh: state.trailingHigh ?? state.entryPrice,
            stopLossPrice: state.stopLossPrice,
            takeProfitPrice: state.takeProfitPrice,
          }
        : null,
    protection: protectionOf(state),
    orderInFlight: state.pendingOrderId !== null,
    stopRequestedAt: state.stopRequestedAt,
    daily: {
      date: state.dailyDate,
      trades: state.dailyTrades,
      realizedPnl: state.dailyRealizedPnl,
    },
    realizedPnl,
    balances:
      bot.mode === 'paper'
        ? { quote: state.quoteBalance ?? '0', base: state.baseBalance ?? '0' }
        : null,
    lastSignal: state.lastSignal,
    lastDecision: state.lastDecision,
    lastError: state.lastError,
    lastTickAt: state.lastTickAt,
    lastSlot: state.lastSlot === null ? null : Number(state.lastSlot),
    ticksSkipped: state.ticksSkipped,
    updatedAt: state.updatedAt,
  };
}

export function toTradeDto(trade: Trade): TradeDto {
  return {
    id: trade.id,
    orderId: trade.orderId,
    symbol: trade.symbol,
    side: trade.side,
    reason: trade.reason,
    mode: trade.mode,
    price: trade.price,
    qty: trade.qty,
    quoteQty: trade.quoteQty,
    fee: trade.fee,
    feeAsset: trade.feeAsset,
    feeEstimated: trade.feeEstimated,
    pnl: trade.pnl,
    time: trade.time,
  };
}

/** The stored pause while it lasts; one whose end has passed lifts at the bot's next tick. */
function protectionOf(state: BotState): BotStateResponseDto['protection'] {
  const pause = state.protection;
  if (!pause || pause.until <= Date.now()) return null;
  return { kind: pause.kind, reason: pause.reason, until: new Date(pause.until).toISOString() };
}
