import { EMA } from 'technicalindicators';
import { sampleCloses } from '../testing/sample-closes';
import { ema, EmaStream } from './ema';

describe('ema', () => {
  it('starts at the n-th close with the simple mean, then smooths with k = 2 / (n + 1)', () => {
    const out = ema([1, 2, 3, 4, 5], 3);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(2); // (1 + 2 + 3) / 3
    expect(out[3]).toBe(3); // 4 * 0.5 + 2 * 0.5
    expect(out[4]).toBe(4); // 5 * 0.5 + 3 * 0.5
  });

  it('is NaN everywhere when there are fewer closes than the period', () => {
    expect([...ema([1, 2], 3)]).toEqual([NaN, NaN]);
    expect(ema([], 3)).toHaveLength(0);
  });

  it.each([12, 26, 50])(
    'matches the SMA-seeded EMA(%i) of technicalindicators to 1e-9',
    (period) => {
      const closes = sampleCloses(100);
      const ours = ema(closes, period);
      const reference = EMA.calculate({ period, values: closes });
      // technicalindicators omits the warm-up: its first value is our index n - 1.
      expect(reference).toHaveLength(closes.length - period + 1);
      for (let i = 0; i < period - 1; i++) expect(ours[i]).toBeNaN();
      reference.forEach((value, j) => {
        expect(Math.abs(ours[j + period - 1] - value)).toBeLessThan(1e-9);
      });
    },
  );

  it('gives exactly the batch values when streamed one close at a time', () => {
    const closes = sampleCloses(300, 7);
    const batch = ema(closes, 20);
    const stream = new EmaStream(20);
    closes.forEach((close, i) => expect(Object.is(stream.update(close), batch[i])).toBe(true));
  });

  it.each([0, 1.5, NaN])('rejects period %p', (period) => {
    expect(() => new EmaStream(period)).toThrow(RangeError);
  });
});
