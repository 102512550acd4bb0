import { Logger } from '@nestjs/common';
import { type DataSource, MigrationExecutor } from 'typeorm';

/** Arbitrary but fixed: every tradebot process contends for the same advisory lock. */
const MIGRATION_LOCK_KEY = 7_204_180_001;

/**
 * Several API and worker processes may start at once: the session advisory lock lets one
 * migrate while the others wait, then find nothing left to do.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const logger = new Logger('Migrations');
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      for (const migration of applied) logger.log(`applied ${migration.name}`);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
