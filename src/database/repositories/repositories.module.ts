import { Module } from '@nestjs/common';
import { Transactions } from './transactions';

/** Every repository of the schema and the transactions they share; features import this module. */
const REPOSITORIES = [Transactions];

@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class RepositoriesModule {}
