import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageInfoDto } from '../../common/page-query.dto';
import { BotMode, BotStatus } from '../../kernel/bot.enums';
import { INTERVALS } from '../../kernel/interval';
import type { ProtectionKind } from '../../risk/protections';
import { StopLossGuardDto } from './risk.dto';
import { STRATEGY_PARAM_VALUE_SCHEMA } from '../../strategies/strategy-description.dto';
import type { StrategyParamValue } from '../../strategies/strategy.interface';

export class RiskResponseDto {
  @ApiProperty({ example: '100' }) positionSizeQuote: string;
  @ApiProperty({ type: String, nullable: true, example: '2' }) stopLossPct: string | null;
  @ApiProperty({ type: String, nullable: true, example: '5' }) takeProfitPct: string | null;
  @ApiProperty({ type: String, nullable: true }) trailingStopPct: string | null;
  @ApiProperty({ type: Number, nullable: true }) maxDailyTrades: number | null;
  @ApiProperty({ type: String, nullable: true }) dailyLossLimitQuote: string | null;
  @ApiProperty({ type: String, nullable: true }) dailyProfitTargetQuote: string | null;
  @ApiProperty({ type: Number, nullable: true }) cooldownCandles: number | null;
  @ApiProperty({ type: StopLossGuardDto, nullable: true }) stopLossGuard: StopLossGuardDto | null;
  @ApiProperty({ type: String, nullable: true, example: '10' }) maxDrawdownPct: string | null;
  @ApiProperty({ type: Number, nullable: true }) resumeAfterCandles: number | null;
}

export class PaperResponseDto {
  @ApiProperty({ example: '10000' }) initialBalanceQuote: string;
  @ApiProperty({ example: '0.001' }) feeRate: string;
  @ApiProperty({ example: '5' }) slippageBps: string;
}

export class BotResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'BTCUSDT' }) symbol: string;
  @ApiProperty({ enum: INTERVALS }) interval: string;
  @ApiProperty({ enum: BotMode, enumName: 'BotMode' }) mode: BotMode;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) credentialId: string | null;
  @ApiProperty({ example: 'ema-rsi' }) strategy: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: STRATEGY_PARAM_VALUE_SCHEMA,
    description: 'Complete, defaults filled in',
  })
  strategyParams: Record<string, StrategyParamValue>;
  @ApiProperty({ type: RiskResponseDto }) risk: RiskResponseDto;
  @ApiProperty({ type: PaperResponseDto }) paper: PaperResponseDto;
  @ApiProperty({ enum: BotStatus, enumName: 'BotStatus' }) status: BotStatus;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiPropertyOptional({
    description:
      'Only in the create response of an external-signal bot, shown this once: the passphrase ' +
      'POST /api/signals needs (POST /api/bots/{id}/signal-passphrase replaces it)',
  })
  signalPassphrase?: string;
}

export class PositionDto {
  @ApiProperty({ example: '0.0199', description: 'Base quantity held' }) qty: string;
  @ApiProperty({ example: '50025' }) entryPrice: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) entryTime: Date | null;
  @ApiProperty({ description: 'Quote the entry cost, its fee included' }) entryCostQuote: string;
  @ApiProperty({ description: 'Highest price since entry (trailing stop)' }) trailingHigh: string;
  @ApiProperty({ type: String, nullable: true }) stopLossPrice: string | null;
  @ApiProperty({ type: String, nullable: true }) takeProfitPrice: string | null;
}

export class DailyCountersDto {
  @ApiProperty({ type: String, nullable: true, example: '2026-11-24', description: 'UTC day' })
  date: string | null;
  @ApiProperty({ description: 'Entries that day' }) trades: number;
  @ApiProperty({ example: '-12.5' }) realizedPnl: string;
}

