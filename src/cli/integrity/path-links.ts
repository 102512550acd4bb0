import { lstat, readlink, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../cli-error';
import { isAbsent } from './installation-scan';
import { showPath } from './installation-paths';

/**
 * The first symbolic link among the components of `path` under `root` (the root's own path
 * may hold links), or undefined. From the top down, each component's realpath must be the
 * same path under the root's realpath; one that does not resolve is a link only if lstat
 * says so (a link to nowhere), else it and all below it are yet to be made.
 */
export async function linkOnPath(
  root: string,
  path: string,
  realRoot?: string,
): Promise<string | undefined> {
  const base = realRoot ?? (await realpath(root));
  const segments = path.split('/');
  for (let depth = 1; depth <= segments.length; depth++) {
    const prefix = segments.slice(0, depth).join('/');
    let real: string;
    try {
      real = await realpath(join(root, prefix));
    } catch (error) {
      if (!isAbsent(error) && (error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
      return (await isLink(join(root, prefix))) ? prefix : undefined;
    }
    if (real !== join(base, prefix)) return prefix;
  }
  return undefined;
}

/** Refuses, naming each link, when any component of any path under root is a link. */
export async function refuseLinks(root: string, paths: Iterable<string>): Promise<void> {
  const realRoot = await realpath(root).catch((error: unknown) => {
    if (isAbsent(error)) return undefined;
    throw error;
  });
  // An installation that does not exist yet has no links in it.
  if (realRoot === undefined) return;
  const links = new Set<string>();
  for (const path of paths) {
    const found = await linkOnPath(root, path, realRoot);
    if (found !== undefined) links.add(found);
  }
  if (links.size === 0) return;
  const details: string[] = [];
  for (const path of [...links].sort()) {
    const target = await readlink(join(root, path)).catch(() => '?');
    details.push(`${showPath(path)} is a symbolic link (to ${showPath(target)}): remove it`);
  }
  throw new CliError(`refused to change ${root}: a link would take files elsewhere`, details);
}

async function isLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch (error) {
    if (isAbsent(error)) return false;
    throw error;
  }
}
