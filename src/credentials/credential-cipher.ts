import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Never says why in detail: the reason is useless to a user and useful to an attacker. */
export class CredentialDecryptionError extends Error {
  override name = 'CredentialDecryptionError';

  constructor() {
    super('stored credential cannot be decrypted: wrong CREDENTIALS_KEY or altered data');
  }
}

/** CREDENTIALS_KEY: 64 hex characters or `base64:` and 32 bytes of base64. */
export function parseCredentialsKey(value: string): Buffer {
  const key = value.startsWith('base64:')
    ? Buffer.from(value.slice('base64:'.length), 'base64')
    : /^[0-9a-fA-F]+$/.test(value)
      ? Buffer.from(value, 'hex')
      : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) throw new Error(`credentials key must be ${KEY_BYTES} bytes`);
  return key;
}

/**
 * AES-256-GCM with a fresh IV per value, as `v1:<iv>:<tag>:<ciphertext>` (base64). The
 * context is authenticated data: a value only decrypts under the context it was sealed
 * with, so ciphertexts cannot be moved between rows or between key and secret.
 */
export class CredentialCipher {
  // A true private field: the key stays out of util.inspect and JSON of this object.
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`credentials key must be ${KEY_BYTES} bytes`);
    this.#key = Buffer.from(key);
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
      .join(':');
  }

  decrypt(sealed: string, context: string): string {
    const [version, iv, tag, ciphertext, ...rest] = sealed.split(':');
    if (version !== VERSION || ciphertext === undefined || rest.length > 0) {
      throw new CredentialDecryptionError();
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, this.#key, Buffer.from(iv, 'base64'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new CredentialDecryptionError();
    }
  }
}
