import { INTERVAL_MS } from '../../kernel/interval';
import {
  closedSpan,
  fetchedSpan,
  lastClosedOpenTime,
  SETTLE_MS,
  segments,
} from './candle-history-spans';

const MINUTE = INTERVAL_MS['1m'];
const HOUR = INTERVAL_MS['1h'];
const T = Date.UTC(2026, 0, 1);

describe('closedSpan: the grid times of a range whose candles have closed', () => {
  it('keeps a candle only once its closeTime is before now', () => {
    // The 10:00 candle closes at 10:59:59.999: closed at 11:00, not at 10:59:59.999.
    expect(lastClosedOpenTime('1h', T + 11 * HOUR)).toBe(T + 10 * HOUR);
    expect(lastClosedOpenTime('1h', T + 11 * HOUR - 1)).toBe(T + 9 * HOUR);
    expect(closedSpan('1h', T, T + 20 * HOUR, T + 11 * HOUR)).toEqual({
      from: T,
      to: T + 10 * HOUR,
    });
    expect(closedSpan('1h', T, T + 20 * HOUR, T + 11 * HOUR - 1)).toEqual({
      from: T,
      to: T + 9 * HOUR,
    });
  });

  it('rounds the start up and the end down to open times, and is empty when nothing closed', () => {
    const now = T + 100 * MINUTE;
    expect(closedSpan('1m', T + 1, T + 5 * MINUTE + 59_999, now)).toEqual({
      from: T + MINUTE,
      to: T + 5 * MINUTE,
    });
    expect(closedSpan('1m', T + 1, T + MINUTE - 1, now)).toBeUndefined();
    expect(closedSpan('1m', T + 100 * MINUTE, T + 200 * MINUTE, now)).toBeUndefined();
  });
});

describe('segments: what the history holds of a range, and the gaps', () => {
  const want = { from: 0, to: 9 };

  it('is one gap when nothing is held, and one held part when all is', () => {
    expect(segments(want, [], 1)).toEqual([{ from: 0, to: 9, held: false }]);
    expect(segments(want, [{ from: -5, to: 20 }], 1)).toEqual([{ from: 0, to: 9, held: true }]);
  });

  it('cuts the range at each held span, in order, whatever order the spans come in', () => {
    expect(
      segments(
        want,
        [
          { from: 6, to: 7 },
          { from: 2, to: 3 },
        ],
        1,
      ),
    ).toEqual([
      { from: 0, to: 1, held: false },
      { from: 2, to: 3, held: true },
      { from: 4, to: 5, held: false },
      { from: 6, to: 7, held: true },
      { from: 8, to: 9, held: false },
    ]);
  });

  it('joins overlapping spans and ignores those outside the range', () => {
    expect(
      segments(
        want,
        [
          { from: -10, to: -1 },
          { from: 1, to: 4 },
          { from: 3, to: 5 },
          { from: 12, to: 20 },
        ],
        1,
      ),
    ).toEqual([
      { from: 0, to: 0, held: false },
      { from: 1, to: 4, held: true },
      { from: 5, to: 5, held: true },
      { from: 6, to: 9, held: false },
    ]);
  });

  it('steps by the interval', () => {
    expect(segments({ from: 0, to: 9 * HOUR }, [{ from: 3 * HOUR, to: 5 * HOUR }], HOUR)).toEqual([
      { from: 0, to: 2 * HOUR, held: false },
      { from: 3 * HOUR, to: 5 * HOUR, held: true },
      { from: 6 * HOUR, to: 9 * HOUR, held: false },
    ]);
  });
});

describe('fetchedSpan: what a fetched page proves held', () => {
  const gap = { from: T, to: T + 9 * MINUTE };
  const settled = gap.to + MINUTE + SETTLE_MS;

  it('is up to the page’s last candle while the gap goes on', () => {
    expect(fetchedSpan(gap, T, T + 4 * MINUTE, false, MINUTE, settled)).toEqual({
      from: T,
      to: T + 4 * MINUTE,
    });
  });

  it('is the whole rest of a settled gap on its last page, even where the exchange had nothing', () => {
    expect(fetchedSpan(gap, T + 5 * MINUTE, T + 6 * MINUTE, true, MINUTE, settled)).toEqual({
      from: T + 5 * MINUTE,
      to: gap.to,
    });
    expect(fetchedSpan(gap, T, undefined, true, MINUTE, settled)).toEqual(gap);
  });

  it('stops at the last candle sent while the gap’s end is recent', () => {
    expect(fetchedSpan(gap, T, T + 6 * MINUTE, true, MINUTE, settled - 1)).toEqual({
      from: T,
      to: T + 6 * MINUTE,
    });
    expect(fetchedSpan(gap, T, undefined, true, MINUTE, settled - 1)).toBeUndefined();
  });
});
