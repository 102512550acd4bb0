import { isAbsolute, relative, resolve, sep } from 'node:path';

/** The manifest's own name, at the root of an installation and of a package. */
export const MANIFEST_FILE = 'tradebot.manifest.json';

/** tradebotctl's own folder in an installation: staging, backups and the update lock. */
export const WORK_FOLDER = '.tradebot';

/** The public keys whose signatures `update` and `repair` accept, one a line, at the root. */
export const TRUSTED_KEYS_FILE = 'tradebot.trusted-keys';

/** The manifest's ed25519 signature in a package (`package --sign`), beside the manifest. */
export const SIGNATURE_FILE = 'tradebot.manifest.sig';

/**
 * What makes an installation: the build (the dashboard's included), the docker files, and
 * the script `npm start` runs first (it finds no sources there and starts the build as is).
 */
export const INSTALLATION_FOLDERS = ['dist', 'docker'] as const;
export const INSTALLATION_FILES = [
  'package.json',
  'package-lock.json',
  'openapi.json',
  'scripts/build-if-changed.mjs',
] as const;

/** The files an installation cannot be without. */
export const REQUIRED_ENTRIES = ['dist', 'package.json'] as const;

const SECRET_NAMES = [/^\.env(\..*)?$/, /\.key$/, /\.pem$/, /^postgres\.password$/];

/** Whether a file's name is a secret's: never listed in a manifest, never packed. */
export function isSecretName(name: string): boolean {
  return SECRET_NAMES.some((pattern) => pattern.test(name));
}

/**
 * `dist/.sources.sha256` and `dist/.dashboard.sha256`: what `npm start` compares with the
 * sources of a checkout (scripts/build-if-changed.mjs) and writes when it builds, so they
 * come and go with starts, not with the installation.
 */
const BUILD_STAMP = /^dist\/\.[^/]+\.sha256$/;

/**
 * Why a path may not appear in a manifest or a package: it must be relative, `/`-separated
 * and stay inside the root. Control characters are refused too, so that a name cannot
 * forge a line of `verify`'s output.
 */
export function pathProblem(path: string): string | undefined {
  if (path.length === 0) return 'is empty';
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'holds a control character';
  if (path.includes('\\')) return 'holds a backslash';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'is absolute';
  const segments = path.split('/');
  if (segments.includes('..')) return 'escapes the root (..)';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'is not normalised';
  return undefined;
}

/**
 * Why a path is never part of an installation, so that a scan skips it: the data (DATA_DIR,
 * `data/` by default), the root's installed dependencies, the secrets at the root and
 * `docker/.env`, build stamps, the manifest, the trusted keys and tradebotctl's own folder.
 * Nothing deeper: a `node_modules` or a `.key` inside `dist/` is something someone put
 * there, and a scan reports it (Node loads `dist/src/node_modules/x` before the root's).
 * `dataDir` is DATA_DIR relative to the root, when it lies inside it.
 */
export function exclusionOf(path: string, dataDir?: string): string | undefined {
  const segments = path.split('/');
  if (segments[0] === 'node_modules') return 'is in node_modules';
  if (segments[0] === 'data' || (dataDir && (path === dataDir || path.startsWith(`${dataDir}/`))))
    return 'is in DATA_DIR';
  // docker/.env: where docker-compose.yml reads JWT_SECRET and CREDENTIALS_KEY from.
  if (segments.length === 1 ? isSecretName(path) : /^docker\/\.env(\.[^/]*)?$/.test(path))
    return 'is a secret';
  if (BUILD_STAMP.test(path)) return "is a build stamp of npm start's";
  if (path === MANIFEST_FILE) return 'is the manifest itself';
  if (path === TRUSTED_KEYS_FILE) return "is the installation's trusted keys";
  if (segments[0] === WORK_FOLDER) return "is in tradebotctl's working folder";
  return undefined;
}

/** DATA_DIR (resolved as the server does, against its working folder) relative to root. */
export function dataDirWithin(
  root: string,
  dataDir: string | undefined,
  cwd: string,
): string | undefined {
  if (!dataDir) return undefined;
  const inside = relative(resolve(root), resolve(cwd, dataDir));
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return inside.split(sep).join('/');
}

/** Sorts paths by UTF-16 code units, the same on every machine (no locale). */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a path is a root file of a release (INSTALLATION_FILES). */
export function isInstallationFile(path: string): boolean {
  return (INSTALLATION_FILES as readonly string[]).includes(path);
}

/** Whether a path lies in one of the folders (at any depth). */
export function inFolders(path: string, folders: readonly string[]): boolean {
  return folders.some((folder) => path.startsWith(`${folder}/`));
}

/** A path as printed: quoted when it holds anything that would break a line of output. */
export function showPath(path: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  return /[\s\u0000-\u001f\u007f"]/.test(path) ? JSON.stringify(path) : path;
}
