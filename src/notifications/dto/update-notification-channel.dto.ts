import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, ValidateIf } from 'class-validator';
import { Optional } from '../../common/optional';
import type { BotEventType } from '../../kernel/bot-event';
import {
  BotIdsField,
  EmailToField,
  EventsField,
  SecretField,
  WebhookUrlField,
} from './channel-fields';

/**
 * Any subset; the type never changes (to is for email channels, url and secret for webhooks).
 * Only botIds may be null: a channel without a target, secret or events cannot deliver.
 */
export class UpdateNotificationChannelDto {
  @ApiPropertyOptional({ description: 'Email channels only', example: 'me@example.com' })
  @Optional()
  @EmailToField()
  to?: string;

  @ApiPropertyOptional({ description: 'Webhook channels only; to a public host, as on create' })
  @Optional()
  @WebhookUrlField()
  url?: string;

  @ApiPropertyOptional({
    description: 'Webhook channels only: a new signing secret (not echoed back)',
    minLength: 16,
    maxLength: 256,
  })
  @Optional()
  @SecretField()
  secret?: string;

  @Optional()
  @EventsField()
  events?: BotEventType[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    nullable: true,
    description: "Only these bots' events; null for all your bots",
  })
  // null is meaningful here (clear the filter), so only undefined skips validation.
  @ValidateIf((body) => body.botIds !== null && body.botIds !== undefined)
  @BotIdsField()
  botIds?: string[] | null;

  @ApiPropertyOptional({
    description:
      'false switches the channel off; true switches it back on and clears its failure count',
  })
  @Optional()
  @IsBoolean()
  enabled?: boolean;
}
