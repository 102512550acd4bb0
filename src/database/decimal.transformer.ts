import type { ValueTransformer } from 'typeorm';

/**
 * `numeric` columns come back from pg as strings; keep them strings (no float rounding)
 * but normalise "1.50" to "1.5" so the API shows one spelling of a number.
 */
export const decimalTransformer: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : normaliseDecimal(value)),
};

export function normaliseDecimal(value: string): string {
  if (!value.includes('.')) return value;
  const trimmed = value.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}
