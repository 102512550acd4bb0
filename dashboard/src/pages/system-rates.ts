import type { Schemas } from '../api/types';

type TickCount = Schemas['TickCountDto'];

/** A report's tick counters, and when they were read. */
export interface TickSample {
  at: number;
  ticks: TickCount[];
}

export interface TickRates {
  /** Ticks a second between the two samples, all outcomes. */
  perSecond: number;
  /** Of them, skipped because another worker held the bot's lock. */
  skippedPerSecond: number;
}

const total = (ticks: TickCount[], outcome?: string) =>
  ticks
    .filter((tick) => outcome === undefined || tick.outcome === outcome)
    .reduce((sum, tick) => sum + tick.count, 0);

/**
 * Rates from two successive reports' counters. Undefined before there are two, or when the
 * counters went down (the process restarted between them).
 */
export function tickRates(
  before: TickSample | undefined,
  after: TickSample,
): TickRates | undefined {
  if (!before || after.at <= before.at) return undefined;
  const seconds = (after.at - before.at) / 1000;
  const all = total(after.ticks) - total(before.ticks);
  const skipped = total(after.ticks, 'skipped_locked') - total(before.ticks, 'skipped_locked');
  if (all < 0 || skipped < 0) return undefined;
  return { perSecond: all / seconds, skippedPerSecond: skipped / seconds };
}

/** Each tick outcome in words (the metric's labels are for Prometheus). */
const OUTCOME_WORDS: Record<string, string> = {
  ordered: 'ordered',
  held: 'held',
  failed: 'failed',
  error: 'failed',
  not_running: 'not running',
  order_in_flight: 'waited on an order',
  order_unresolved: 'order unresolved',
  order_dropped: 'order dropped',
  skipped_locked: 'skipped, another worker had it',
  skipped_duplicate: 'skipped, done already',
  requeued: 'requeued',
};

/** The counts since start as words, largest first: "held 196", "skipped, done already 3". */
export function tickCountsInWords(ticks: readonly TickCount[]): string[] {
  const words = new Map<string, number>();
  for (const { outcome, count } of ticks) {
    const word = OUTCOME_WORDS[outcome] ?? outcome.replaceAll('_', ' ');
    words.set(word, (words.get(word) ?? 0) + count);
  }
  return [...words]
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([word, count]) => `${word} ${count}`);
}
