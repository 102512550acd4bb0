import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StrategyFileError } from './strategy-file.error';

const STRATEGY_FILE = /\.(mjs|js)$/;
const WRITABLE_BY_GROUP_OR_OTHERS = 0o022;

/**
 * The strategy files in `dir` (`*.mjs`, `*.js`), absolute, in name order; none when the
 * folder does not exist. The engine runs them with its own rights, so a folder or file
 * that someone other than its owner (this user or root) may write is refused.
 */
export function strategyFiles(dir: string, uid = process.getuid?.() ?? 0): string[] {
  const folder = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw new StrategyFileError(
      folder,
      `STRATEGIES_DIR cannot be read: ${(error as Error).message}`,
    );
  }
  const files = names
    .filter((name) => STRATEGY_FILE.test(name))
    .sort()
    .map((name) => join(folder, name));
  for (const path of [folder, ...files]) {
    const problem = writeProblem(path, uid);
    if (problem) throw new StrategyFileError(path, problem);
  }
  return files;
}

function writeProblem(path: string, uid: number): string | undefined {
  const stat = statSync(path);
  if (stat.uid !== uid && stat.uid !== 0) {
    return `is owned by uid ${stat.uid}, not by uid ${uid} that runs tradebot or root: chown ${uid} ${path}`;
  }
  if (stat.mode & WRITABLE_BY_GROUP_OR_OTHERS) {
    return `is writable by others than its owner, and tradebot runs it as code: chmod go-w ${path}`;
  }
  return undefined;
}
