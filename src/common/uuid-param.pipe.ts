import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidInputError } from '../kernel/errors/validation.error';

/** A path id that is not a UUID: a 400 naming the field, like every other bad input. */
export function uuidParam(field = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new InvalidInputError([{ field, reason: 'must be a UUID' }]),
  });
}
