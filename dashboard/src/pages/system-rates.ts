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
