/**
 * An executed order whose trade list cannot be read (myTrades failing, or lagging behind the
 * order) is settled from its own totals after this many failed reads, or this long after the
 * first: a bot is never held by a list it may never get.
 */
export const MAX_FAILED_FILL_READS = 3;
export const FILL_READ_PATIENCE_MS = 60_000;

/** The failed reads of one order's fills so far. */
export interface FailedFillReads {
  count: number;
  /** When the first one failed (ms); null before any did. */
  firstAt: number | null;
}

/**
 * Whether the lookup about to run settles the order from its own totals, its fee estimated,
 * should its fills fail to read once more.
 */
export function settleFromOrderIfFillsFail(failed: FailedFillReads, now: number): boolean {
  if (failed.count + 1 >= MAX_FAILED_FILL_READS) return true;
  return failed.firstAt !== null && now - failed.firstAt >= FILL_READ_PATIENCE_MS;
}