export class ProtectionDto {
  @ApiProperty({
    enum: ['cooldown', 'stop_loss_guard', 'max_drawdown'],
    description:
      'The protection pausing entries: cooldown (cooldownCandles after a stop loss), stop_loss_guard (stopLossGuard), max_drawdown (maxDrawdownPct)',
  })
  kind: ProtectionKind;
  @ApiProperty({
    example: 'cooldownCandles: 3 candle(s) after a stop loss',
    description: 'Why, for people',
  })
  reason: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'When entries resume: the close of the first candle that may enter again',
  })
  until: string;
}

export class PaperBalancesDto {
  @ApiProperty({ example: '9000.1' }) quote: string;
  @ApiProperty({ example: '0.0199' }) base: string;
}

export class BotStateResponseDto {
  @ApiProperty({ format: 'uuid' }) botId: string;
  @ApiProperty({ enum: BotStatus, enumName: 'BotStatus' }) status: BotStatus;
  @ApiProperty({
    example: 'running (simulated market data: Binance unreachable)',
    description: 'Status with its reason, for people',
  })
  statusText: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why the bot is in its status' })
  statusReason: string | null;
  @ApiProperty({
    type: ProtectionDto,
    nullable: true,
    description:
      'The protection pausing new entries now, and until when (exits go on); null when none. The status is then paused, unless a daily limit pauses it too',
  })
  protection: ProtectionDto | null;
  @ApiProperty({ type: PositionDto, nullable: true }) position: PositionDto | null;
  @ApiProperty({ description: 'An order was sent and its fill is not recorded yet' })
  orderInFlight: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When a stop with closePosition was asked for while an order was in flight: the bot stops, and sells its position, as soon as that order settles',
  })
  stopRequestedAt: Date | null;
  @ApiProperty({ type: DailyCountersDto }) daily: DailyCountersDto;
  @ApiProperty({
    example: '152.3',
    description: "Realized PnL since the bot's creation: the sum of its sells' pnl, after fees",
  })
  realizedPnl: string;
  @ApiProperty({ type: PaperBalancesDto, nullable: true, description: 'Paper bots only' })
  balances: PaperBalancesDto | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Last signal: action, indicator values, reason, candle close',
  })
  lastSignal: Record<string, unknown> | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What the last tick decided, or why it did not trade',
  })
  lastDecision: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastTickAt: Date | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Close boundary (ms) of the last candle slot ticked',
  })
  lastSlot: number | null;
  @ApiProperty({ description: 'Ticks skipped because another worker held the bot' })
  ticksSkipped: number;
  @ApiProperty() updatedAt: Date;
}

export class TradeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orderId: string | null;
  @ApiProperty({ example: 'BTCUSDT' }) symbol: string;
  @ApiProperty({ enum: ['BUY', 'SELL'] }) side: string;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['signal', 'stop_loss', 'take_profit', 'trailing_stop', 'manual'],
  })
  reason: string | null;
  @ApiProperty({ enum: BotMode, enumName: 'BotMode' }) mode: BotMode;
  @ApiProperty({ example: '50025' }) price: string;
  @ApiProperty({ example: '0.0199' }) qty: string;
  @ApiProperty({ example: '995.4975' }) quoteQty: string;
  @ApiProperty({ example: '0.9954975' }) fee: string;
  @ApiProperty({ example: 'USDT' }) feeAsset: string;
  @ApiProperty({
    description:
      "True when the order's trade list could not be read: the trade was settled from the order's totals and the fee estimated from the account's commission rates",
  })
  feeEstimated: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Round-trip PnL, on sells' }) pnl:
    string | null;
  @ApiProperty() time: Date;
}

export class TradesPageDto extends PageInfoDto {
  @ApiProperty({ type: [TradeDto], description: 'Newest first' }) items: TradeDto[];
}

/** A bot of the list, with its state: one request shows every bot's status and PnL. */
export class BotListItemDto extends BotResponseDto {
  @ApiProperty({ type: BotStateResponseDto }) state: BotStateResponseDto;
}

export class BotsPageDto extends PageInfoDto {
  @ApiProperty({ type: [BotListItemDto], description: 'Newest first, each with its state' })
  items: BotListItemDto[];
}
