import { isEmail, ValidateBy } from 'class-validator';

/** The longest address SMTP carries (RFC 5321 path limit). */
export const EMAIL_MAX_LENGTH = 254;

// Controls, format characters (bidi overrides, zero-width joiners), surrogates, private
// use, unassigned code points and every kind of space: an address that holds one looks
// like another address, or (a lone surrogate) makes the e-mail check itself throw.
const INVISIBLE = /[\p{C}\p{Z}]/u;

function emailProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length > EMAIL_MAX_LENGTH) return `must be at most ${EMAIL_MAX_LENGTH} characters`;
  if (INVISIBLE.test(value)) return 'must not contain spaces, control or invisible characters';
  // require_tld off: the bootstrap admin is admin@localhost.
  if (!isEmail(value, { require_tld: false })) return 'must be an email address';
  return undefined;
}

/**
 * An e-mail address, checked once for logins, users and email channels. Its message never
 * quotes the value: a rejected address does not come back in the 400 body.
 */
export function IsEmailAddress(): PropertyDecorator {
  return ValidateBy({
    name: 'isEmailAddress',
    validator: {
      validate: (value: unknown) => emailProblem(value) === undefined,
      defaultMessage: (args) =>
        `$property ${emailProblem(args?.value) ?? 'must be an email address'}`,
    },
  });
}
