import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { CliError } from '../cli-error';

/** One key an installation trusts: its id (for messages) and the key itself. */
export interface TrustedKey {
  id: string;
  key: KeyObject;
}

/** Why a package is accepted: a trusted key's signature, or the SHA-256 the operator gave. */
export type Trust = { by: 'signature'; keyId: string } | { by: 'sha256' };

const SIGNATURE_FORMAT = 1;
const ALGORITHM = 'ed25519';
/** Signed before the manifest, so that a release key's signature means nothing else. */
const CONTEXT = Buffer.from('tradebot-manifest-v1\0');

const signedBytes = (manifestText: string) => Buffer.concat([CONTEXT, Buffer.from(manifestText)]);
const derOf = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });

/** A key's short name: the first 16 hex digits of its SPKI's SHA-256. */
export function keyIdOf(key: KeyObject): string {
  return createHash('sha256').update(derOf(key)).digest('hex').slice(0, 16);
}

/** The public key as a line of a trusted-keys file: `ed25519 BASE64 KEY-ID`. */
export function publicKeyLine(key: KeyObject): string {
  return `${ALGORITHM} ${derOf(key).toString('base64')} ${keyIdOf(key)}\n`;
}

/**
 * A trusted-keys file: one `ed25519 BASE64 [comment]` a line (as `keys generate` writes the
 * `.pub`), blank lines and `#` comments ignored. A line that is no such key is refused,
 * not skipped: a typo must not quietly trust nothing or something else.
 */
export function parseTrustedKeys(text: string, source: string): TrustedKey[] {
  const keys: TrustedKey[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [algorithm, encoded] = line.split(/\s+/);
    const key = algorithm === ALGORITHM ? publicKeyOf(encoded) : undefined;
    if (key) keys.push({ id: keyIdOf(key), key });
    else problems.push(`line ${index + 1} is not "${ALGORITHM} BASE64-PUBLIC-KEY [comment]"`);
  });
  if (problems.length > 0) throw new CliError(`${source} is not a list of public keys`, problems);
  return keys;
}

/** The signature file of a package: the manifest's exact bytes, signed. */
export function signManifest(manifestText: string, privateKey: KeyObject): string {
  const publicKey = createPublicKey(privateKey);
  const signed = {
    format: SIGNATURE_FORMAT,
    algorithm: ALGORITHM,
    keyId: keyIdOf(publicKey),
    publicKey: derOf(publicKey).toString('base64'),
    signature: sign(null, signedBytes(manifestText), privateKey).toString('base64'),
  };
  return `${JSON.stringify(signed, null, 2)}\n`;
}

/**
 * Whether a package's manifest is signed by one of the trusted keys: the trust, or why
 * not. The key named in the signature file only picks which trusted key to check with.
 */
export function checkSignature(
  manifestText: string,
  signatureText: string | undefined,
  trusted: readonly TrustedKey[],
): Trust | { problem: string } {
  if (signatureText === undefined) return { problem: 'it is not signed' };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(signatureText) as Record<string, unknown>;
  } catch {
    return { problem: 'its signature file is not JSON' };
  }
  const { format, algorithm, publicKey, signature } = parsed ?? {};
  if (format !== SIGNATURE_FORMAT || algorithm !== ALGORITHM) {
    return { problem: `its signature is not format ${SIGNATURE_FORMAT} ${ALGORITHM}` };
  }
  const signer = typeof publicKey === 'string' ? publicKeyOf(publicKey) : undefined;
  if (!signer || typeof signature !== 'string') {
    return { problem: 'its signature file names no public key or no signature' };
  }
  const id = keyIdOf(signer);
  const key = trusted.find((candidate) => candidate.id === id);
  if (!key) return { problem: `it is signed by key ${id}, which this installation does not trust` };
  const valid = verify(null, signedBytes(manifestText), key.key, Buffer.from(signature, 'base64'));
  if (!valid) return { problem: `its signature by key ${id} does not match its manifest` };
  return { by: 'signature', keyId: id };
}

function publicKeyOf(encoded: string | undefined): KeyObject | undefined {
  if (!encoded || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined;
  try {
    const key = createPublicKey({
      key: Buffer.from(encoded, 'base64'),
      format: 'der',
      type: 'spki',
    });
    return key.asymmetricKeyType === ALGORITHM ? key : undefined;
  } catch {
    return undefined;
  }
}
