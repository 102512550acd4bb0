import { type FieldError, InvalidInputError } from '../../kernel/errors/validation.error';
import { money } from '../../risk/money';
import { checkValue } from '../../strategies/strategy-params';
import type { NumberParamSchema, ParamSchema, Strategy } from '../../strategies/strategy.interface';
import {
  RISK_SPACE_KEYS,
  type SearchParams,
  type SearchSpace,
  type SearchValue,
  type SpaceDimension,
} from './optimization.types';

/** Levels one range may have: index arithmetic stays exact far below 2^53. */
export const MAX_RANGE_LEVELS = 1_000_000_000;

const DECIMAL_TEXT = /^\d+(\.\d+)?$/;

/** The searchable risk params, bounded as RiskDto bounds them; percentages are decimals. */
const RISK_SCHEMAS: Record<string, { schema: NumberParamSchema; decimal: boolean }> = {
  stopLossPct: { schema: pct({ exclusiveMaximum: 100 }), decimal: true },
  takeProfitPct: { schema: pct({ maximum: 10_000 }), decimal: true },
  trailingStopPct: { schema: pct({ exclusiveMaximum: 100 }), decimal: true },
  cooldownCandles: {
    schema: { type: 'integer', description: '', default: 1, minimum: 1, maximum: 1_000_000 },
    decimal: false,
  },
};

function pct(bounds: Partial<NumberParamSchema>): NumberParamSchema {
  return { type: 'number', description: '', default: 1, exclusiveMinimum: 0, ...bounds };
}

/**
 * Checks a request's `space` against the strategy's param schema and the searchable risk
 * keys, listing every error with its dotted field (`space.fast.step`).
 */
export function parseSearchSpace(raw: unknown, strategy: Strategy): SearchSpace {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidInputError([{ field: 'space', reason: 'must be an object' }]);
  }
  const entries = Object.entries(raw);
  if (entries.length === 0) {
    throw new InvalidInputError([{ field: 'space', reason: 'must name at least one param' }]);
  }
  const errors: FieldError[] = [];
  const dimensions: SpaceDimension[] = [];
  for (const [key, entry] of entries) {
    const parsed = parseDimension(key, entry, strategy);
    if (Array.isArray(parsed)) errors.push(...parsed);
    else dimensions.push(parsed);
  }
  if (errors.length > 0) throw new InvalidInputError(errors);
  return { dimensions, size: dimensions.reduce((product, d) => product * levels(d), 1) };
}

/** Levels of a dimension: the values a grid walks. */
export function levels(dimension: SpaceDimension): number {
  return dimension.kind === 'range' ? dimension.count : dimension.values.length;
}

/** Level `index` of a dimension; a range's is min + index * step, exact in decimals. */
export function levelValue(dimension: SpaceDimension, index: number): SearchValue {
  if (dimension.kind === 'values') return dimension.values[index];
  const value = money(dimension.min).plus(money(dimension.step).times(index));
  return dimension.decimal ? value.toFixed() : value.toNumber();
}

/** The level a dimension holds `value` at, or -1 when it holds no such value. */
export function levelIndex(dimension: SpaceDimension, value: SearchValue): number {
  if (dimension.kind === 'values') return dimension.values.indexOf(value);
  if (typeof value === 'boolean') return -1;
  const offset = money(value).minus(dimension.min).dividedBy(dimension.step);
  const index = offset.toNumber();
  return offset.isInteger() && index >= 0 && index < dimension.count ? index : -1;
}

/** A point from one level index per dimension. */
export function pointAt(space: SearchSpace, indexes: readonly number[]): SearchParams {
  const params: SearchParams = {};
  space.dimensions.forEach((dimension, d) => {
    params[dimension.key] = levelValue(dimension, indexes[d]);
  });
  return params;
}

