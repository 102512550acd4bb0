import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

declare const openTransaction: unique symbol;

/**
 * An open transaction, opaque outside the repositories: a service passes it from one repository
 * call to the next, and only a repository can query through it (managerOf).
 */
export interface Tx {
  readonly [openTransaction]: true;
}

/** Runs work in one transaction; the repositories' methods take its `tx`. */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(manager as unknown as Tx));
  }
}

/** The manager a repository queries through: the transaction's, or the pool's outside one. */
export function managerOf(dataSource: DataSource, tx?: Tx): EntityManager {
  return tx ? (tx as unknown as EntityManager) : dataSource.manager;
}
