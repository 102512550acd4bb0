import type {
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { STRATEGY_PARAM_VALUE_SCHEMA } from './strategy-description.dto';
import { STRATEGY_CLASSES } from './built-in-strategies';
import type { ParamSchema, Strategy } from './strategy.interface';

/** `ema-rsi` → `EmaRsiParams`: the component name of a strategy's params in the spec. */
export function paramsSchemaName(key: string): string {
  return `${key.replace(/(^|[-_])(\w)/g, (_, __, letter: string) => letter.toUpperCase())}Params`;
}

/**
 * Strategies describe params in JSON Schema 2020-12 (numeric exclusive bounds); the spec
 * is OpenAPI 3.0, whose exclusive bounds are booleans beside minimum/maximum.
 */
export function toOpenApiSchema(strategy: Strategy): SchemaObject {
  const properties: Record<string, SchemaObject> = {};
  for (const [name, param] of Object.entries<ParamSchema>(strategy.paramsSchema.properties)) {
    if (param.type !== 'integer' && param.type !== 'number') {
      properties[name] = (
        param.type === 'string' ? { ...param, enum: [...param.enum] } : { ...param }
      ) as SchemaObject;
      continue;
    }
    const { exclusiveMinimum, exclusiveMaximum, ...rest } = param;
    properties[name] = {
      ...rest,
      ...(exclusiveMinimum !== undefined
        ? { minimum: exclusiveMinimum, exclusiveMinimum: true }
        : {}),
      ...(exclusiveMaximum !== undefined
        ? { maximum: exclusiveMaximum, exclusiveMaximum: true }
        : {}),
    };
  }
  return {
    type: 'object',
    description: `Params of strategy \`${strategy.key}\`: ${strategy.description.replace(/\.$/, '')}. Each is optional; missing ones take their default.`,
    properties,
    additionalProperties: false,
  };
}

/**
 * Any strategy's params in the spec: each built-in's schema by reference, or, for a strategy
 * file, named values (its schema is in GET /api/strategies).
 */
export function anyStrategyParams(): (SchemaObject | ReferenceObject)[] {
  return [
    ...STRATEGY_CLASSES.map((Class) => ({
      $ref: `#/components/schemas/${paramsSchemaName(new Class().key)}`,
    })),
    {
      type: 'object',
      description: "A strategy file's params, as its schema in GET /api/strategies says",
      additionalProperties: STRATEGY_PARAM_VALUE_SCHEMA,
    },
  ];
}
