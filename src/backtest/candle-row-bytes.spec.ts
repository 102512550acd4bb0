import { CandleRowBytes } from './candle-row-bytes';

const bytesOf = (text: string) => new TextEncoder().encode(text);

/** The rows of the array `[text]`, read from bytes with at most `maxRows` of them. */
function read(text: string, maxRows = 10) {
  const bytes = bytesOf(` [${text}] ,"after"`);
  const reader = new CandleRowBytes(maxRows);
  const read = reader.readArray(bytes, 1);
  const { rows } = reader;
  if (!read || !rows) return undefined;
  expect(read).toEqual({ end: bytes.length - ' ,"after"'.length, count: reader.count });
  return Array.from({ length: read.count }, (_, r) =>
    [rows.openTime, rows.open, rows.high, rows.low, rows.close, rows.closeTime].map((c) => c[r]),
  );
}

describe('CandleRowBytes', () => {
  it('reads rows of numbers and decimal strings to the doubles Number() gives', () => {
    expect(
      read(
        '[0,"43250.12000000","43251.5","43249.99","43250.3","1.5",59999,"0",3],[60000,1,2,0.5,1.25,0,119999]',
      ),
    ).toEqual([
      [0, 43250.12, 43251.5, 43249.99, 43250.3, 59999],
      [60000, 1, 2, 0.5, 1.25, 119999],
    ]);
    const tricky = ['0.1', '0.3', '1.0000000000001', '123456789.012345', '0.000001'];
    for (const price of tricky) {
      expect(read(`[0,"${price}","${price}","${price}","${price}","1",1]`)?.[0][1]).toBe(
        Number(price),
      );
    }
  });

  it('reads an empty array', () => {
    expect(read('')).toEqual([]);
  });

  it.each([
    ['an exponent', '[0,1e2,1,1,1,1,1]'],
    ['a price String() prints with an exponent', '[0,"0.0000001",1,1,1,1,1]'],
    ['a sign', '[0,-1,1,1,1,1,1]'],
    ['16 significant digits', '[0,"1.000000000000001",1,1,1,1,1]'],
    ['an escape', '[0,1,1,1,1,1,1,"\\u0030"]'],
    ['a literal', '[0,1,1,1,1,1,1,null]'],
    ['a nested array', '[0,1,1,1,1,1,1,[]]'],
    ['a trailing comma', '[0,1,1,1,1,1,1,]'],
    ['a fractional time', '[0.5,1,1,1,1,1,1]'],
    ['a missing field', '[0,1,1,1,1,1]'],
    ['more rows than allowed', '[0,1,1,1,1,1,1],[1,1,1,1,1,1,2]'],
    ['a trailing comma after the rows', '[0,1,1,1,1,1,1],'],
  ])('leaves %s to the general parse', (_what, text) => {
    expect(read(text, 1)).toBeUndefined();
  });
});
