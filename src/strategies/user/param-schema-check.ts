import { checkValue } from '../strategy-params';
import type { ParamSchema, StrategyParamsSchema } from '../strategy.interface';

const PARAM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const NUMBER_KEYWORDS = new Set([
  'type',
  'default',
  'description',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
]);
const OTHER_KEYWORDS = new Set(['type', 'default', 'description', 'enum']);

/**
 * A file's `params` as the registry's schema, or the reason it is not one. Unknown keywords
 * are refused: a misspelt `min` would otherwise silently leave the param unbounded.
 */
export function paramsSchemaOf(
  raw: unknown,
): { ok: true; schema: StrategyParamsSchema } | { ok: false; reason: string } {
  if (raw === undefined) return { ok: true, schema: schemaOf({}) };
  if (!isRecord(raw)) return { ok: false, reason: 'params must be an object of param schemas' };
  const properties: Record<string, ParamSchema> = {};
  for (const [name, field] of Object.entries(raw)) {
    if (!PARAM_NAME.test(name)) {
      return { ok: false, reason: `param name "${name}" must match [A-Za-z][A-Za-z0-9_]{0,39}` };
    }
    const param = paramOf(field);
    if (typeof param === 'string') return { ok: false, reason: `params.${name}: ${param}` };
    properties[name] = param;
  }
  return { ok: true, schema: schemaOf(properties) };
}

function schemaOf(properties: Record<string, ParamSchema>): StrategyParamsSchema {
  return { type: 'object', properties, additionalProperties: false };
}

/** The param's schema, or why it is not one. */
function paramOf(field: unknown): ParamSchema | string {
  if (!isRecord(field)) return 'must be an object such as { type: "integer", default: 7 }';
  const description = field.description ?? '';
  if (typeof description !== 'string') return 'description must be a string';
  const isEnum = field.enum !== undefined;
  const type = field.type ?? (isEnum ? 'string' : undefined);
  const keywords = type === 'integer' || type === 'number' ? NUMBER_KEYWORDS : OTHER_KEYWORDS;
  const unknown = Object.keys(field).find((keyword) => !keywords.has(keyword));
  if (unknown) return `"${unknown}" is not a keyword here (allowed: ${[...keywords].join(', ')})`;
  const param = typedParam(type, isEnum, field, description);
  if (typeof param === 'string') return param;
  const reason = checkValue(param.default, param);
  return reason ? `default ${JSON.stringify(param.default)} ${reason}` : param;
}

function typedParam(
  type: unknown,
  isEnum: boolean,
  field: Record<string, unknown>,
  description: string,
): ParamSchema | string {
  if (type === 'integer' || type === 'number') {
    for (const bound of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']) {
      if (field[bound] !== undefined && !Number.isFinite(field[bound])) {
        return `${bound} must be a number`;
      }
    }
    return { ...field, type, description, default: field.default as number };
  }
  if (type === 'boolean') return { type, description, default: field.default as boolean };
  if (type === 'string' && isEnum) {
    const values = field.enum;
    if (!Array.isArray(values) || !values.length || !values.every((v) => typeof v === 'string')) {
      return 'enum must be a non-empty list of strings';
    }
    return { type, enum: values as string[], description, default: field.default as string };
  }
  return 'type must be integer, number or boolean, or the param an enum: { enum: [...] }';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
