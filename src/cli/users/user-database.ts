import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../database/embedded/embedded-postgres';
import { EmbeddedPostgresError } from '../../database/embedded/embedded-postgres.error';
import { CliError } from '../cli-error';

export interface UserDatabase {
  /** Where it is, for messages: the DATA_DIR, or the server of DATABASE_URL. */
  where: string;
  client: Client;
  close(): Promise<void>;
}

/**
 * The app's database without the app: DATABASE_URL's server (scale-out), or the embedded
 * PostgreSQL in DATA_DIR, started for the command and stopped after it. The embedded
 * start refuses a DATA_DIR whose app is running: its database is that app's alone.
 */
export async function openUserDatabase(
  target: { databaseUrl: string } | { dataDir: string },
  warn: (line: string) => void,
): Promise<UserDatabase> {
  if ('databaseUrl' in target) {
    const client = await connect(target.databaseUrl, new URL(target.databaseUrl).host);
    return { where: new URL(target.databaseUrl).host, client, close: () => client.end() };
  }
  const dataDir = resolve(target.dataDir);
  if (!existsSync(join(dataDir, 'postgres', 'PG_VERSION'))) {
    throw new CliError(`${dataDir} holds no tradebot database`, [
      'give the DATA_DIR the app runs with (--data-dir), or set DATABASE_URL',
    ]);
  }
  let embedded;
  try {
    embedded = await startEmbeddedPostgres(dataDir, quietLogger(warn));
  } catch (error) {
    if (!(error instanceof EmbeddedPostgresError)) throw error;
    const running = /in use by process (\d+)/.exec(error.message);
    if (running) {
      throw new CliError(`a tradebot (process ${running[1]}) is running on ${dataDir}`, [
        "stop it first: its database is that process's alone while it runs, then run this again",
      ]);
    }
    throw new CliError(error.message);
  }
  const server = embedded;
  try {
    const client = await connect(server.url, dataDir);
    return {
      where: dataDir,
      client,
      close: async () => {
        await client.end();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function connect(url: string, where: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new CliError(`cannot reach the database at ${where}: ${(error as Error).message}`);
  }
  return client;
}

/** The embedded server's routine lines are the app's log, not the command's output. */
function quietLogger(warn: (line: string) => void): Logger {
  const silent = () => undefined;
  return { log: silent, debug: silent, verbose: silent, warn, error: warn } as unknown as Logger;
}
