import { randomBytes } from 'node:crypto';
import { link, rename, unlink, writeFile } from 'node:fs/promises';
import { CliError } from '../cli-error';

/**
 * A name beside `path` that nobody can have prepared: write it with the `wx` flag
 * (O_CREAT | O_EXCL, which also refuses a link planted there), then `publish` it.
 */
export function partialPathOf(path: string): string {
  return `${path}.${process.pid}-${randomBytes(6).toString('hex')}.partial`;
}

/**
 * Gives a complete partial file its name: `replace` renames it over whatever is there (the
 * rename swaps the name, never writing through a link); otherwise a hard link makes the
 * name only if nothing has it, so an existing file is never overwritten. The partial
 * name is gone either way.
 */
export async function publish(partial: string, path: string, replace: boolean): Promise<void> {
  if (replace) {
    await rename(partial, path);
    return;
  }
  try {
    await link(partial, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new CliError(`${path} exists already: it was left as it is`, [
      'remove it or choose another file (manifest and package take --force to replace it)',
    ]);
  } finally {
    await unlink(partial).catch(() => undefined);
  }
}

/** Writes a whole new file under `path` (see publish), created exclusively with `mode`. */
export async function writeNewFile(
  path: string,
  data: string,
  options: { mode: number; replace?: boolean },
): Promise<void> {
  const partial = partialPathOf(path);
  try {
    await writeFile(partial, data, { flag: 'wx', mode: options.mode });
    await publish(partial, path, options.replace ?? false);
  } finally {
    await unlink(partial).catch(() => undefined);
  }
}
