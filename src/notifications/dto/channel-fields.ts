import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  isURL,
  IsUUID,
  Matches,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { IsEmailAddress } from '../../common/email-address';
import { BotEventType } from '../../kernel/bot-event';

// Shared by create and update. No message here quotes $value: a rejected URL or secret
// must not come back in the 400 body (or a log of it).

export const ALL_EVENT_TYPES = Object.values(BotEventType);

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export const EmailToField = () => applyDecorators(Transform(trimmed), IsEmailAddress());

const WEBHOOK_URL = {
  protocols: ['http', 'https'],
  require_protocol: true,
  require_tld: false,
  disallow_auth: true,
};

export const WebhookUrlField = () =>
  applyDecorators(
    IsString(),
    MaxLength(2048),
    ValidateBy({
      name: 'webhookUrl',
      validator: {
        // The sender parses with WHATWG URL, which refuses a few that isURL takes (IPv6 zones).
        validate: (value: unknown) =>
          typeof value === 'string' && isURL(value, WEBHOOK_URL) && URL.canParse(value),
        defaultMessage: () => '$property must be an http(s) URL without credentials in it',
      },
    }),
  );

export const SecretField = () =>
  applyDecorators(
    IsString(),
    Matches(/^[\x21-\x7e]{16,256}$/, {
      message: '$property must be 16 to 256 printable characters without spaces',
    }),
  );

export const EventsField = () =>
  applyDecorators(
    ApiPropertyOptional({
      enum: BotEventType,
      enumName: 'BotEventType',
      isArray: true,
      description: 'The events this channel receives; default all',
    }),
    IsArray(),
    ArrayNotEmpty(),
    ArrayUnique(),
    IsIn(ALL_EVENT_TYPES, {
      each: true,
      message: `each value in $property must be one of ${ALL_EVENT_TYPES.join(', ')}`,
    }),
  );

export const BotIdsField = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(100),
    ArrayUnique(),
    IsUUID('all', { each: true, message: 'each value in $property must be a UUID' }),
  );
