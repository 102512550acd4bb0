/** A field an edit changed, as it was and as it is now. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

/**
 * The fields of `changes` whose value differs from `before`'s (compared as JSON, so an object
 * such as a strategy's params counts as changed only when its content does).
 */
export function changedFields<T extends object>(
  before: T,
  changes: Partial<T>,
): Record<string, FieldChange> {
  const changed: Record<string, FieldChange> = {};
  for (const [field, to] of Object.entries(changes)) {
    const from = (before as Record<string, unknown>)[field] ?? null;
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to ?? null)) {
      changed[field] = { from, to: to ?? null };
    }
  }
  return changed;
}
