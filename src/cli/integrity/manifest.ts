import { CliError } from '../cli-error';
import {
  comparePaths,
  exclusionOf,
  inFolders,
  INSTALLATION_FOLDERS,
  isInstallationFile,
  pathProblem,
  showPath,
} from './installation-paths';

export const MANIFEST_FORMAT = 1;

export interface ManifestFile {
  /** Relative to the root, `/`-separated. */
  path: string;
  size: number;
  sha256: string;
}

/** `tradebot.manifest.json`: what an installation of one version is made of. */
export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  name: string;
  version: string;
  createdAt: string;
  /**
   * Folders whose every file is listed: a file in one of them that the manifest does not
   * list is `unexpected`. Files outside them sit at the root.
   */
  folders: string[];
  /** Sorted by path. */
  files: ManifestFile[];
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The manifest as written to disk and into packages: stable key order, one trailing newline. */
export function serialiseManifest(manifest: Manifest): string {
  const { format, name, version, createdAt, folders, files } = manifest;
  const ordered = {
    format,
    name,
    version,
    createdAt,
    folders,
    files: files.map(({ path, size, sha256 }) => ({ path, size, sha256 })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Reads a manifest, from an installation or from a package, and refuses one that could
 * make tradebotctl write anywhere a release does not: its folders are a release's
 * (INSTALLATION_FOLDERS), and every file lies in one of them or is a release's root file.
 */
export function parseManifest(text: string, source: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError(`${source} is not JSON`);
  }
  const problems = manifestProblems(value);
  if (problems.length > 0) throw new CliError(`${source} is not a valid manifest`, problems);
  return value as Manifest;
}

function manifestProblems(value: unknown): string[] {
  if (!isRecord(value)) return ['it is not a JSON object'];
  if (value.format !== MANIFEST_FORMAT) {
    return [`format ${JSON.stringify(value.format)} is not ${MANIFEST_FORMAT}`];
  }
  const problems: string[] = [];
  for (const key of ['name', 'version', 'createdAt'] as const) {
    if (typeof value[key] !== 'string') problems.push(`${key} must be a string`);
  }
  const folders = Array.isArray(value.folders) ? value.folders : [];
  if (!Array.isArray(value.folders)) problems.push('folders must be an array');
  for (const folder of folders) {
    if (typeof folder !== 'string') {
      problems.push('folders must hold strings');
      continue;
    }
    if (!(INSTALLATION_FOLDERS as readonly string[]).includes(folder)) {
      problems.push(
        `folder ${showPath(folder)} is not one a release ships (${INSTALLATION_FOLDERS.join(', ')})`,
      );
    }
  }
  if (!Array.isArray(value.files)) return [...problems, 'files must be an array'];
  const paths: string[] = [];
  value.files.forEach((file: unknown, index) => {
    const problem = fileProblem(file, folders as string[]);
    if (problem) problems.push(`files[${index}]: ${problem}`);
    else paths.push((file as ManifestFile).path);
  });
  paths.sort(comparePaths);
  for (let i = 1; i < paths.length; i++) {
    if (paths[i] === paths[i - 1]) problems.push(`${showPath(paths[i])} is listed twice`);
    else if (paths[i].startsWith(`${paths[i - 1]}/`)) {
      problems.push(`${showPath(paths[i - 1])} is listed as a file and as a folder`);
    }
  }
  return problems;
}

function fileProblem(file: unknown, folders: string[]): string | undefined {
  if (!isRecord(file)) return 'must be an object';
  const { path, size, sha256 } = file;
  if (typeof path !== 'string') return 'path must be a string';
  const problem = pathProblem(path) ?? exclusionOf(path);
  if (problem) return `${showPath(path)} ${problem}`;
  if (!inFolders(path, folders) && !isInstallationFile(path)) {
    return `${showPath(path)} is neither in a listed folder nor a root file of a release`;
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    return `${showPath(path)}: size must be a non-negative integer`;
  }
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) {
    return `${showPath(path)}: sha256 must be 64 lower-case hex digits`;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
