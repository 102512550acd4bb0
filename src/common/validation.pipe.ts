import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors, InvalidInputError } from './errors/validation.error';

/** Strict input: unknown fields are errors, and each error names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new InvalidInputError(flattenValidationErrors(errors)),
  });
}
