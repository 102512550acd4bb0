import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes: nothing to guess, so a fast digest stores it safely. */
export function newSignalPassphrase(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256: what the database keeps instead of the passphrase. */
export function hashSignalPassphrase(passphrase: string): string {
  return createHash('sha256').update(passphrase, 'utf8').digest('hex');
}

// Compared against when the bot is unknown, so that case costs what a wrong passphrase costs.
const NO_BOT_HASH = hashSignalPassphrase(newSignalPassphrase());

/**
 * Whether `given` is the passphrase of `storedHash` (null: no such bot), in constant time:
 * digests of equal length are compared, whatever `given` is.
 */
export function signalPassphraseMatches(given: string, storedHash: string | null): boolean {
  const expected = Buffer.from(storedHash ?? NO_BOT_HASH, 'hex');
  const actual = Buffer.from(hashSignalPassphrase(given), 'hex');
  return timingSafeEqual(actual, expected) && storedHash !== null;
}
