import { CliError } from '../cli-error';
import type { Progress } from '../output';
import { checkArchive } from './archive-check';
import { MANIFEST_FILE } from './installation-paths';
import { type Manifest, parseManifest } from './manifest';
import { readArchive } from './package-archive';
import { checkSignature, type Trust } from './package-signature';
import { readTrustedKeys } from './signing-keys';

export interface CheckedPackage {
  sha256: string;
  manifest: Manifest;
  manifestText: string;
  signatureText?: string;
}

/** Reads a package and refuses it unless every entry is safe and matches its manifest. */
export async function loadPackage(
  file: string,
  expectedSha256: string | undefined,
  progress: Progress,
): Promise<CheckedPackage> {
  const contents = await readArchive(file, (done, total) =>
    progress.count('checking the package: entry', done, total),
  );
  progress.done();
  if (expectedSha256 !== undefined && contents.sha256 !== expectedSha256.toLowerCase()) {
    throw new CliError(`refused ${file}: its SHA-256 is ${contents.sha256}`, [
      `expected ${expectedSha256}`,
    ]);
  }
  if (contents.manifestText === undefined) {
    throw new CliError(`refused ${file}: it holds no ${MANIFEST_FILE}`);
  }
  let manifest: Manifest;
  try {
    manifest = parseManifest(contents.manifestText, `${file}'s ${MANIFEST_FILE}`);
  } catch (error) {
    const { message, details } = error as CliError;
    throw new CliError(`refused ${file}: ${message}`, details);
  }
  const problems = checkArchive(contents.entries, manifest);
  if (problems.length > 0) {
    throw new CliError(`refused ${file}: it does not match its own manifest`, problems);
  }
  return {
    sha256: contents.sha256,
    manifest,
    manifestText: contents.manifestText,
    signatureText: contents.signatureText,
  };
}

/**
 * Whom a checked package is taken on: the SHA-256 the operator gave (loadPackage compared
 * it already), or else a valid signature by a key in `trustedKeysFile`. A package that
 * only vouches for itself is refused.
 */
export async function requireTrust(
  file: string,
  checked: CheckedPackage,
  options: { sha256?: string; trustedKeysFile: string },
): Promise<Trust> {
  if (options.sha256 !== undefined) return { by: 'sha256' };
  const trusted = await readTrustedKeys(options.trustedKeysFile);
  const trust = checkSignature(checked.manifestText, checked.signatureText, trusted);
  if ('by' in trust) return trust;
  throw new CliError(`refused ${file}: ${trust.problem}`, [
    trusted.length === 0
      ? `${options.trustedKeysFile} holds no trusted key`
      : `the keys trusted are in ${options.trustedKeysFile}`,
    "pass --sha256 with the archive's SHA-256 from a source you trust, or get it signed " +
      '(package --sign) by a key that file lists',
  ]);
}
