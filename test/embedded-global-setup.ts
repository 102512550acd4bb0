import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { startEmbeddedPostgres } from '../src/database/embedded/embedded-postgres';
import { runMigrationsLocked } from '../src/database/run-migrations';

/**
 * The embedded target's database: started by the app's own code, exactly as `npm start`
 * with no DATABASE_URL does, in a throwaway DATA_DIR, and migrated as at every start.
 */
export default async function embeddedGlobalSetup(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const dataDir = mkdtempSync(join(tmpdir(), 'tradebot-embedded-'));
  const server = await startEmbeddedPostgres(dataDir);
  globalThis.tradebotEmbeddedServer = { stop: server.stop, dataDir };
  const dataSource = await new DataSource(dataSourceOptions(server.url)).initialize();
  await runMigrationsLocked(dataSource);
  await dataSource.destroy();
  process.env.TRADEBOT_TEST_EMBEDDED_DATABASE_URL = server.url;
}

declare global {
  var tradebotEmbeddedServer: { stop(): Promise<void>; dataDir: string } | undefined;
}
