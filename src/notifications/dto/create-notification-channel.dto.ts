import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, ValidateIf } from 'class-validator';
import { Optional } from '../../common/optional';
import type { BotEventType } from '../../kernel/bot-event';
import { ChannelType } from '../../kernel/notification.enums';
import {
  BotIdsField,
  EmailToField,
  EventsField,
  SecretField,
  WebhookUrlField,
} from './channel-fields';
import { OnlyForType } from './only-for-type.validator';

/** `{type: 'email', to}` or `{type: 'webhook', url, secret?}`, plus the filters. */
export class CreateNotificationChannelDto {
  @ApiProperty({ enum: ChannelType, enumName: 'ChannelType' })
  @IsIn(Object.values(ChannelType), { message: 'must be email or webhook' })
  type: ChannelType;

  @ApiPropertyOptional({
    description: 'Email channels: the address (refused with 400 when SMTP_URL is unset)',
    example: 'me@example.com',
  })
  @ValidateIf((body) => body.type === ChannelType.Email || body.to !== undefined)
  @OnlyForType(ChannelType.Email)
  @IsDefined({ message: '$property is required for email channels' })
  @EmailToField()
  to?: string;

  @ApiPropertyOptional({
    description:
      'Webhook channels: http(s), without user:password@, to a public host (a private ' +
      'address is refused unless the operator allows it)',
    example: 'https://hooks.example.com/tradebot',
  })
  @ValidateIf((body) => body.type === ChannelType.Webhook || body.url !== undefined)
  @OnlyForType(ChannelType.Webhook)
  @IsDefined({ message: '$property is required for webhook channels' })
  @WebhookUrlField()
  url?: string;

  @ApiPropertyOptional({
    description:
      'Webhook channels: the signing secret. Omit it to have one generated and returned ' +
      'once in this response; afterwards only secretHint is shown.',
    minLength: 16,
    maxLength: 256,
  })
  @ValidateIf((body) => body.secret !== undefined)
  @OnlyForType(ChannelType.Webhook)
  @SecretField()
  secret?: string;

  @Optional()
  @EventsField()
  events?: BotEventType[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: "Only these bots' events (your bots); omit or null for all your bots",
  })
  @IsOptional()
  @BotIdsField()
  botIds?: string[] | null;
}
