/** What the checks read from a stat: the owner, and the type and permission bits. */
export interface PathStat {
  uid: number;
  mode: number;
  isDirectory(): boolean;
  isFile(): boolean;
}

const S_IWGRP = 0o020;
const S_IWOTH = 0o002;

/**
 * Why DATA_DIR cannot be trusted, in one line with the fix; undefined when it can. Anyone
 * who can write to it could swap a key file or the cluster. Search permission for others
 * is fine: the embedded server's own account needs it when the app runs as root.
 */
export function dataDirProblem(path: string, stat: PathStat, uid: number): string | undefined {
  if (!stat.isDirectory()) return `DATA_DIR ${path} is not a folder`;
  const problem =
    ownerProblem(path, stat, uid) ??
    accessProblem(path, stat, S_IWGRP, S_IWOTH, 'writable by', 'go-w');
  return problem && `DATA_DIR ${problem}`;
}

/**
 * Why a secret file (a key, a password) cannot be trusted. Any access by group or others is
 * refused, reading too: a secret others could read may already be known.
 */
export function secretFileProblem(path: string, stat: PathStat, uid: number): string | undefined {
  if (!stat.isFile()) return `${path} is not a regular file: put the secret's file itself there`;
  return ownerProblem(path, stat, uid) ?? accessProblem(path, stat, 0o070, 0o007, 'open to', '600');
}

function ownerProblem(path: string, stat: PathStat, uid: number): string | undefined {
  if (stat.uid === uid) return undefined;
  return (
    `${path} is owned by uid ${stat.uid}, not by uid ${uid} that runs tradebot: ` +
    `chown ${uid} ${path}`
  );
}

function accessProblem(
  path: string,
  stat: PathStat,
  groupBits: number,
  otherBits: number,
  what: string,
  chmod: string,
): string | undefined {
  const who = [stat.mode & groupBits && 'its group', stat.mode & otherBits && 'others'].filter(
    Boolean,
  );
  if (who.length === 0) return undefined;
  const mode = (stat.mode & 0o7777).toString(8).padStart(4, '0');
  return `${path} is ${what} ${who.join(' and ')} (mode ${mode}): chmod ${chmod} ${path}`;
}
