import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/entity-list';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { SLOW_QUERY_THRESHOLD_MS, TypeOrmLogger } from './typeorm-logger';

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is core since PostgreSQL 13: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn'],
    logger: new TypeOrmLogger(),
    maxQueryExecutionTime: SLOW_QUERY_THRESHOLD_MS,
    extra: { max: 20, connectionTimeoutMillis: 10_000 },
  };
}
