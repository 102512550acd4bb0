import { homedir } from 'node:os';
import { Option } from 'commander';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-context';
import { ApiClient, normaliseServer } from './api-client';
import { ContextStore } from './context-store';
import { configFolder, TokenStore } from './token-store';

export const DEFAULT_SERVER = 'http://localhost:3000';

export interface ServerOptions {
  url?: string;
  json?: boolean;
}

/** Where the server a command talks to was named, first found first. */
export type ServerSource = '--url' | 'TRADEBOT_URL' | 'tradebotctl context' | 'the default';

export function urlOption(): Option {
  return new Option(
    '--url <url>',
    `the server (default: $TRADEBOT_URL, else tradebotctl context, else ${DEFAULT_SERVER})`,
  );
}

export function tokenStore(context: CliContext): TokenStore {
  return new TokenStore(configFolder(context.env, homedir()));
}

export function contextStore(context: CliContext): ContextStore {
  return new ContextStore(configFolder(context.env, homedir()));
}

/** The server: --url, else TRADEBOT_URL (one shell), else the saved context, else localhost. */
export async function currentServer(
  context: CliContext,
  options: ServerOptions,
): Promise<{ server: string; source: ServerSource }> {
  if (options.url) return { server: normaliseServer(options.url), source: '--url' };
  const fromEnv = context.env.TRADEBOT_URL;
  if (fromEnv) return { server: normaliseServer(fromEnv), source: 'TRADEBOT_URL' };
  const saved = await contextStore(context).current();
  if (saved) return { server: saved, source: 'tradebotctl context' };
  return { server: DEFAULT_SERVER, source: 'the default' };
}

/** A client with the token `login` saved for the server; none saved is an error. */
export async function signedInClient(context: CliContext, options: ServerOptions) {
  const { server } = await currentServer(context, options);
  const saved = await tokenStore(context).get(server);
  if (!saved) {
    throw new CliError(`not logged in to ${server}`, [
      `run: tradebotctl login --url ${server} --email EMAIL`,
    ]);
  }
  return new ApiClient(server, saved.accessToken);
}
