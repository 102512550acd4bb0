import { mkdirSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { dataDirProblem } from './private-path';
import { PrivatePathError } from './private-path.error';

/**
 * DATA_DIR as an absolute path: created private (0700) when missing, refused when it is
 * not this process's user's alone to change. Windows has no owners or modes to check.
 */
export function openDataDir(dataDir: string): string {
  const path = resolve(dataDir);
  let stat = statIfAny(path);
  if (!stat) {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    stat = statSync(path);
  }
  const uid = process.geteuid?.();
  const problem = uid === undefined ? undefined : dataDirProblem(path, stat, uid);
  if (problem) throw new PrivatePathError(problem);
  return path;
}

function statIfAny(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
