import { parseCandleRows, sliceSeries, type CandleSeries } from './candle-series';

const rows = [
  [0, '1.5', '2', '1', '1.75', '3', 59],
  [60, '1.75', '2.5', '1.5', '1.50000000000000000001', '4', 119],
  [120, '2', '3', '1.5', '2.5', '5', 179],
  [180, '2.5', '4', '2', '3', '6', 239],
];

function parsed(part: unknown[][]): CandleSeries {
  const result = parseCandleRows(part);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.series;
}

const plain = (series: CandleSeries) => ({
  length: series.length,
  doublesExact: series.doublesExact,
  columns: ['openTime', 'open', 'high', 'low', 'close', 'volume', 'closeTime'].map((c) =>
    Array.from(series[c as 'open']),
  ),
  exact: Array.from({ length: series.length }, (_, i) =>
    (['open', 'high', 'low', 'close'] as const).map((c) => series.exact(c, i)),
  ),
});

describe('sliceSeries', () => {
  const whole = parsed(rows);

  it.each([
    [0, 4],
    [1, 3],
    [2, 4],
    [0, 1],
    [3, 3],
  ])('candles [%i, %i) are the series of those rows alone', (from, to) => {
    expect(plain(sliceSeries(whole, from, to))).toEqual(plain(parsed(rows.slice(from, to))));
  });

  it('views the columns rather than copying them', () => {
    expect(sliceSeries(whole, 1, 3).close.buffer).toBe(whole.close.buffer);
  });

  it('refuses a window outside the series', () => {
    expect(() => sliceSeries(whole, 2, 5)).toThrow(RangeError);
    expect(() => sliceSeries(whole, 3, 2)).toThrow(RangeError);
    expect(() => sliceSeries(whole, -1, 2)).toThrow(RangeError);
  });
});
