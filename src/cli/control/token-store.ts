import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { CliError } from '../cli-error';
import { serverKey } from './api-client';

export interface SavedLogin {
  email: string;
  accessToken: string;
  savedAt: string;
}

interface TokenFile {
  /** By server base URL (normaliseServer), one per serverKey. */
  servers: Record<string, SavedLogin>;
}

/**
 * `$XDG_CONFIG_HOME/tradebot`, or `~/.config/tradebot`: the XDG base directory rules,
 * which ignore a relative XDG_CONFIG_HOME.
 */
export function configFolder(env: NodeJS.ProcessEnv, home: string): string {
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'tradebot');
}

/**
 * The tokens `login` saved, one per server, in a file only its owner can read (0600, in a
 * 0700 folder when tradebotctl makes it). A token never goes on a command line, where
 * other users' `ps` and the shell's history would see it.
 */
export class TokenStore {
  readonly file: string;

  constructor(folder: string) {
    this.file = join(folder, 'tokens.json');
  }

  /** The login saved for the server under any of its names (127.0.0.1 for localhost). */
  async get(server: string): Promise<SavedLogin | undefined> {
    const { servers } = await this.read();
    const saved = sameServer(servers, server);
    return saved === undefined ? undefined : servers[saved];
  }

  /** Every saved login, by the URL it was saved under. */
  async list(): Promise<Record<string, SavedLogin>> {
    return (await this.read()).servers;
  }

  /** Saves the login under this URL, in place of one saved under another name of the server. */
  async save(server: string, login: SavedLogin): Promise<void> {
    const content = await this.read();
    const saved = sameServer(content.servers, server);
    if (saved !== undefined) delete content.servers[saved];
    content.servers[server] = login;
    await this.write(content);
  }

  /** Forgets the server's token; false when there was none. */
  async remove(server: string): Promise<boolean> {
    const content = await this.read();
    const saved = sameServer(content.servers, server);
    if (saved === undefined) return false;
    delete content.servers[saved];
    await this.write(content);
    return true;
  }

  private async read(): Promise<TokenFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { servers: {} };
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as Partial<TokenFile>;
      if (typeof parsed.servers === 'object' && parsed.servers !== null) {
        return { servers: { ...parsed.servers } };
      }
    } catch {
      // Reported below with the file's name.
    }
    throw new CliError(`${this.file} is not a tradebotctl token file`, [
      'remove it and run tradebotctl login again',
    ]);
  }

  private async write(content: TokenFile): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const partial = `${this.file}.${process.pid}.partial`;
    // Created afresh, so the token is never in a file of a looser mode, even for a moment;
    // the umask can only take bits away, and chmod gives the owner's back.
    await rm(partial, { force: true });
    await writeFile(partial, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(partial, 0o600);
    await rename(partial, this.file);
  }
}

function sameServer(servers: Record<string, SavedLogin>, server: string): string | undefined {
  const key = serverKey(server);
  return Object.keys(servers).find((saved) => serverKey(saved) === key);
}
