import { RSI } from 'technicalindicators';
import { sampleCloses } from '../testing/sample-closes';
import { rsi, RsiStream } from './rsi';

describe('rsi', () => {
  it('needs n + 1 closes, seeds with simple means, then smooths the Wilder way', () => {
    // Changes +1, -1, +1: seed averages 0.5 / 0.5 -> 50; then gain (0.5 + 1) / 2 = 0.75,
    // loss (0.5 + 0) / 2 = 0.25 -> RS 3 -> 75.
    const out = rsi([1, 2, 1, 2], 2);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(50);
    expect(out[3]).toBe(75);
  });

  it('is 100 with no losses, 50 when flat and 0 with no gains', () => {
    expect(rsi([1, 2, 3, 4, 5, 6], 3).slice(3)).toEqual(Float64Array.of(100, 100, 100));
    expect(rsi([5, 5, 5, 5, 5], 3).slice(3)).toEqual(Float64Array.of(50, 50));
    expect(rsi([6, 5, 4, 3, 2], 3).slice(3)).toEqual(Float64Array.of(0, 0));
  });

  it('turns 100 into a real value once a loss comes after a loss-free seed', () => {
    const out = rsi([1, 2, 3, 4, 3], 3);
    expect(out[3]).toBe(100);
    // gain (1 * 2 + 0) / 3 = 2/3, loss (0 * 2 + 1) / 3 = 1/3 -> RS 2
    expect(out[4]).toBeCloseTo(100 - 100 / 3, 12);
  });

  it.each([14, 2, 30])(
    'matches the Wilder RSI(%i) of technicalindicators within its 2-decimal rounding',
    (period) => {
      const closes = sampleCloses(100);
      const ours = rsi(closes, period);
      const reference = RSI.calculate({ period, values: closes });
      // technicalindicators omits the warm-up: its first value is our index n.
      expect(reference).toHaveLength(closes.length - period);
      for (let i = 0; i < period; i++) expect(ours[i]).toBeNaN();
      reference.forEach((value, j) => {
        expect(Math.abs(ours[j + period] - value)).toBeLessThanOrEqual(0.005);
      });
    },
  );

  it('gives exactly the batch values when streamed one close at a time', () => {
    const closes = sampleCloses(300, 7);
    const batch = rsi(closes, 14);
    const stream = new RsiStream(14);
    closes.forEach((close, i) => expect(Object.is(stream.update(close), batch[i])).toBe(true));
  });

  it.each([0, 2.5, -1])('rejects period %p', (period) => {
    expect(() => new RsiStream(period)).toThrow(RangeError);
  });
});
