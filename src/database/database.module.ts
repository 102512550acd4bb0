import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { runMigrationsLocked } from './run-migrations';
import { installTransactionGuard } from './transaction-guard';

export interface DatabaseOptions {
  /** Refuse queries around a transaction's manager, and network calls, inside its callback. */
  transactionGuard: boolean;
}

@Module({})
export class DatabaseModule {
  /** Migrations run before any provider can touch the database. */
  static forRoot(databaseUrl: string, { transactionGuard }: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(databaseUrl),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrationsLocked(dataSource);
            if (transactionGuard) installTransactionGuard(dataSource);
            return dataSource;
          },
        }),
      ],
    };
  }
}
