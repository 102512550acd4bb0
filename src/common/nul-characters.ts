import type { FieldError } from './errors/validation.error';

const NUL_REASON = 'must not contain the NUL character (\\u0000)';

/**
 * Every string (and object key) in a validated input that holds U+0000, by dotted path:
 * PostgreSQL refuses it in text and in jsonb, so it would otherwise fail at the INSERT.
 * A key's own spelling is not echoed; its object is named instead (`root` at the top).
 */
export function nulCharacterErrors(value: unknown, root: string): FieldError[] {
  const errors: FieldError[] = [];
  // Depth-first with a stack: free-form objects (strategyParams) may nest deeply.
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) errors.push({ field: path || root, reason: NUL_REASON });
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const entries = Object.entries(current);
    if (entries.some(([key]) => key.includes('\u0000'))) {
      errors.push({ field: path || root, reason: `keys ${NUL_REASON}` });
    }
    for (const [key, child] of entries.reverse()) {
      stack.push([child, path ? `${path}.${key}` : key]);
    }
  }
  return errors;
}
