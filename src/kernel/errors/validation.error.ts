import { BadRequestException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

export interface FieldError {
  field: string;
  reason: string;
}

/** A 400 whose body lists each bad field with the reason, in the ApiErrorDto shape. */
export class InvalidInputError extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super({
      message: fieldErrors.map((e) => `${e.field} ${e.reason}`).join('; '),
      errors: fieldErrors,
    });
  }
}

/** Flattens class-validator's nested errors into dotted paths: `risk.stopLossPct`, `candles.3`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      reason: stripPropertyName(message, error.property),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

// class-validator messages start with the property name ("name must be a string");
// the field is reported separately, so keep only the reason.
function stripPropertyName(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
