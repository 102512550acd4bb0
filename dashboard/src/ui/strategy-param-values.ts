import type { Strategy } from '../api/types';

/** A param's value: numbers for integer and number params, booleans, enum words. */
export type ParamValue = number | boolean | string;

/** The part of JSON Schema (2020-12) that strategies use for their params (GET /api/strategies). */
export type ParamSchema =
  | {
      type: 'integer' | 'number';
      description?: string;
      default?: number;
      minimum?: number;
      maximum?: number;
      exclusiveMinimum?: number;
      exclusiveMaximum?: number;
    }
  | { type: 'boolean'; description?: string; default?: boolean }
  | { type: 'string'; enum: string[]; description?: string; default?: string };

/** How a param is entered: a number input, a checkbox or a select. */
export type ParamInput =
  | { kind: 'number'; step: number | 'any'; min?: number; max?: number }
  | { kind: 'checkbox' }
  | { kind: 'select'; options: string[] };

export function paramSchemas(strategy: Strategy | undefined): [string, ParamSchema][] {
  const properties = (strategy?.paramsSchema.properties ?? {}) as Record<string, ParamSchema>;
  return Object.entries(properties);
}

export function paramInput(param: ParamSchema): ParamInput {
  if (param.type === 'boolean') return { kind: 'checkbox' };
  if (param.type === 'string') return { kind: 'select', options: param.enum };
  // Exclusive bounds are no min/max: the browser would offer the bound itself.
  return {
    kind: 'number',
    step: param.type === 'integer' ? 1 : 'any',
    ...(param.minimum !== undefined ? { min: param.minimum } : {}),
    ...(param.maximum !== undefined ? { max: param.maximum } : {}),
  };
}

/** The help under a field: the param's description, then its bounds and default. */
export function paramHint(param: ParamSchema): string {
  const parts =
    param.type === 'integer' || param.type === 'number'
      ? [
          param.minimum !== undefined ? `≥ ${param.minimum}` : '',
          param.exclusiveMinimum !== undefined ? `> ${param.exclusiveMinimum}` : '',
          param.maximum !== undefined ? `≤ ${param.maximum}` : '',
          param.exclusiveMaximum !== undefined ? `< ${param.exclusiveMaximum}` : '',
        ]
      : [];
  if (param.default !== undefined) parts.push(`default ${String(param.default)}`);
  const bounds = parts.filter(Boolean).join(', ');
  return [param.description, bounds].filter(Boolean).join(' ');
}

/** A strategy's defaults, as the form starts from them; none without a strategy. */
export function defaultParams(strategy: Strategy | undefined): Record<string, ParamValue> {
  return { ...(strategy?.defaults as Record<string, ParamValue> | undefined) };
}

/**
 * The params to send: an emptied number field (NaN) is left out, so the server fills in
 * the default; booleans and enum words go as they are.
 */
export function paramsBody(values: Record<string, ParamValue>): Record<string, ParamValue> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => !(typeof value === 'number' && isNaN(value))),
  );
}
