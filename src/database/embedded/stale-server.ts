import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddedPostgresError } from './embedded-postgres.error';

/**
 * Clears what an earlier run may have left in the cluster folder so that the next start
 * works: a `postmaster.pid` naming a process that is no longer this cluster's server (the
 * pid was reused), or a server whose app died without stopping it. A server whose app is
 * still alive belongs to another tradebot on the same DATA_DIR: that is refused.
 */
export async function clearStaleServer(
  cluster: string,
  log: (line: string) => void,
): Promise<void> {
  const pidFile = join(cluster, 'postmaster.pid');
  const pid = Number.parseInt(readOptional(pidFile)?.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  // Without /proc (macOS) the server's own check, and its message, decide.
  const command = readOptional(`/proc/${pid}/cmdline`)?.split('\0');
  if (!command) return;
  if (!command[0]?.endsWith('postgres') || !command.includes(cluster)) {
    rmSync(pidFile, { force: true });
    return;
  }
  const parent = parentOf(pid);
  if (parent !== undefined && parent !== 1 && isAlive(parent)) {
    throw new EmbeddedPostgresError(
      `the database in ${cluster} is in use by process ${parent}: stop that tradebot, ` +
        'or give this one another DATA_DIR',
    );
  }
  log(`stopping PostgreSQL (pid ${pid}) left running by a tradebot that ended without it`);
  await stopProcess(pid);
}

/**
 * SIGINT is PostgreSQL's fast shutdown (clients disconnected, data checkpointed); SIGQUIT,
 * if that hangs, its immediate one (the next start replays the write-ahead log).
 */
export async function stopProcess(pid: number, graceMs = 30_000): Promise<void> {
  for (const [name, waitMs] of [
    ['SIGINT', graceMs],
    ['SIGQUIT', 10_000],
  ] as const) {
    signal(pid, name);
    if (await exited(pid, waitMs)) return;
  }
  throw new EmbeddedPostgresError(`PostgreSQL (pid ${pid}) did not stop: stop it by hand`);
}

async function exited(pid: number, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

function parentOf(pid: number): number | undefined {
  const stat = readOptional(`/proc/${pid}/stat`);
  // The command name, in parentheses, may hold spaces: fields count from its end.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields ? Number(fields[1]) : undefined;
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
