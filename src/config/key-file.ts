import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchownSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { secretFileProblem } from './private-path';
import { PrivatePathError } from './private-path.error';

const { O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK, O_RDONLY, O_WRONLY } = constants;

/**
 * Reads a secret kept in a file, creating it (mode 0600) on first use. O_EXCL makes creation
 * atomic, so two processes starting together end up with the same key.
 */
export function readOrCreateKeyFile(path: string, bytes: number): Buffer {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    createSecretFile(path, randomBytes(bytes).toString('hex'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(readSecretFile(path).trim(), 'hex');
  if (key.length !== bytes) throw new Error(`${path} does not hold a ${bytes}-byte hex key`);
  return key;
}

/**
 * Creates `path` (0600) holding `content`, never over an existing file nor through a
 * symbolic link. A new owner is set on the descriptor: on the very file just created.
 */
export function createSecretFile(
  path: string,
  content: string,
  owner?: { uid: number; gid: number },
): void {
  const fd = openSync(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  try {
    if (owner) fchownSync(fd, owner.uid, owner.gid);
    writeFileSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

/**
 * A secret file's content, once the file itself (not a link, checked on the open
 * descriptor) is found to be this process's user's alone.
 */
export function readSecretFile(path: string): string {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO planted in the file's place is refused, not waited on.
    fd = openSync(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
    throw new PrivatePathError(`${path} is a symbolic link: put the secret's file itself there`);
  }
  try {
    const uid = process.geteuid?.();
    const problem = uid === undefined ? undefined : secretFileProblem(path, fstatSync(fd), uid);
    if (problem) throw new PrivatePathError(problem);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
