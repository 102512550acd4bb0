import { jest } from '@jest/globals';
import type { Transactions, Tx } from '../transactions';

/**
 * Transactions without a database: each run gets its own dummy tx, kept in `txs` in the order
 * opened, so a spec can tell which transaction a repository call was made in; `open` counts
 * the runs under way.
 */
export function recordingTransactions() {
  const transactions = {
    txs: [] as Tx[],
    open: 0,
    run: jest.fn(async <T>(work: (tx: Tx) => Promise<T>): Promise<T> => {
      const tx = { transaction: transactions.txs.length + 1 } as unknown as Tx;
      transactions.txs.push(tx);
      transactions.open++;
      try {
        return await work(tx);
      } finally {
        transactions.open--;
      }
    }),
  };
  return transactions as typeof transactions & Pick<Transactions, 'run'>;
}
