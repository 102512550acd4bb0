/** Emails are compared lower-cased and trimmed everywhere, so `A@x.io` and `a@x.io` are one user. */
export const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
