import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile, stat, unlink } from 'node:fs/promises';
import { CliError } from '../cli-error';
import { isAbsent } from './installation-scan';
import { writeNewFile } from './output-file';
import { keyIdOf, parseTrustedKeys, publicKeyLine, type TrustedKey } from './package-signature';

/**
 * Makes an ed25519 key pair: the private key (PKCS#8 PEM, mode 600) at `privatePath`, the
 * public key as a trusted-keys line at `privatePath.pub`. Neither replaces a file.
 */
export async function generateKeyFiles(
  privatePath: string,
): Promise<{ publicPath: string; keyId: string; line: string }> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicPath = `${privatePath}.pub`;
  const line = publicKeyLine(publicKey);
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  await writeNewFile(privatePath, pem, { mode: 0o600 });
  try {
    await writeNewFile(publicPath, line, { mode: 0o644 });
  } catch (error) {
    // A pair or nothing: a private key without its public half is of no use.
    await unlink(privatePath);
    throw error;
  }
  return { publicPath, keyId: keyIdOf(publicKey), line };
}

/** The signing key of `package --sign`, refused when others may read it (as ssh does). */
export async function readPrivateKey(path: string): Promise<KeyObject> {
  let pem: string;
  try {
    if (((await stat(path)).mode & 0o077) !== 0) {
      throw new CliError(`${path} can be read by others: chmod 600 it first`);
    }
    pem = await readFile(path, 'utf8');
  } catch (error) {
    if (isAbsent(error)) throw new CliError(`no key at ${path}`);
    throw error;
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    // Never the parser's message: it could quote the file.
    throw new CliError(`${path} is not a private key (make one with: tradebotctl keys generate)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CliError(`${path} is a ${key.asymmetricKeyType} key, not ed25519`);
  }
  return key;
}

/**
 * Adds the public key in `publicText` (a `keys generate` .pub) to the trusted-keys file at
 * `path`, created if missing; the whole file is rewritten under a new name and renamed
 * in, never written through. `added` is false when the key was trusted already.
 */
export async function trustKey(
  path: string,
  publicText: string,
  source: string,
): Promise<{ keyId: string; added: boolean }> {
  const offered = parseTrustedKeys(publicText, source);
  if (offered.length !== 1) throw new CliError(`${source} holds ${offered.length} keys, not one`);
  const [{ id, key }] = offered;
  const trusted = await readTrustedKeys(path);
  if (trusted.some((candidate) => candidate.id === id)) return { keyId: id, added: false };
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    if (isAbsent(error)) return '';
    throw error;
  });
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  await writeNewFile(path, `${text}${separator}${publicKeyLine(key)}`, {
    mode: 0o644,
    replace: true,
  });
  return { keyId: id, added: true };
}

/**
 * The keys an installation trusts; none when the file is missing. Refused when someone but
 * its owner may write it, or its owner is neither the caller nor root: whoever can add a
 * line there can install anything.
 */
export async function readTrustedKeys(path: string): Promise<TrustedKey[]> {
  let text: string;
  try {
    const stats = await stat(path);
    if ((stats.mode & 0o022) !== 0) {
      throw new CliError(`${path} is writable by group or others: chmod go-w it first`);
    }
    const uid = process.getuid?.();
    if (uid !== undefined && stats.uid !== uid && stats.uid !== 0) {
      throw new CliError(`${path} belongs to user ${stats.uid}, neither you nor root`);
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isAbsent(error)) return [];
    throw error;
  }
  return parseTrustedKeys(text, path);
}
