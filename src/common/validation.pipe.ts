import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors, InvalidInputError } from '../kernel/errors/validation.error';
import { unstorableTextErrors } from './unstorable-text';

/**
 * Strict input: unknown fields are errors, each error names its field, and no validated
 * DTO carries text PostgreSQL cannot store (one check here rather than one per field).
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const validated: unknown = await super.transform(value, metadata);
    if (this.toValidate(metadata)) {
      const errors = unstorableTextErrors(validated, metadata.data ?? metadata.type);
      if (errors.length > 0) throw new InvalidInputError(errors);
    }
    return validated;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Custom decorators hand over what the server made (the caller, a backtest's place), not input.
    validateCustomDecorators: false,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new InvalidInputError(flattenValidationErrors(errors)),
  });
}
