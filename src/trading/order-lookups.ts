/**
 * Lookups of an order whose outcome is unknown, timed from the attempt that left it so: early
 * ones first, since most such orders executed and Binance knows them within seconds, then one
 * every grace period. Those after the grace period are the only ones whose "no such order"
 * is believed: until then Binance's query path may not yet know an order that executed.
 */
const EARLY_LOOKUPS_MS = [2_000, 5_000, 15_000];

/** When to look the order up next: the first lookup due after `now`. */
export function nextLookupAt(attemptAt: number, now: number, graceMs: number): number {
  for (const offset of EARLY_LOOKUPS_MS) {
    if (offset < graceMs && attemptAt + offset > now) return attemptAt + offset;
  }
  const periods = Math.max(1, Math.floor((now - attemptAt) / graceMs) + 1);
  return attemptAt + periods * graceMs;
}

/** Whether "no such order" now means the attempt never reached the exchange. */
export function absenceIsFinal(attemptAt: number, now: number, graceMs: number): boolean {
  return now >= attemptAt + graceMs;
}
