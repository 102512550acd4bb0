import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CliError } from '../cli-error';
import { normaliseServer } from './api-client';

interface ContextFile {
  /** The server commands talk to when neither --url nor TRADEBOT_URL names one. */
  server: string;
}

/** `tradebotctl context set`'s choice, kept beside the tokens (it holds no secret). */
export class ContextStore {
  readonly file: string;

  constructor(folder: string) {
    this.file = join(folder, 'context.json');
  }

  async current(): Promise<string | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const { server } = JSON.parse(text) as Partial<ContextFile>;
      if (typeof server === 'string') return normaliseServer(server);
    } catch {
      // Reported below with the file's name.
    }
    throw new CliError(`${this.file} is not a tradebotctl context file`, [
      'remove it, or run tradebotctl context set URL',
    ]);
  }

  async setCurrent(server: string): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const partial = `${this.file}.${process.pid}.partial`;
    const content: ContextFile = { server: normaliseServer(server) };
    await writeFile(partial, `${JSON.stringify(content, null, 2)}\n`);
    await rename(partial, this.file);
  }
}
