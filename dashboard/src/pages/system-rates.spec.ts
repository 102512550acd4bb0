import { tickCountsInWords, tickRates } from './system-rates';

const sample = (at: number, held: number, skipped: number) => ({
  at,
  ticks: [
    { outcome: 'held', count: held },
    { outcome: 'skipped_locked', count: skipped },
  ],
});

describe('tickRates', () => {
  it('divides the counters’ growth by the seconds between two reports', () => {
    expect(tickRates(sample(1000, 10, 1), sample(3000, 30, 5))).toEqual({
      perSecond: 12,
      skippedPerSecond: 2,
    });
  });

  it('has no rate before a second report, or across a restart that reset the counters', () => {
    expect(tickRates(undefined, sample(1000, 10, 1))).toBeUndefined();
    expect(tickRates(sample(1000, 10, 1), sample(3000, 2, 0))).toBeUndefined();
    expect(tickRates(sample(1000, 10, 1), sample(1000, 12, 1))).toBeUndefined();
  });
});

describe('tickCountsInWords', () => {
  it('names each outcome in words, largest first, and leaves out what never happened', () => {
    expect(
      tickCountsInWords([
        { outcome: 'skipped_duplicate', count: 3 },
        { outcome: 'held', count: 196 },
        { outcome: 'ordered', count: 0 },
        { outcome: 'order_in_flight', count: 2 },
        { outcome: 'something_new', count: 1 },
      ]),
    ).toEqual(['held 196', 'skipped, done already 3', 'waited on an order 2', 'something new 1']);
  });
});
