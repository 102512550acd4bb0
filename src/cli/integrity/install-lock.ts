import { mkdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../cli-error';
import { WORK_FOLDER } from './installation-paths';
import { refuseLinks } from './path-links';

/**
 * Runs `work` as the only tradebotctl changing the installation at `root` (a lock file
 * naming its process; one left by a process that is gone is taken over). Ctrl-C and
 * SIGTERM wait until the work is done, so an installation is never left half swapped.
 */
export async function withInstallLock<T>(
  root: string,
  work: () => Promise<T>,
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<T> {
  const folder = join(root, WORK_FOLDER);
  // Staging and backups live there: a link would move the installation's files elsewhere.
  await refuseLinks(root, [WORK_FOLDER]);
  await mkdir(folder, { recursive: true });
  const lock = join(folder, 'lock');
  await acquire(lock, root);
  const defer = () => {
    stderr.write('\ntradebotctl: finishing first, so the installation is left whole\n');
  };
  process.on('SIGINT', defer);
  process.on('SIGTERM', defer);
  try {
    return await work();
  } finally {
    process.off('SIGINT', defer);
    process.off('SIGTERM', defer);
    await rm(lock, { force: true });
    // Only when nothing else is in it (backups are): a refused change leaves no trace.
    await rmdir(folder).catch(() => undefined);
  }
}

async function acquire(lock: string, root: string): Promise<void> {
  try {
    await writeFile(lock, `${process.pid}\n`, { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
  if (Number.isSafeInteger(pid) && pid > 0 && isRunning(pid)) {
    throw new CliError(`another tradebotctl (pid ${pid}) is changing ${root}`, [
      `wait for it, or remove ${lock} if that process is not tradebotctl`,
    ]);
  }
  await rm(lock, { force: true });
  try {
    await writeFile(lock, `${process.pid}\n`, { flag: 'wx' });
  } catch (error) {
    // Two taking over at once: the second one's exclusive create fails.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new CliError(`another tradebotctl is changing ${root}`);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
