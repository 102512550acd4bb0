import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments } from 'class-validator';
import Decimal from 'decimal.js';
import { Optional } from './optional';

export interface DecimalFieldOptions {
  description: string;
  example: string;
  /** Lower bound; exclusive unless `minInclusive`. */
  min?: string;
  minInclusive?: boolean;
  /** Upper bound; exclusive unless `maxInclusive`. */
  max?: string;
  maxInclusive?: boolean;
  optional?: boolean;
  /** With optional: `null` is accepted too (it clears the setting). */
  nullable?: boolean;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Digits every decimal may have before and after the point. The numeric columns have no
 * precision of their own, so without a bound 200,000 digits reached PostgreSQL (and its
 * "value overflows numeric format" a 500). numeric(38,18) is the usual home of crypto
 * amounts: 18 places hold any token's smallest unit (Binance's use at most 8), and 20
 * integer digits are far past any balance, size or limit; percentages, rates and basis
 * points are held much lower by their own max.
 */
export const DECIMAL_DIGITS = { integer: 20, fraction: 18 } as const;

/**
 * Money and percentages in requests: a JSON number or a decimal string, stored as the
 * canonical decimal string ("1e3" and floats' binary noise are refused, not rounded).
 */
export function DecimalField(options: DecimalFieldOptions): PropertyDecorator {
  const docs = {
    type: String,
    description:
      `${options.description} (decimal string or number${describeBounds(options)}; ` +
      `at most ${DECIMAL_DIGITS.integer} digits before the point and ${DECIMAL_DIGITS.fraction} after)`,
    example: options.example,
    nullable: options.nullable,
  };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(docs) : ApiProperty(docs),
    Transform(({ value }) => canonicalDecimal(value)),
    ...(options.optional ? [Optional({ nullable: options.nullable })] : []),
    IsBoundedDecimal(options),
  );
}

function canonicalDecimal(value: unknown): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return new Decimal(value).toFixed();
  if (typeof value === 'string' && DECIMAL.test(value.trim())) {
    return new Decimal(value.trim()).toFixed();
  }
  return value;
}

function IsBoundedDecimal(options: DecimalFieldOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBoundedDecimal',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => boundProblem(value, options) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          boundProblem(args?.value, options) ?? 'must be a decimal',
      },
    });
}

function boundProblem(value: unknown, options: DecimalFieldOptions): string | undefined {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    return 'must be a decimal number or a decimal string like "12.5"';
  }
  const [integer, fraction = ''] = value.replace('-', '').split('.');
  if (integer.length > DECIMAL_DIGITS.integer) {
    return `must have at most ${DECIMAL_DIGITS.integer} digits before the decimal point`;
  }
  if (fraction.length > DECIMAL_DIGITS.fraction) {
    return `must have at most ${DECIMAL_DIGITS.fraction} digits after the decimal point`;
  }
  const decimal = new Decimal(value);
  if (options.min !== undefined) {
    const ok = options.minInclusive ? decimal.gte(options.min) : decimal.gt(options.min);
    if (!ok) return `must be ${options.minInclusive ? 'at least' : 'greater than'} ${options.min}`;
  }
  if (options.max !== undefined) {
    const ok = options.maxInclusive ? decimal.lte(options.max) : decimal.lt(options.max);
    if (!ok) return `must be ${options.maxInclusive ? 'at most' : 'less than'} ${options.max}`;
  }
  return undefined;
}

function describeBounds(options: DecimalFieldOptions): string {
  const bounds = [
    options.min !== undefined ? `${options.minInclusive ? '>=' : '>'} ${options.min}` : '',
    options.max !== undefined ? `${options.maxInclusive ? '<=' : '<'} ${options.max}` : '',
  ].filter(Boolean);
  return bounds.length > 0 ? `, ${bounds.join(' and ')}` : '';
}
