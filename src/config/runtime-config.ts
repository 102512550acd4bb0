import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { startEmbeddedPostgres } from '../database/embedded/embedded-postgres';
import { AppConfig } from './app-config';
import { readOrCreateKeyFile } from './key-file';

export interface RuntimeConfig {
  config: AppConfig & { databaseUrl: string; jwtSecret: string; credentialsKey: string };
  /** Stops what was started here (the embedded database), after the app has closed. */
  release(): Promise<void>;
}

/**
 * Fills the embedded defaults: a PostgreSQL run by the app when no DATABASE_URL, and the JWT secret and
 * credentials key from files under DATA_DIR when not given. Processes on other machines
 * cannot share those files, so scale-out must set JWT_SECRET and CREDENTIALS_KEY.
 */
export async function resolveRuntimeConfig(config: AppConfig): Promise<RuntimeConfig> {
  const logger = new Logger('Config');
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  const fromFile = (name: string, variable: string): string => {
    if (config.databaseUrl) logger.warn(`${variable} not set: using ${name} under DATA_DIR`);
    return readOrCreateKeyFile(join(config.dataDir, name), 32).toString('hex');
  };
  const resolved = new AppConfig({
    ...config,
    databaseUrl: config.databaseUrl ?? embedded!.url,
    embeddedDatabase: embedded !== undefined,
    jwtSecret: config.jwtSecret ?? fromFile('jwt-secret.key', 'JWT_SECRET'),
    credentialsKey: config.credentialsKey ?? fromFile('credentials.key', 'CREDENTIALS_KEY'),
  }) as RuntimeConfig['config'];
  return { config: resolved, release: async () => embedded?.stop() };
}
