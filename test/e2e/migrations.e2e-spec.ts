import { DataSource, type QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrationsLocked } from '../../src/database/run-migrations';
import { throwawayDatabaseUrl } from '../utils/test-env';

/**
 * TypeORM's schema builder (1.1.1, and 1.1.3 still: PostgresQueryRunner.loadTables) looks up
 * every enum column's type at once on its one connection, which pg 8.19+ deprecates with a
 * warning (pg 9 will refuse it). The app never runs the builder; this spec does, so its
 * runners send their queries one after the other.
 */
function oneQueryAtATime(runner: QueryRunner): QueryRunner {
  const send = runner.query.bind(runner);
  let previous: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const result = previous.then(() => send(...args));
    previous = result.catch(() => undefined);
    return result;
  }) as QueryRunner['query'];
  return runner;
}

describe('migrations', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(throwawayDatabaseUrl())).initialize();
    const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
    dataSource.createQueryRunner = (mode) => oneQueryAtATime(createQueryRunner(mode));
  });

  afterAll(async () => dataSource.destroy());

  it('leave nothing for the entities to change (generate one when this fails)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('are idempotent when several processes run them at once', async () => {
    await Promise.all([runMigrationsLocked(dataSource), runMigrationsLocked(dataSource)]);
    const applied = await dataSource.query('SELECT name FROM migrations');
    expect(applied).toHaveLength(dataSource.migrations.length);
  });
});
