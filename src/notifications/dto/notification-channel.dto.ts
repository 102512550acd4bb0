import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BotEventType } from '../../kernel/bot-event';
import type { NotificationChannel } from '../../database/entities/notification-channel.entity';
import { ChannelType } from '../../kernel/notification.enums';

/** A channel as the API shows it: the secret's hint, never the secret. */
export class NotificationChannelDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ChannelType, enumName: 'ChannelType' })
  type: ChannelType;

  @ApiProperty({ type: String, nullable: true, example: 'me@example.com' })
  to: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'https://hooks.example.com/tradebot' })
  url: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Webhooks: the last four characters of the signing secret',
    example: '...x9Qz',
  })
  secretHint: string | null;

  @ApiProperty({ enum: BotEventType, enumName: 'BotEventType', isArray: true })
  events: BotEventType[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    nullable: true,
    description: 'null: every bot of yours',
  })
  botIds: string[] | null;

  @ApiProperty({ description: 'false after 20 failed deliveries in a row, or when switched off' })
  enabled: boolean;

  @ApiProperty({ type: String, nullable: true, example: '20 deliveries failed in a row' })
  disabledReason: string | null;

  @ApiProperty({ description: 'Deliveries failed in a row; 20 disables the channel' })
  consecutiveFailures: number;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  static from(channel: NotificationChannel): NotificationChannelDto {
    return {
      id: channel.id,
      type: channel.type,
      to: channel.emailTo,
      url: channel.url,
      secretHint: channel.secretHint,
      events: channel.events,
      botIds: channel.botIds,
      enabled: channel.enabled,
      disabledReason: channel.disabledReason,
      consecutiveFailures: channel.consecutiveFailures,
      createdAt: channel.createdAt,
      updatedAt: channel.updatedAt,
    };
  }
}

/** The create response: the only one that may carry the secret. */
export class CreatedNotificationChannelDto extends NotificationChannelDto {
  @ApiPropertyOptional({
    description:
      'Webhooks whose secret was generated: the signing secret, shown this once. Store it now.',
    example: 'whsec_3q2-7wFv0pXb1mJ0lS1o6dZgk8Xj2cYkq0yH9G8n4Rw',
  })
  secret?: string;
}
