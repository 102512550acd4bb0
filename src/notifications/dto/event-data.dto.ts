import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ChannelType } from '../../kernel/notification.enums';

// The `data` of each event type. Decimals are strings, as everywhere in the API.

const decimal = (example: string, description?: string) =>
  ApiProperty({ type: String, format: 'decimal', example, ...(description && { description }) });

/** bot.started: no fields. */
export class BotStartedDataDto {}

export class BotStoppedDataDto {
  @ApiProperty({ description: 'Whether an open position is being sold (reason manual)' })
  closePosition: boolean;
}

export class BotPausedDataDto {
  @ApiProperty({
    description:
      'The daily limit that was reached, or the protection that pauses entries (cooldown, stop_loss_guard, max_drawdown)',
    example: 'daily_loss_limit',
    enum: [
      'max_daily_trades',
      'daily_loss_limit',
      'daily_profit_target',
      'cooldown',
      'stop_loss_guard',
      'max_drawdown',
    ],
  })
  limit: string;

  @ApiProperty({ example: 'dailyLossLimitQuote reached: realized -51.2 today (limit -50)' })
  reason: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'Protections only: when entries resume (a daily limit lasts until 00:00 UTC)',
  })
  until?: string;
}

export class BotResumedDataDto {
  @ApiProperty({ example: 'a new UTC day began' })
  reason: string;
}

export class BotErrorDataDto {
  @ApiProperty({ example: 'market data unavailable for 3 ticks' })
  reason: string;
}

export class TradeOpenedDataDto {
  @ApiProperty({ format: 'uuid' })
  tradeId: string;

  @ApiProperty({ enum: ['BUY'] })
  side: 'BUY';

  @decimal('51234.5', 'Average fill price')
  price: string;

  @decimal('0.0195', 'Base quantity bought')
  qty: string;

  @decimal('999.07', 'Quote spent')
  quoteQty: string;

  @decimal('0.0000195')
  fee: string;

  @ApiProperty({ example: 'BTC' })
  feeAsset: string;

  @ApiProperty({
    description:
      "True when the order's trade list could not be read and the fee is estimated from the account's commission rates",
  })
  feeEstimated: boolean;

  @ApiProperty({ format: 'date-time', description: 'Fill time' })
  time: string;
}

export class TradeClosedDataDto {
  @ApiProperty({ format: 'uuid' })
  tradeId: string;

  @ApiProperty({ enum: ['SELL'] })
  side: 'SELL';

  @decimal('52210.1', 'Average fill price')
  price: string;

  @decimal('0.0194', 'Base quantity sold')
  qty: string;

  @decimal('1012.88', 'Quote received')
  quoteQty: string;

  @decimal('1.01288')
  fee: string;

  @ApiProperty({ example: 'USDT' })
  feeAsset: string;

  @ApiProperty({
    description:
      "True when the order's trade list could not be read and the fee is estimated from the account's commission rates",
  })
  feeEstimated: boolean;

  @ApiProperty({
    type: String,
    format: 'decimal',
    nullable: true,
    example: '12.80',
    description: 'Realised PnL in the quote asset, after fees; null when unknown',
  })
  pnl: string | null;

  @ApiProperty({
    description: 'Why the position was closed',
    example: 'take_profit',
    enum: ['signal', 'stop_loss', 'take_profit', 'trailing_stop', 'manual'],
  })
  reason: string;

  @ApiProperty({ format: 'date-time', description: 'Fill time' })
  time: string;
}

export class OrderRejectedDataDto {
  @ApiProperty({ example: 'tb1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6' })
  clientOrderId: string;

  @ApiProperty({ enum: ['BUY', 'SELL'] })
  side: 'BUY' | 'SELL';

  @ApiProperty({ example: 'Account has insufficient balance for requested action.' })
  reason: string;
}

export class ChannelDisabledDataDto {
  @ApiProperty({ format: 'uuid', description: 'The channel that was switched off' })
  channelId: string;

  @ApiProperty({ enum: ChannelType, enumName: 'ChannelType' })
  channelType: ChannelType;

  @ApiProperty({
    description: "The email address, or the webhook URL's host",
    example: 'hooks.example.com',
  })
  target: string;

  @ApiProperty({ example: 20, description: 'Deliveries failed in a row' })
  failures: number;

  @ApiProperty({ type: String, nullable: true, example: 'receiver answered 503' })
  lastError: string | null;
}
