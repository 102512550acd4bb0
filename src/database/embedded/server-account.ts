import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres.error';

/** The operating-system account the server runs as; absent ids mean this process's own. */
export interface ServerAccount {
  name: string;
  uid?: number;
  gid?: number;
}

/**
 * PostgreSQL refuses to run as root. A root app runs it as a dedicated system account of
 * its own rather than a shared one such as `postgres`, so no other service's processes can
 * read the cluster's files.
 */
export const ROOT_SERVER_ACCOUNT = 'tradebot-db';

export function serverAccount(): ServerAccount {
  if (process.getuid?.() !== 0) return { name: 'self' };
  const existing = lookupAccount(ROOT_SERVER_ACCOUNT) ?? createAccount(ROOT_SERVER_ACCOUNT);
  return { name: ROOT_SERVER_ACCOUNT, ...existing };
}

function lookupAccount(name: string): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

function createAccount(name: string): { uid: number; gid: number } {
  const attempts: [string, string[]][] = [
    [
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name],
    ],
    ['adduser', ['-S', '-D', '-H', '-G', name, name]],
  ];
  for (const [command, args] of attempts) {
    try {
      if (command === 'adduser') execFileSync('addgroup', ['-S', name], { stdio: 'pipe' });
      execFileSync(command, args, { stdio: 'pipe' });
      const created = lookupAccount(name);
      if (created) return created;
    } catch {
      // Try the next tool: Debian has useradd, Alpine's BusyBox adduser.
    }
  }
  throw new EmbeddedPostgresError(
    `running as root, and the account ${name} that PostgreSQL would run as could not be ` +
      'created: create it, run tradebot as an ordinary user, or set DATABASE_URL',
  );
}

/**
 * The server account must reach `path` through every folder above it. A folder this app
 * created privately (DATA_DIR) gets search permission for others, which lists nothing;
 * any other blocking folder is the operator's to open.
 */
export function ensureReachable(path: string, account: ServerAccount, ownFolder: string): void {
  if (account.uid === undefined) return;
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    const { mode, uid } = statSync(folder);
    if (uid !== account.uid && (mode & 0o001) === 0) {
      if (folder !== ownFolder) {
        throw new EmbeddedPostgresError(
          `the account ${account.name} that runs PostgreSQL cannot reach ${folder}: ` +
            'give it search permission (chmod o+x), or choose another DATA_DIR',
        );
      }
      chmodSync(folder, mode | 0o001);
    }
    if (dirname(folder) === folder) return;
  }
}
