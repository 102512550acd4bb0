import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrationsLocked } from '../../src/database/run-migrations';
import { throwawayDatabaseUrl } from '../utils/test-env';

describe('migrations', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(throwawayDatabaseUrl())).initialize();
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
