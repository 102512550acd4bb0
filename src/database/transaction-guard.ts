import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { insideTransaction, type OpenTransaction, violation } from '../common/network-boundary';

type Work<T> = (manager: EntityManager) => Promise<T>;

/**
 * Makes a query that goes around a transaction's manager fail instead of quietly taking a
 * second pool connection (which can deadlock against the first, and exhausts the pool under
 * load). TypeORM creates a query runner for every query not bound to one, and the
 * transaction's own runner is created before its callback runs, so refusing new runners
 * inside the callback catches exactly those queries: `dataSource.query`, repositories,
 * `dataSource.manager` and a nested `dataSource.transaction`. `dataSource.transaction`
 * delegates to `dataSource.manager.transaction` (TypeORM 1.1), so wrapping that covers both.
 * A violation the callback catches still fails (and rolls back) the transaction.
 */
export function installTransactionGuard(dataSource: DataSource): void {
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode) => {
    const error = violation(
      "a query went around the transaction's manager: use the manager passed to the transaction callback",
    );
    if (error) throw error;
    return createQueryRunner(mode);
  };

  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager);
  manager.transaction = async <T>(
    isolationOrWork: IsolationLevel | Work<T>,
    maybeWork?: Work<T>,
  ): Promise<T> => {
    // The same two overloads as TypeORM's: (work) and (isolation, work).
    const isolation = typeof isolationOrWork === 'function' ? undefined : isolationOrWork;
    const work = typeof isolationOrWork === 'function' ? isolationOrWork : maybeWork!;
    const frame: OpenTransaction = { open: true };
    const guarded: Work<T> = (inner) =>
      insideTransaction(frame, async () => {
        const result = await work(inner);
        if (frame.violation) throw frame.violation;
        return result;
      });
    try {
      return isolation ? await transaction(isolation, guarded) : await transaction(guarded);
    } finally {
      frame.open = false;
    }
  };
}
