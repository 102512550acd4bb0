import type { ApiClient, Schemas } from './api-client';
import { guessedValue, typedKeyValues } from './key-values';

type StrategyDescription = Schemas['StrategyDescriptionDto'];

/** The part of a param's JSON Schema that types its value and describes it. */
interface ParamSchema {
  type?: string;
  enum?: string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

function paramSchemas(strategy: StrategyDescription | undefined): Record<string, ParamSchema> {
  return (strategy?.paramsSchema.properties ?? {}) as Record<string, ParamSchema>;
}

/**
 * A `--param` value typed by the param's schema: `true`/`false` for a boolean, a number for
 * an integer or number param, the text for an enum (`--param exitAt=1` stays "1"). Text that
 * does not fit goes as typed, for the API to name the param and the reason; a param the
 * strategy does not have is guessed (JSON number or boolean, else text).
 */
export function paramValue(schema: ParamSchema | undefined, text: string): unknown {
  switch (schema?.type) {
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'integer':
    case 'number': {
      const number = Number(text);
      return text.trim() !== '' && Number.isFinite(number) ? number : text;
    }
    case 'string':
      return text;
    default:
      return guessedValue(text);
  }
}

/** `--param key=value` pairs as `strategyParams`, typed by the strategy's schema. */
export function strategyParams(
  pairs: readonly string[],
  strategy: StrategyDescription | undefined,
): Record<string, unknown> {
  const schemas = paramSchemas(strategy);
  return typedKeyValues(pairs, '--param', (key, text) =>
    paramValue(Object.hasOwn(schemas, key) ? schemas[key] : undefined, text),
  );
}

/** The strategy under `key` from GET /api/strategies; none when the server does not know it. */
export async function findStrategy(
  client: ApiClient,
  key: string,
): Promise<StrategyDescription | undefined> {
  const strategies = await client.call('get', '/api/strategies');
  return strategies.find((strategy) => strategy.key === key);
}

/** A param for a table: `period=20 (integer ≥ 2)`, `exitAt=middle (middle|upper)`. */
export function describeParam(name: string, schema: ParamSchema): string {
  const bounds = [
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
    schema.exclusiveMinimum !== undefined ? `> ${schema.exclusiveMinimum}` : '',
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
    schema.exclusiveMaximum !== undefined ? `< ${schema.exclusiveMaximum}` : '',
  ].filter(Boolean);
  const kind = schema.enum ? schema.enum.join('|') : [schema.type, ...bounds].join(' ');
  return `${name}=${String(schema.default)} (${kind})`;
}

/** Every param of a strategy, with its default, type and bounds, comma separated. */
export function describeParams(strategy: StrategyDescription): string {
  return Object.entries(paramSchemas(strategy))
    .map(([name, schema]) => describeParam(name, schema))
    .join(', ');
}
