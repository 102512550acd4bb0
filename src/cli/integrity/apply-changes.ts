import { lstat, mkdir, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CliError } from '../cli-error';
import { isAbsent } from './installation-scan';
import { showPath } from './installation-paths';

export interface ChangeSet {
  /** The installation. */
  root: string;
  /** A folder on the same file system holding every `place` path, checked already. */
  staging: string;
  /** Where the files replaced or removed go, kept after success; made on first use. */
  backup: string;
  place: readonly string[];
  remove: readonly string[];
  /** Checks the result; any problem rolls the swap back. */
  verify: () => Promise<string[]>;
}

export interface AppliedChanges {
  /** Placed over a file that was there (now in the backup). */
  replaced: string[];
  /** Placed where nothing was. */
  added: string[];
  /** Moved to the backup and not replaced. */
  removed: string[];
}

/**
 * Swaps files into an installation by renames within one file system: first every file to
 * be replaced or removed moves to the backup, then every new file moves in from staging,
 * then the result is verified. Any failure on the way (a rename, the verification) undoes
 * what was done in reverse, so the installation is left exactly as it was (and the backup,
 * empty again, is removed).
 */
export async function applyChanges(changes: ChangeSet): Promise<AppliedChanges> {
  const { root, staging, backup } = changes;
  const moved: string[] = [];
  const placed: string[] = [];
  const madeFolders: string[] = [];
  try {
    for (const path of new Set([...changes.remove, ...changes.place])) {
      if (await moveIfPresent(join(root, path), join(backup, path))) moved.push(path);
    }
    for (const path of changes.place) {
      await makeFolders(root, dirname(path), madeFolders);
      await rename(join(staging, path), join(root, path));
      placed.push(path);
    }
    const problems = await changes.verify();
    if (problems.length > 0) {
      throw new CliError('the installation did not verify after the swap', problems);
    }
  } catch (error) {
    const undone = await rollBack(root, backup, moved, placed, madeFolders);
    // Everything went back: the backup holds nothing but the folders made for it.
    if (undone.length === 0) await rm(backup, { recursive: true, force: true });
    const failure =
      error instanceof CliError
        ? error
        : new CliError(error instanceof Error ? error.message : String(error));
    throw new CliError(failure.message, [
      ...failure.details,
      ...(undone.length === 0
        ? ['rolled back: the installation is as it was']
        : [`roll-back incomplete, the files it replaced are in ${backup}:`, ...undone]),
    ]);
  }
  const wasThere = new Set(moved);
  const placedSet = new Set(placed);
  return {
    replaced: placed.filter((path) => wasThere.has(path)),
    added: placed.filter((path) => !wasThere.has(path)),
    removed: moved.filter((path) => !placedSet.has(path)),
  };
}

async function moveIfPresent(from: string, to: string): Promise<boolean> {
  try {
    await lstat(from);
  } catch (error) {
    if (isAbsent(error)) return false;
    throw error;
  }
  await mkdir(dirname(to), { recursive: true });
  await rename(from, to);
  return true;
}

/** Makes the missing folders of `folder` under root, recording each for a roll-back. */
async function makeFolders(root: string, folder: string, made: string[]): Promise<void> {
  if (folder === '.') return;
  let current = root;
  for (const segment of folder.split('/')) {
    current = join(current, segment);
    try {
      await mkdir(current);
      made.push(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Undoes in reverse order; returns what could not be undone, one line each. */
async function rollBack(
  root: string,
  backup: string,
  moved: readonly string[],
  placed: readonly string[],
  madeFolders: readonly string[],
): Promise<string[]> {
  const failures: string[] = [];
  const attempt = async (what: string, step: () => Promise<unknown>) => {
    try {
      await step();
    } catch (error) {
      failures.push(`${what}: ${(error as Error).message}`);
    }
  };
  for (const path of [...placed].reverse()) {
    await attempt(`remove ${showPath(path)}`, () => unlink(join(root, path)));
  }
  for (const folder of [...madeFolders].reverse()) {
    await attempt(`remove folder ${folder}`, () => rmdir(folder));
  }
  for (const path of [...moved].reverse()) {
    await attempt(`restore ${showPath(path)}`, async () => {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await rename(join(backup, path), join(root, path));
    });
  }
  return failures;
}
