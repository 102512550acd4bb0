import { randomUUID } from 'node:crypto';

/** Just enough of OpenAPI 3 to walk request bodies and parameters. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const nested = (levels: number): unknown =>
  levels === 0 ? 'bottom' : { a: nested(levels - 1), b: [nested(levels - 1)] };

/** Values a field should never answer 5xx to, whatever its type. */
export const FIELD_VALUES: [string, unknown][] = [
  ['null', null],
  ['NUL', 'a\u0000b'],
  ['NUL alone', '\u0000'],
  ['100 kB string', 'x'.repeat(100_000)],
  ['empty string', ''],
  ['whitespace', ' \t\n'],
  ['text', 'abc'],
  ['bidi text', 'a\u202eb@example.com'],
  ['emoji', '\u{1f4a5}'],
  ['lone surrogate', '\ud800'],
  ['zero', 0],
  ['negative', -1],
  ['fraction', 0.5],
  ['1e20', 1e20],
  ['1e308', 1e308],
  ['-1e308', -1e308],
  ['20-digit string', '99999999999999999999'],
  ['200,000 integer digits', '9'.repeat(200_000)],
  ['20,000 fraction digits', `0.${'1'.repeat(20_000)}`],
  ['exponent string', '1e400'],
  ['true', true],
  ['empty array', []],
  ['array of junk', [null, 'a\u0000', {}, -1, 'x'.repeat(1000)]],
  ['empty object', {}],
  ['nested 5 levels', nested(5)],
  ['nested arrays', [[[[[[]]]]]]],
  ['uuid', '00000000-0000-0000-0000-000000000000'],
];

/** Path and query values: all text, some that URL decoding or number parsing trip on. */
export const TEXT_VALUES: [string, string][] = [
  ['text', 'abc'],
  ['empty', ''],
  ['negative', '-1'],
  ['fraction', '1.5'],
  ['20-digit number', '99999999999999999999'],
  ['exponent', '1e400'],
  ['hex', '0x10'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['NUL', '%00'],
  ['bad percent-encoding', '%E0%A4%A'],
  ['8 kB', 'x'.repeat(8_000)],
  ['null', 'null'],
  ['true', 'true'],
  ['bidi', '%E2%80%AE'],
  ['uuid and NUL', `${randomUUID()}%00`],
  ['upper-case uuid', randomUUID().toUpperCase()],
  ['dot dot', '..%2F..%2Fetc'],
];

/** Whole bodies: not an object, broken JSON, other media types. */
export const RAW_BODIES: [string, string, string][] = [
  ['JSON null', 'application/json', 'null'],
  ['JSON array', 'application/json', '[]'],
  ['JSON string', 'application/json', '"text"'],
  ['JSON number', 'application/json', '42'],
  ['JSON true', 'application/json', 'true'],
  ['broken JSON', 'application/json', '{"a":'],
  ['empty JSON object', 'application/json', '{}'],
  ['nested JSON', 'application/json', JSON.stringify(nested(6))],
  ['NUL in JSON', 'application/json', '{"\\u0000":"\\u0000"}'],
  ['empty JSON body', 'application/json', ''],
  ['plain text', 'text/plain', 'hello'],
  ['form', 'application/x-www-form-urlencoded', 'name=x&risk[positionSizeQuote]=1'],
  ['no media type', '', 'name=x'],
];

/** Follows `$ref`, merges `allOf` and takes the first `oneOf`, until a concrete schema. */
export function resolveSchema(schema: Schema, doc: OpenApiDocument): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(doc.components?.schemas?.[name] ?? {}, doc);
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => resolveSchema(part, doc));
    return {
      ...schema,
      properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
      required: parts.flatMap((part) => part.required ?? []),
    };
  }
  if (schema.oneOf?.length) return resolveSchema(schema.oneOf[0], doc);
  return schema;
}

/** Every field of a body as a dotted path, nested objects and first array items included. */
export function fieldPaths(schema: Schema, doc: OpenApiDocument, prefix = '', depth = 0): string[] {
  const resolved = resolveSchema(schema, doc);
  if (depth > 4) return [];
  return Object.entries(resolved.properties ?? {}).flatMap(([name, property]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const inner = resolveSchema(property, doc);
    const children = inner.properties ? fieldPaths(inner, doc, path, depth + 1) : [];
    const items = inner.type === 'array' && inner.items ? [`${path}.0`] : [];
    return [path, ...children, ...items];
  });
}

/** A plausible value from the schema: its example, default or first enum value. */
export function exampleOf(schema: Schema, doc: OpenApiDocument): unknown {
  const resolved = resolveSchema(schema, doc);
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.default !== undefined) return resolved.default;
  if (resolved.enum?.length) return resolved.enum[0];
  if (resolved.properties) {
    return Object.fromEntries(
      (resolved.required ?? []).map((name) => [
        name,
        exampleOf(resolved.properties![name] ?? {}, doc),
      ]),
    );
  }
  switch (resolved.type) {
    case 'array':
      return resolved.items ? [exampleOf(resolved.items, doc)] : [];
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return false;
    default:
      return resolved.format === 'uuid' ? randomUUID() : 'x';
  }
}

/** A deep copy of `body` with `path` set to `value`, or removed when `value` is undefined. */
export function withField(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body ?? {}) as Record<string, unknown>;
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  keys.slice(0, -1).forEach((key, i) => {
    const next = target[key];
    if (typeof next !== 'object' || next === null) {
      target[key] = /^\d+$/.test(keys[i + 1]) ? [] : {};
    }
    target = target[key] as Record<string, unknown>;
  });
  const last = keys[keys.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}
