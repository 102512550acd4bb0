import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { BotMode } from '../../kernel/bot.enums';
import { BotEventType } from '../../kernel/bot-event';
import { CHANNEL_DISABLED } from '../notification-event';
import {
  BotErrorDataDto,
  BotPausedDataDto,
  BotResumedDataDto,
  BotStartedDataDto,
  BotStoppedDataDto,
  ChannelDisabledDataDto,
  OrderRejectedDataDto,
  TradeClosedDataDto,
  TradeOpenedDataDto,
} from './event-data.dto';

export class EventBotDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'BTC trend follower' })
  name: string;

  @ApiProperty({ example: 'BTCUSDT' })
  symbol: string;

  @ApiProperty({ enum: BotMode, enumName: 'BotMode' })
  mode: BotMode;
}

/** What every event carries; each type below adds its `type`, `bot` and `data`. */
abstract class EventEnvelopeDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'Unique per event, sent as X-Tradebot-Delivery: receivers de-duplicate retries on it',
  })
  id: string;

  @ApiProperty({ format: 'date-time', description: 'When it happened (UTC)' })
  time: string;

  @ApiProperty({
    description: 'True only for the event sent by POST /api/notification-channels/{id}/test',
  })
  test: boolean;
}

/** One schema per event type, discriminated by `type`. */
function eventDto(type: string, Data: new () => object, description: string) {
  class EventDto extends EventEnvelopeDto {
    @ApiProperty({ enum: [type], description })
    type: string;

    @ApiProperty({ type: EventBotDto })
    bot: EventBotDto;

    @ApiProperty({ type: Data })
    data: object;
  }
  return EventDto;
}

export class BotStartedEventDto extends eventDto(
  BotEventType.BotStarted,
  BotStartedDataDto,
  'The bot was started (or a channel test, with test: true)',
) {}
export class BotStoppedEventDto extends eventDto(
  BotEventType.BotStopped,
  BotStoppedDataDto,
  'The bot was stopped',
) {}
export class BotPausedEventDto extends eventDto(
  BotEventType.BotPaused,
  BotPausedDataDto,
  'A daily limit paused the bot until the next UTC day, or a protection paused its entries until `until`',
) {}
export class BotResumedEventDto extends eventDto(
  BotEventType.BotResumed,
  BotResumedDataDto,
  'A paused bot runs again',
) {}
export class BotErrorEventDto extends eventDto(
  BotEventType.BotError,
  BotErrorDataDto,
  'The bot hit an error it cannot get past by itself',
) {}
export class TradeOpenedEventDto extends eventDto(
  BotEventType.TradeOpened,
  TradeOpenedDataDto,
  'A buy filled: a position is open',
) {}
export class TradeClosedEventDto extends eventDto(
  BotEventType.TradeClosed,
  TradeClosedDataDto,
  'A sell filled: the position is closed, with its PnL',
) {}
export class OrderRejectedEventDto extends eventDto(
  BotEventType.OrderRejected,
  OrderRejectedDataDto,
  'The exchange refused an order',
) {}

export class ChannelDisabledEventDto extends EventEnvelopeDto {
  @ApiProperty({
    enum: [CHANNEL_DISABLED],
    description: 'Another of your channels was switched off after 20 failed deliveries in a row',
  })
  type: string;

  @ApiProperty({
    type: 'object',
    properties: {},
    nullable: true,
    example: null,
    description: 'Always null',
  })
  bot: null;

  @ApiProperty({ type: ChannelDisabledDataDto })
  data: ChannelDisabledDataDto;
}

export const EVENT_DTOS = {
  [BotEventType.BotStarted]: BotStartedEventDto,
  [BotEventType.BotStopped]: BotStoppedEventDto,
  [BotEventType.BotPaused]: BotPausedEventDto,
  [BotEventType.BotResumed]: BotResumedEventDto,
  [BotEventType.BotError]: BotErrorEventDto,
  [BotEventType.TradeOpened]: TradeOpenedEventDto,
  [BotEventType.TradeClosed]: TradeClosedEventDto,
  [BotEventType.OrderRejected]: OrderRejectedEventDto,
  [CHANNEL_DISABLED]: ChannelDisabledEventDto,
};

/** The `oneOf` an event payload is, for properties typed as "any event". */
export const EVENT_PAYLOAD_SCHEMA = {
  oneOf: Object.values(EVENT_DTOS).map((Dto) => ({ $ref: getSchemaPath(Dto) })),
  discriminator: {
    propertyName: 'type',
    mapping: Object.fromEntries(
      Object.entries(EVENT_DTOS).map(([type, Dto]) => [type, getSchemaPath(Dto)]),
    ),
  },
};
