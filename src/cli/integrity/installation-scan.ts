import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../cli-error';
import { diffInstallation, type Observation, type Problem } from './installation-diff';
import {
  comparePaths,
  exclusionOf,
  INSTALLATION_FILES,
  INSTALLATION_FOLDERS,
  isSecretName,
  REQUIRED_ENTRIES,
  showPath,
} from './installation-paths';
import { type Manifest, MANIFEST_FORMAT, type ManifestFile, parseManifest } from './manifest';

export type OnProgress = (done: number, total: number) => void;

export interface ScanOptions {
  /** DATA_DIR relative to the root, when inside it (installation-paths.ts). */
  dataDir?: string;
  onProgress?: OnProgress;
}

/** SHA-256 and size of a file, read as a stream: a file of any size costs a buffer's memory. */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Everything under a folder (`''`: the root) but folders and excluded paths, recursively,
 * without following links: a link is reported as `other`, never walked into.
 */
export async function listFolder(
  root: string,
  folder: string,
  dataDir?: string,
): Promise<{ path: string; type: 'file' | 'other' }[]> {
  let entries;
  try {
    entries = await readdir(join(root, folder), { withFileTypes: true });
  } catch (error) {
    if (isAbsent(error)) return [];
    throw error;
  }
  const found: { path: string; type: 'file' | 'other' }[] = [];
  for (const entry of entries) {
    const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (exclusionOf(path, dataDir)) continue;
    if (entry.isDirectory()) found.push(...(await listFolder(root, path, dataDir)));
    else found.push({ path, type: entry.isFile() ? 'file' : 'other' });
  }
  return found;
}

/**
 * The manifest of the installation at `root`: the SHA-256 and size of each file of its
 * folders and root files (installation-paths.ts), the package's name and version, and the
 * time. A link, a device or a secret's name among them is refused: a manifest lists
 * regular files only, and a package carries what its manifest lists.
 */
export async function buildManifest(
  root: string,
  options: ScanOptions & { now?: Date } = {},
): Promise<Manifest> {
  for (const required of REQUIRED_ENTRIES) {
    if ((await typeAt(join(root, required))) === 'missing') {
      throw new CliError(`${join(root, required)} does not exist: is this an installation?`, [
        'build it first (npm run build) or pass --root',
      ]);
    }
  }
  const { name, version } = await readPackageJson(root);
  const folders: string[] = [];
  const entries: { path: string; type: 'file' | 'other' }[] = [];
  for (const folder of INSTALLATION_FOLDERS) {
    const type = await typeAt(join(root, folder));
    if (type === 'missing') continue;
    if (type !== 'folder') entries.push({ path: folder, type: 'other' });
    else {
      folders.push(folder);
      entries.push(...(await listFolder(root, folder, options.dataDir)));
    }
  }
  for (const file of INSTALLATION_FILES) {
    const type = await typeAt(join(root, file));
    if (type !== 'missing') entries.push({ path: file, type: type === 'file' ? 'file' : 'other' });
  }
  const irregular = entries.filter((entry) => entry.type === 'other');
  if (irregular.length > 0) {
    throw new CliError(
      'a manifest lists regular files only',
      irregular.map((entry) => `${showPath(entry.path)} is a link or a special file`),
    );
  }
  // What a manifest lists, a package ships: a key left in dist/ must not travel with it.
  const secrets = entries.filter((entry) => isSecretName(entry.path.split('/').pop() as string));
  if (secrets.length > 0) {
    throw new CliError(
      'a release ships no secrets',
      secrets.map((entry) => `${showPath(entry.path)} looks like one: move it out of the folder`),
    );
  }
  const paths = entries.map((entry) => entry.path).sort(comparePaths);
  const files: ManifestFile[] = [];
  for (const path of paths) {
    files.push({ path, ...(await hashFile(join(root, path))) });
    options.onProgress?.(files.length, paths.length);
  }
  return {
    format: MANIFEST_FORMAT,
    name,
    version,
    createdAt: (options.now ?? new Date()).toISOString(),
    folders,
    files,
  };
}

/**
 * verify: how the installation at `root` differs from `manifest`, sorted by path. Every
 * entry under the root but the exclusions (installation-paths.ts) is found, so that one
 * the manifest does not list is unexpected wherever it lies.
 */
export async function checkInstallation(
  root: string,
  manifest: Manifest,
  options: ScanOptions = {},
): Promise<Problem[]> {
  const observed = new Map<string, Observation>();
  for (const [index, file] of manifest.files.entries()) {
    observed.set(file.path, await observe(join(root, file.path), file.size));
    options.onProgress?.(index + 1, manifest.files.length);
  }
  const found = (await listFolder(root, '', options.dataDir)).map((entry) => entry.path);
  return diffInstallation(manifest, observed, found);
}

/** Reads a manifest file; a missing one says how to make it. */
export async function readManifestFile(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isAbsent(error)) {
      throw new CliError(`no manifest at ${path}`, ['write one with: tradebotctl manifest']);
    }
    throw error;
  }
  return parseManifest(text, path);
}

export async function readPackageJson(root: string): Promise<{ name: string; version: string }> {
  const path = join(root, 'package.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new CliError(`${path} cannot be read as JSON`);
  }
  const { name, version } = (parsed ?? {}) as { name?: unknown; version?: unknown };
  if (typeof name !== 'string' || typeof version !== 'string') {
    throw new CliError(`${path} has no name and version`);
  }
  return { name, version };
}

async function observe(absolute: string, expectedSize: number): Promise<Observation> {
  try {
    const stats = await lstat(absolute);
    if (!stats.isFile()) return { type: 'other' };
    if (stats.size !== expectedSize) return { type: 'file', size: stats.size };
    return { type: 'file', ...(await hashFile(absolute)) };
  } catch (error) {
    if (isAbsent(error)) return { type: 'missing' };
    throw error;
  }
}

async function typeAt(absolute: string): Promise<'file' | 'folder' | 'other' | 'missing'> {
  try {
    const stats = await lstat(absolute);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
  } catch (error) {
    if (isAbsent(error)) return 'missing';
    throw error;
  }
}

/** ENOENT, or ENOTDIR when a folder on the way is a file. */
export function isAbsent(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
