import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import {
  CredentialCipher,
  CredentialDecryptionError,
  parseCredentialsKey,
} from './credential-cipher';

const SECRET = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const CONTEXT = 'api_credential:5c3a2a8e-0000-4000-8000-000000000001:apiSecret';

describe('CredentialCipher', () => {
  const cipher = new CredentialCipher(randomBytes(32));

  it('decrypts what it encrypted, in the versioned format', () => {
    const sealed = cipher.encrypt(SECRET, CONTEXT);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain(SECRET);
    expect(cipher.decrypt(sealed, CONTEXT)).toBe(SECRET);
  });

  it('uses a fresh 12-byte IV for every value', () => {
    const first = cipher.encrypt(SECRET, CONTEXT);
    const second = cipher.encrypt(SECRET, CONTEXT);
    expect(first).not.toBe(second);
    expect(Buffer.from(first.split(':')[1], 'base64')).toHaveLength(12);
  });

  it.each([1, 2, 3])('detects a change to part %i (iv, tag, ciphertext)', (index) => {
    const parts = cipher.encrypt(SECRET, CONTEXT).split(':');
    const bytes = Buffer.from(parts[index], 'base64');
    bytes[0] ^= 0x01;
    parts[index] = bytes.toString('base64');
    expect(() => cipher.decrypt(parts.join(':'), CONTEXT)).toThrow(CredentialDecryptionError);
  });

  it('refuses a value moved to another row or field', () => {
    const sealed = cipher.encrypt(SECRET, CONTEXT);
    expect(() => cipher.decrypt(sealed, CONTEXT.replace('apiSecret', 'apiKey'))).toThrow(
      CredentialDecryptionError,
    );
    expect(() => cipher.decrypt(sealed, CONTEXT.replace('0001', '0002'))).toThrow(
      CredentialDecryptionError,
    );
  });

  it('fails under a wrong key without revealing anything', () => {
    const sealed = cipher.encrypt(SECRET, CONTEXT);
    const other = new CredentialCipher(randomBytes(32));
    expect(() => other.decrypt(sealed, CONTEXT)).toThrow(/wrong CREDENTIALS_KEY or altered data$/);
  });

  it('rejects unknown versions and malformed values', () => {
    const sealed = cipher.encrypt(SECRET, CONTEXT);
    for (const bad of [sealed.replace(/^v1/, 'v2'), 'v1:abc', `${sealed}:extra`, '']) {
      expect(() => cipher.decrypt(bad, CONTEXT)).toThrow(CredentialDecryptionError);
    }
  });

  it('keeps the key out of inspection', () => {
    const key = randomBytes(32);
    expect(inspect(new CredentialCipher(key), { showHidden: true, depth: 5 })).not.toMatch(
      /Buffer|key/i,
    );
    expect(JSON.stringify(new CredentialCipher(key))).toBe('{}');
  });
});

describe('parseCredentialsKey', () => {
  const key = randomBytes(32);

  it('reads hex and base64: forms', () => {
    expect(parseCredentialsKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseCredentialsKey(`base64:${key.toString('base64')}`).equals(key)).toBe(true);
  });

  it('rejects a key of the wrong size or form', () => {
    expect(() => parseCredentialsKey('ab'.repeat(31))).toThrow(/32 bytes/);
    expect(() => parseCredentialsKey('z'.repeat(64))).toThrow(/32 bytes/);
    expect(() => new CredentialCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
