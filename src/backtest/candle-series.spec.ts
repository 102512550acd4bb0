import { CandleSeriesBuilder, parseCandleRows } from './candle-series';

const row = (openTime: number, o: unknown, h: unknown, l: unknown, c: unknown) => [
  openTime,
  o,
  h,
  l,
  c,
  '1',
  openTime + 59_999,
];

describe('parseCandleRows', () => {
  it('takes numbers and decimal strings, and Binance rows with their extra fields', () => {
    const parsed = parseCandleRows([
      row(0, 100, 101, 99, 100.5),
      [...row(60_000, '100.50000000', '102', '100', '101.25'), '0', 3, '0', '0', '0'],
    ]);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(Array.from(parsed.series.close)).toEqual([100.5, 101.25]);
    // The same number as given, as the shortest decimal of its double: no row is kept.
    expect(parsed.series.exact('open', 1)).toBe('100.5');
    expect(parsed.series.doublesExact).toBe(true);
  });

  it.each([
    ['a row that is not an array', [row(0, 1, 1, 1, 1), { open: 1 }], 'candles[1]', 'must be ['],
    ['a row with too few fields', [[0, 1, 1, 1, 1, 1]], 'candles[0]', 'must be ['],
    [
      'NaN',
      [row(0, 1, 1, 1, 1), row(60_000, 1, 'NaN', 1, 1)],
      'candles[1]',
      'high must be a positive decimal',
    ],
    ['a null price', [row(0, null, 1, 1, 1)], 'candles[0]', 'open must be a positive decimal'],
    ['a negative price', [row(0, 1, 1, -1, 1)], 'candles[0]', 'low must be a positive decimal'],
    [
      'an exponent string',
      [row(0, '1e3', 1, 1, 1)],
      'candles[0]',
      'open must be a positive decimal',
    ],
    ['high below low', [row(0, 1, 1, 2, 1)], 'candles[0]', 'high 1 is below low 2'],
    ['a close above the high', [row(0, 1, 2, 1, 3)], 'candles[0]', 'high 2 is below open or close'],
    ['an open below the low', [row(0, 1, 3, 2, 2)], 'candles[0]', 'low 2 is above open or close'],
    ['unsorted rows', [row(60_000, 1, 1, 1, 1), row(0, 1, 1, 1, 1)], 'candles[1]', 'is not after'],
    [
      'a duplicate openTime',
      [row(0, 1, 1, 1, 1), row(0, 1, 1, 1, 1)],
      'candles[1]',
      'is not after',
    ],
    ['a fractional time', [row(0.5, 1, 1, 1, 1)], 'candles[0]', 'openTime must be'],
  ])('refuses %s, naming the row', (_what, rows, field, reason) => {
    const parsed = parseCandleRows(rows);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0].field).toBe(field);
    expect(parsed.errors[0].reason).toContain(reason);
  });

  it('lists at most 20 bad rows', () => {
    const rows = Array.from({ length: 100 }, (_, i) => row(i * 60_000, 1, 1, 2, 1));
    const parsed = parseCandleRows(rows);
    expect(parsed.ok ? 0 : parsed.errors.length).toBe(20);
  });

  it('notices prices a double cannot hold exactly, and keeps those as given', () => {
    const parsed = parseCandleRows([
      row(0, '0.1000000000000000000001', 1, 0.1, 1),
      row(60_000, '1.50', 2, 1, '1.25'),
    ]);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.series.doublesExact).toBe(false);
    expect(parsed.series.exact('open', 0)).toBe('0.1000000000000000000001');
    expect(parsed.series.exact('low', 0)).toBe('0.1');
    expect(parsed.series.exact('open', 1)).toBe('1.5');
  });

  it('builds the same series from slices of rows as from all of them', () => {
    const rows = Array.from({ length: 10 }, (_, i) =>
      row(i * 60_000, '100.10', '101.5', 99, i === 7 ? '100.30000000000000000001' : '100.25'),
    );
    const whole = parseCandleRows(rows);
    const builder = new CandleSeriesBuilder(rows.length);
    builder.add(rows.slice(0, 4));
    builder.add(rows.slice(4));
    const sliced = builder.finish();
    if (!whole.ok || !sliced.ok) throw new Error('rows');
    expect(sliced.series.doublesExact).toBe(false);
    for (const column of ['openTime', 'open', 'high', 'low', 'close', 'closeTime'] as const) {
      expect(sliced.series[column]).toEqual(whole.series[column]);
    }
    for (let i = 0; i < rows.length; i++) {
      expect(sliced.series.exact('close', i)).toBe(whole.series.exact('close', i));
    }
    expect(sliced.series.exact('close', 7)).toBe('100.30000000000000000001');

    const unsorted = new CandleSeriesBuilder(2);
    unsorted.add([row(60_000, 1, 1, 1, 1)]);
    unsorted.add([row(0, 1, 1, 1, 1)]);
    const refused = unsorted.finish();
    expect(refused.ok ? [] : refused.errors.map((error) => error.field)).toEqual(['candles[1]']);
  });
});
