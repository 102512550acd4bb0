import { ValidateBy, type ValidationArguments } from 'class-validator';
import type { ChannelType } from '../../kernel/notification.enums';

/** A field that belongs to one channel type: given with another type, it is an error. */
export function OnlyForType(type: ChannelType): PropertyDecorator {
  return ValidateBy({
    name: 'onlyForType',
    constraints: [type],
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) =>
        (args?.object as { type?: unknown }).type === type,
      defaultMessage: () => `$property is only for ${type} channels`,
    },
  });
}
