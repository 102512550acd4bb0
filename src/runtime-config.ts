import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { startEmbeddedPostgres } from './database/embedded/embedded-postgres';
import { AppConfig } from './config/app-config';
import { openDataDir } from './config/data-dir';
import { readOrCreateKeyFile } from './config/key-file';
import { loadStrategies, strategySourcesOf } from './strategies/strategy-sources';

export interface RuntimeConfig {
  config: AppConfig & { databaseUrl: string; jwtSecret: string; credentialsKey: string };
  /** Stops what was started here (the embedded database), after the app has closed. */
  release(): Promise<void>;
}

/**
 * Fills the embedded defaults: a PostgreSQL run by the app when no DATABASE_URL, and the JWT secret and
 * credentials key from files under DATA_DIR when not given. Processes on other machines
 * cannot share those files, so scale-out must set JWT_SECRET and CREDENTIALS_KEY. A DATA_DIR
 * in use must be this process's user's alone (openDataDir), as must each file read from it.
 */
export async function resolveRuntimeConfig(config: AppConfig): Promise<RuntimeConfig> {
  const logger = new Logger('Config');
  // Before the database starts: a broken strategy file stops the start with one line naming it.
  const strategySources = strategySourcesOf(config);
  const strategies = await loadStrategies(strategySources);
  if (strategySources.files.length) {
    const keys = strategies.filter((s) => s.source !== undefined).map((s) => s.key);
    logger.log(`strategies from ${config.strategiesDir}: ${keys.join(', ')}`);
  }
  const usesDataDir = !config.databaseUrl || !config.jwtSecret || !config.credentialsKey;
  const dataDir = usesDataDir ? openDataDir(config.dataDir) : config.dataDir;
  const fromFile = (name: string, variable: string): string => {
    if (config.databaseUrl) logger.warn(`${variable} not set: using ${name} under DATA_DIR`);
    return readOrCreateKeyFile(join(dataDir, name), 32).toString('hex');
  };
  // The key files first: a file found open to others stops the start before the database's.
  const jwtSecret = config.jwtSecret ?? fromFile('jwt-secret.key', 'JWT_SECRET');
  const credentialsKey = config.credentialsKey ?? fromFile('credentials.key', 'CREDENTIALS_KEY');
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(dataDir);
  const resolved = new AppConfig({
    ...config,
    databaseUrl: config.databaseUrl ?? embedded!.url,
    embeddedDatabase: embedded !== undefined,
    jwtSecret,
    credentialsKey,
  }) as RuntimeConfig['config'];
  return { config: resolved, release: async () => embedded?.stop() };
}
