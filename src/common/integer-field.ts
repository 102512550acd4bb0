import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { Optional } from './optional';

export interface IntegerFieldOptions {
  description: string;
  min: number;
  max: number;
  example?: number;
  /** What a left-out value means, for the documentation (the DTO sets it). */
  default?: number;
  optional?: boolean;
  /** With optional: `null` is accepted too (it clears the setting). */
  nullable?: boolean;
}

const WHOLE_NUMBER_TEXT = /^-?\d+$/;

/** A query string's whole number ("25") as a number; anything else is left to the checks. */
export function WholeNumberFromText(): PropertyDecorator {
  return Transform(({ value }) =>
    typeof value === 'string' && WHOLE_NUMBER_TEXT.test(value) ? Number(value) : value,
  );
}

/**
 * A whole number in [min, max], from JSON or a query string ("25"). One check with one
 * message per problem: stacked IsInt/Min/Max run last-first, so `limit=abc` was told
 * "must not be greater than 500". The max also keeps values inside their column.
 */
export function IntegerField(options: IntegerFieldOptions): PropertyDecorator {
  const docs = {
    type: 'integer' as const,
    description: options.description,
    minimum: options.min,
    maximum: options.max,
    example: options.example,
    default: options.default,
    nullable: options.nullable,
  };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(docs) : ApiProperty(docs),
    WholeNumberFromText(),
    ...(options.optional ? [Optional({ nullable: options.nullable })] : []),
    ValidateBy({
      name: 'isIntegerInRange',
      validator: {
        validate: (value: unknown) => integerProblem(value, options) === undefined,
        defaultMessage: (args) =>
          `$property ${integerProblem(args?.value, options) ?? 'must be a whole number'}`,
      },
    }),
  );
}

function integerProblem(value: unknown, { min, max }: IntegerFieldOptions): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
  if (value < min) return `must be at least ${min}`;
  if (value > max) return `must be at most ${max}`;
  return undefined;
}
