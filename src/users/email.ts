/** Emails are compared lower-cased and trimmed everywhere, so `A@x.io` and `a@x.io` are one user. */
export const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

// require_tld off: the bootstrap admin is admin@localhost.
export const EMAIL_OPTIONS = { require_tld: false } as const;
