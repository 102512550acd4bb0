import { AsyncLocalStorage } from 'node:async_hooks';

/** Code that breaks transaction discipline: a bug, never an outcome to handle. */
export class TransactionDisciplineError extends Error {
  override name = 'TransactionDisciplineError';
}

/** One transaction the guard watches (database/transaction-guard.ts opens them). */
export interface OpenTransaction {
  /** Closed when the transaction ends: work the callback left behind is no longer under it. */
  open: boolean;
  /** The first violation, kept so that a caller catching it cannot hide it. */
  violation?: TransactionDisciplineError;
}

const transactions = new AsyncLocalStorage<OpenTransaction>();

/** Runs `work` as inside `frame`'s transaction. */
export function insideTransaction<T>(frame: OpenTransaction, work: () => Promise<T>): Promise<T> {
  return transactions.run(frame, work);
}

/** The violation `message` describes when a transaction is open here, recorded on it. */
export function violation(message: string): TransactionDisciplineError | undefined {
  const current = transactions.getStore();
  if (!current?.open) return undefined;
  const error = new TransactionDisciplineError(message);
  current.violation ??= error;
  return error;
}

/** Called at each network boundary: a row lock must never be held across a network call. */
export function assertOutsideTransaction(what: string): void {
  const error = violation(
    `${what} while a transaction is open: no network call may run under a row lock`,
  );
  if (error) throw error;
}
