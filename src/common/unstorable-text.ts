import type { FieldError } from '../kernel/errors/validation.error';

const NUL_REASON = 'must not contain the NUL character (\\u0000)';
const SURROGATE_REASON = 'must be well-formed Unicode (no unpaired surrogate)';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why PostgreSQL would refuse `text` in a text or jsonb column, if it would. */
function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return NUL_REASON;
  // A text column would keep U+FFFD in its place, but jsonb refuses the escape outright.
  if (LONE_SURROGATE.test(text)) return SURROGATE_REASON;
  return undefined;
}

/**
 * Every string (and object key) in a validated input that PostgreSQL cannot store, by
 * dotted path: U+0000 anywhere, or an unpaired UTF-16 surrogate. It would otherwise fail
 * at the INSERT. A key's own spelling is not echoed; its object is named instead (`root`
 * at the top).
 */
export function unstorableTextErrors(value: unknown, root: string): FieldError[] {
  const errors: FieldError[] = [];
  // Depth-first with a stack: free-form objects (strategyParams) may nest deeply.
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      const reason = unstorable(current);
      if (reason) errors.push({ field: path || root, reason });
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const entries = Object.entries(current);
    const keyReason = entries.map(([key]) => unstorable(key)).find(Boolean);
    if (keyReason) errors.push({ field: path || root, reason: `keys ${keyReason}` });
    for (const [key, child] of entries.reverse()) {
      stack.push([child, path ? `${path}.${key}` : key]);
    }
  }
  return errors;
}
