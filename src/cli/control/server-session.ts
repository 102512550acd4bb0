import { homedir } from 'node:os';
import { Option } from 'commander';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-context';
import { ApiClient, normaliseServer } from './api-client';
import { configFolder, TokenStore } from './token-store';

export const DEFAULT_SERVER = 'http://localhost:3000';

export interface ServerOptions {
  url: string;
  json?: boolean;
}

export function urlOption(): Option {
  return new Option('--url <url>', 'the server').env('TRADEBOT_URL').default(DEFAULT_SERVER);
}

export function tokenStore(context: CliContext): TokenStore {
  return new TokenStore(configFolder(context.env, homedir()));
}

/** A client with the token `login` saved for the server; none saved is an error. */
export async function signedInClient(context: CliContext, options: ServerOptions) {
  const server = normaliseServer(options.url);
  const saved = await tokenStore(context).get(server);
  if (!saved) {
    throw new CliError(`not logged in to ${server}`, [
      `run: tradebotctl login --url ${server} --email EMAIL`,
    ]);
  }
  return new ApiClient(server, saved.accessToken);
}
