import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { Optional } from './optional';

/**
 * A nested DTO. ValidateNested alone passes a missing value, and an array of anything (it
 * validates each element), so `risk: []` reached the service as if it were risk params.
 */
export function NestedObject(
  type: () => new () => object,
  { optional = false }: { optional?: boolean } = {},
): PropertyDecorator {
  return applyDecorators(
    ...(optional ? [Optional()] : []),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );
}
