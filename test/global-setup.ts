import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrationsLocked } from '../src/database/run-migrations';
import { TEST_ADMIN_DATABASE_URL, withDatabase } from './utils/test-env';

/** One throwaway database per run, migrated exactly as production is. */
export default async function globalSetup(): Promise<void> {
  // Short: each spec file's QUEUE_PREFIX (at most 40 characters) is this name and a suffix.
  const name = `tb_e2e_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(TEST_ADMIN_DATABASE_URL, name);
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  await runMigrationsLocked(dataSource);
  await dataSource.destroy();
  process.env.TRADEBOT_TEST_DATABASE_URL = url;
  process.env.TRADEBOT_TEST_DATABASE_NAME = name;
}
