type LoneAllOf = { allOf: [unknown] };

function isLoneAllOf(node: unknown): node is LoneAllOf {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return false;
  const { allOf } = node as { allOf?: unknown };
  return Object.keys(node).length === 1 && Array.isArray(allOf) && allOf.length === 1;
}

/**
 * Nest wraps every enum reference in an `allOf` of one, to leave room for a description
 * beside the `$ref` (which OpenAPI 3.0 would ignore), even when there is none. Such an
 * `allOf` means its one schema, and Redocly rejects it as illogical: it is replaced, in
 * place, by that schema. One with siblings (a description, nullable) is kept.
 */
export function inlineLoneAllOf(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  const children = node as Record<string, unknown>;
  for (const key of Object.keys(children)) {
    let child = children[key];
    while (isLoneAllOf(child)) child = child.allOf[0];
    children[key] = child;
    inlineLoneAllOf(child);
  }
}