function parseDimension(
  key: string,
  entry: unknown,
  strategy: Strategy,
): SpaceDimension | FieldError[] {
  const field = `space.${key}`;
  const target = targetOf(key, strategy);
  if (target === undefined) {
    const names = Object.keys(strategy.paramsSchema.properties);
    return [
      {
        field,
        reason: `is not a param of ${strategy.key} (${names.join(', ') || 'none'}) nor one of ${RISK_SPACE_KEYS.join(', ')}`,
      },
    ];
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return [{ field, reason: 'must be { min, max, step } or { values }' }];
  }
  const keys = Object.keys(entry).sort().join(',');
  const base = { key, target: target.target, name: target.name };
  if (keys === 'values') {
    return parseValues(field, (entry as { values: unknown }).values, target, base);
  }
  if (keys === 'max,min,step') {
    return parseRange(field, entry as Record<'min' | 'max' | 'step', unknown>, target, base);
  }
  return [{ field, reason: 'must be { min, max, step } or { values }, nothing else' }];
}

interface Target {
  target: 'strategyParams' | 'risk';
  name: string;
  schema: ParamSchema;
  decimal: boolean;
}

function targetOf(key: string, strategy: Strategy): Target | undefined {
  if ((RISK_SPACE_KEYS as readonly string[]).includes(key)) {
    const name = key.slice('risk.'.length);
    return { target: 'risk', name, ...RISK_SCHEMAS[name] };
  }
  const properties = strategy.paramsSchema.properties as Record<string, ParamSchema>;
  if (!Object.hasOwn(properties, key)) return undefined;
  return { target: 'strategyParams', name: key, schema: properties[key], decimal: false };
}

type Base = Pick<SpaceDimension, 'key' | 'target' | 'name'>;

function parseValues(
  field: string,
  values: unknown,
  { schema, decimal }: Target,
  base: Base,
): SpaceDimension | FieldError[] {
  if (!Array.isArray(values) || values.length === 0) {
    return [{ field: `${field}.values`, reason: 'must be a non-empty array' }];
  }
  const errors: FieldError[] = [];
  const parsed: SearchValue[] = [];
  const seen = new Set<unknown>();
  values.forEach((value: unknown, i) => {
    const reason = checkValue(decimal ? numberOfDecimal(value) : value, schema);
    const canonical = decimal && reason === null ? money(value as string).toFixed() : value;
    if (reason !== null) errors.push({ field: `${field}.values.${i}`, reason });
    else if (seen.has(canonical)) {
      errors.push({ field: `${field}.values.${i}`, reason: `repeats ${String(canonical)}` });
    } else {
      seen.add(canonical);
      parsed.push(canonical as SearchValue);
    }
  });
  return errors.length > 0 ? errors : { kind: 'values', ...base, values: parsed };
}

/** A risk percentage given as a number or a decimal string, as a number to bound-check. */
function numberOfDecimal(value: unknown): unknown {
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) return Number(value);
  return typeof value === 'number' ? value : NaN;
}

function parseRange(
  field: string,
  range: Record<'min' | 'max' | 'step', unknown>,
  { schema, decimal }: Target,
  base: Base,
): SpaceDimension | FieldError[] {
  if (schema.type === 'boolean' || schema.type === 'string') {
    return [{ field, reason: `is a ${schema.type} param: give { values }` }];
  }
  const errors: FieldError[] = [];
  for (const part of ['min', 'max'] as const) {
    const reason = checkValue(range[part], schema);
    if (reason !== null) errors.push({ field: `${field}.${part}`, reason });
  }
  const { min, max, step } = range;
  if (typeof step !== 'number' || !Number.isFinite(step) || step <= 0) {
    errors.push({ field: `${field}.step`, reason: 'must be a number greater than 0' });
  } else if (schema.type === 'integer' && !Number.isInteger(step)) {
    errors.push({ field: `${field}.step`, reason: 'must be an integer' });
  }
  if (errors.length > 0) return errors;
  const [low, high, by] = [min, max, step].map((n) => money(n as number));
  if (high.lessThan(low))
    return [{ field: `${field}.max`, reason: `must not be below min (${low.toFixed()})` }];
  const count = high.minus(low).dividedToIntegerBy(by).toNumber() + 1;
  if (count > MAX_RANGE_LEVELS) {
    return [
      { field: `${field}.step`, reason: `makes ${count} values; at most ${MAX_RANGE_LEVELS}` },
    ];
  }
  return { kind: 'range', ...base, min: low.toFixed(), step: by.toFixed(), count, decimal };
}
