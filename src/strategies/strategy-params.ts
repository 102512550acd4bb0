import type {
  ParamError,
  ParamSchema,
  ParseParamsResult,
  StrategyParams,
  StrategyParamsSchema,
  StrategyParamValue,
} from './strategy.interface';

/** Beyond a few hundred candles an indicator no longer reacts, and warm-up fetches grow with it. */
export const MAX_PERIOD = 1000;

/** An indicator's period in candles, as the built-ins' schemas declare it. */
export const periodParam = (description: string, value: number) =>
  ({ type: 'integer', description, default: value, minimum: 2, maximum: MAX_PERIOD }) as const;

/** The params a schema gives when none are set. */
export function defaultParams<P extends StrategyParams>(schema: StrategyParamsSchema<P>): P {
  const params: Record<string, StrategyParamValue> = {};
  for (const [name, field] of schemaFields(schema)) params[name] = field.default;
  return params as P;
}

/**
 * Checks `raw` against the schema alone (types, bounds, enums, unknown fields) and fills
 * defaults; a strategy adds its cross-field rules on top. `undefined` means all defaults.
 */
export function parseWithSchema<P extends StrategyParams>(
  schema: StrategyParamsSchema<P>,
  raw: unknown,
): ParseParamsResult<P> {
  if (raw === undefined) return { ok: true, params: defaultParams(schema) };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: 'params', reason: 'must be an object' }] };
  }
  const input = raw as Record<string, unknown>;
  const fields = schemaFields(schema);
  const errors: ParamError[] = [];
  const params: Record<string, StrategyParamValue> = {};

  const known = new Set(fields.map(([name]) => name));
  for (const name of Object.keys(input)) {
    if (!known.has(name)) {
      const expected = known.size ? `expected ${[...known].join(', ')}` : 'this strategy has none';
      errors.push({ field: name, reason: `is not a parameter (${expected})` });
    }
  }
  for (const [name, field] of fields) {
    const value = Object.hasOwn(input, name) ? input[name] : undefined;
    if (value === undefined) {
      params[name] = field.default;
      continue;
    }
    const reason = checkValue(value, field);
    if (reason) errors.push({ field: name, reason });
    else params[name] = value as StrategyParamValue;
  }
  return errors.length ? { ok: false, errors } : { ok: true, params: params as P };
}

/** Why `value` does not fit `field`, or null when it does. */
export function checkValue(value: unknown, field: ParamSchema): string | null {
  if (field.type === 'boolean') return typeof value === 'boolean' ? null : 'must be true or false';
  if (field.type === 'string') {
    return typeof value === 'string' && field.enum.includes(value)
      ? null
      : `must be one of ${field.enum.join(', ')}`;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return field.type === 'integer' ? 'must be an integer' : 'must be a number';
  }
  if (field.type === 'integer' && !Number.isInteger(value)) return 'must be an integer';
  if (field.minimum !== undefined && value < field.minimum) {
    return `must be at least ${field.minimum}`;
  }
  if (field.maximum !== undefined && value > field.maximum) {
    return `must be at most ${field.maximum}`;
  }
  if (field.exclusiveMinimum !== undefined && value <= field.exclusiveMinimum) {
    return `must be greater than ${field.exclusiveMinimum}`;
  }
  if (field.exclusiveMaximum !== undefined && value >= field.exclusiveMaximum) {
    return `must be less than ${field.exclusiveMaximum}`;
  }
  return null;
}

function schemaFields(schema: StrategyParamsSchema): [string, ParamSchema][] {
  return Object.entries<ParamSchema>(schema.properties);
}

/** A cross-field rule: `field` must be less than `limit` (at most, with `orEqual`). */
export interface BelowRule<P> {
  readonly field: keyof P & string;
  readonly limit: keyof P & string;
  readonly orEqual?: boolean;
}

/** parseWithSchema, then each rule that orders two params, every broken one listed. */
export function parseWithRules<P extends StrategyParams>(
  schema: StrategyParamsSchema<P>,
  raw: unknown,
  rules: readonly BelowRule<P>[],
): ParseParamsResult<P> {
  const parsed = parseWithSchema(schema, raw);
  if (!parsed.ok) return parsed;
  const errors: ParamError[] = [];
  for (const { field, limit, orEqual } of rules) {
    const value = parsed.params[field];
    const bound = parsed.params[limit];
    if (orEqual ? value <= bound : value < bound) continue;
    const relation = orEqual ? 'at most' : 'less than';
    errors.push({ field, reason: `must be ${relation} ${limit} (${String(bound)})` });
  }
  return errors.length ? { ok: false, errors } : parsed;
}
