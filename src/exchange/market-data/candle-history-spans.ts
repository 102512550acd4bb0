import { lastClosedSlot } from '../../kernel/candle';
import { INTERVAL_MS, type Interval } from '../../kernel/interval';

/** Candle open times from `from` to `to`, both inclusive, on the interval's grid. */
export interface Span {
  from: number;
  to: number;
}

/** A part of a wanted span: read from the history (`held`) or fetched from the exchange. */
export interface Segment extends Span {
  held: boolean;
}

/**
 * A fetched range's end this recent may still be missing at the exchange (it closes a candle
 * a moment after our clock does): recorded as held only up to the last candle it sent.
 */
export const SETTLE_MS = 60_000;

/** The open time of the newest candle closed by `now` (its closeTime < now). */
export function lastClosedOpenTime(interval: Interval, now: number): number {
  return lastClosedSlot(interval, now) - INTERVAL_MS[interval];
}

/**
 * The grid open times of [startTime, endTime] whose candles have closed by `now`;
 * undefined when there are none.
 */
export function closedSpan(
  interval: Interval,
  startTime: number,
  endTime: number,
  now: number,
): Span | undefined {
  const step = INTERVAL_MS[interval];
  const from = Math.ceil(startTime / step) * step;
  const to = Math.min(Math.floor(endTime / step) * step, lastClosedOpenTime(interval, now));
  return from <= to ? { from, to } : undefined;
}

/**
 * `want` cut into held and missing segments, in order, covering it exactly. `held` may
 * overlap and come in any order.
 */
export function segments(want: Span, held: readonly Span[], step: number): Segment[] {
  const parts: Segment[] = [];
  let next = want.from;
  for (const span of [...held].sort((a, b) => a.from - b.from)) {
    if (span.to < next || span.from > want.to) continue;
    if (span.from > next) parts.push({ from: next, to: span.from - step, held: false });
    const to = Math.min(span.to, want.to);
    parts.push({ from: Math.max(span.from, next), to, held: true });
    next = to + step;
    if (next > want.to) break;
  }
  if (next <= want.to) parts.push({ from: next, to: want.to, held: false });
  return parts;
}

/**
 * What one fetched page proves held: from where it asked up to its last candle, or, for a
 * gap's last page, up to the gap's end once that has settled (a range the exchange lacks,
 * such as a maintenance window, is then not asked for again). Undefined: nothing yet.
 */
export function fetchedSpan(
  gap: Span,
  from: number,
  lastOpenTime: number | undefined,
  lastPage: boolean,
  step: number,
  now: number,
): Span | undefined {
  const settled = gap.to + step + SETTLE_MS <= now;
  const to = lastPage && settled ? gap.to : lastOpenTime;
  return to === undefined || to < from ? undefined : { from, to };
}
