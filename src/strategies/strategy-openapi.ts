import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { NumberParamSchema, Strategy } from './strategy.interface';

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
  for (const [name, param] of Object.entries<NumberParamSchema>(strategy.paramsSchema.properties)) {
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
    description: `Params of strategy \`${strategy.key}\`: ${strategy.description}. Each is optional; missing ones take their default.`,
    properties,
    additionalProperties: false,
  };
}
