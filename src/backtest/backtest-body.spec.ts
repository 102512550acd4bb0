import { InvalidInputError } from '../kernel/errors/validation.error';
import { findJsonShapeProblem } from '../common/json-shape';
import { MAX_BACKTEST_CANDLES, readBacktestBody } from './backtest-body';
import { findCandleRows } from './candle-rows-json';
import { type ParsedSeries, parseCandleRows, PRICE_COLUMN } from './candle-series';

const START = Date.UTC(2026, 0, 1);
const rowText = (i: number, format: 'strings' | 'numbers') => {
  const time = START + i * 60_000;
  const [o, h, l, c] = [100 + (i % 5), 106, 99, 100.5 + (i % 3)];
  return format === 'strings'
    ? `[${time},"${o}.000","${h}","${l}.10","${c}","1.5",${time + 59_999},"0",3]`
    : `[${time}, ${o}, ${h}, ${l}, ${c}, 1, ${time + 59_999}]`;
};
const rows = (n: number, format: 'strings' | 'numbers' = 'strings', from = 0) =>
  Array.from({ length: n }, (_, i) => rowText(from + i, format)).join(',\n ');
const body = (candles: string, rest = '"strategy":"ema-rsi","risk":{"positionSizeQuote":"1"}') =>
  `{${rest},"candles":[${candles}]}`;

/** What reading the body whole, with JSON.parse, gives: the answer either way must match. */
function whole(text: string): unknown {
  // A byte order mark is dropped, as TextDecoder (and body-parser before it) does.
  text = text.replace(/^\ufeff/, '');
  let parsed: unknown = {};
  try {
    if (text.length > 0) parsed = JSON.parse(text);
  } catch {
    return [{ field: 'body', reason: 'is not valid JSON' }];
  }
  const problem = findJsonShapeProblem(parsed);
  if (problem) return [problem];
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return [{ field: 'body', reason: 'must be a JSON object' }];
  }
  const { candles, ...request } = parsed as Record<string, unknown>;
  if (candles === undefined) return { request, candles: undefined };
  if (!Array.isArray(candles)) {
    return { request, candles: [{ field: 'candles', reason: 'must be an array of candle rows' }] };
  }
  return { request, candles: comparable(parseCandleRows(candles)) };
}

function read(text: string): unknown {
  try {
    const { request, candles } = readBacktestBody(new TextEncoder().encode(text));
    return { request, candles: candles && comparable(candles) };
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fieldErrors;
    throw error;
  }
}

function comparable(parsed: ParsedSeries) {
  if (!parsed.ok) return parsed.errors;
  const { series } = parsed;
  const prices = Object.keys(PRICE_COLUMN) as (keyof typeof PRICE_COLUMN)[];
  return {
    columns: [series.openTime, series.open, series.high, series.low, series.close].map((c) =>
      Array.from(c),
    ),
    doublesExact: series.doublesExact,
    // Every row of a short series, a sample of a long one.
    exact: Array.from({ length: Math.min(series.length, 500) }, (_, k) => {
      const i = Math.floor((k * series.length) / Math.min(series.length, 500));
      return prices.map((p) => series.exact(p, i));
    }),
  };
}

describe('readBacktestBody', () => {
  it('reads 45,000 rows in slices to what the whole parse gives', () => {
    for (const format of ['strings', 'numbers'] as const) {
      const text = body(rows(45_000, format));
      expect(findCandleRows(new TextEncoder().encode(text))?.slices).toHaveLength(3);
      expect(read(text)).toEqual(whole(text));
    }
  });

  it.each([
    ['no candles', '{"strategy":"ema-rsi"}'],
    ['an empty array', body('')],
    ['candles first, spaces everywhere', ` { "candles" : [ ${rows(3)} ] , "strategy" : "x" } `],
    ['a bad row', body(`${rows(2)},[1,"2","1","3","2","1",2],${rows(1, 'strings', 5)}`)],
    ['brackets and escapes in strings', body(`[1,"]\\"[",2,3,4,5,6]`, '"a\\"b":"}{"')],
    [
      'a key escaped to candles after the array',
      `${body(rows(2)).slice(0, -1)},"cand\\u006ces":null}`,
    ],
    ['a key escaped to candles before it', `{"cand\\u006ces":null,"candles":[${rows(2)}]}`],
    ['candles twice', `{"candles":[${rows(1)}],"candles":[${rows(2)}]}`],
    ['candles null', '{"candles":null}'],
    ['candles in a nested object only', `{"risk":{"candles":[${rows(2)}]}}`],
    ['a nested row', body(`${rows(1)},[[1],2]`)],
    ['an object row', body(`${rows(1)},{"a":1}`)],
    ['broken JSON in a row', body(`${rows(1)},[1,,2]`)],
    ['a missing comma between rows', body(`${rows(1)} ${rows(1, 'strings', 1)}`)],
    ['trailing garbage', `${body(rows(1))} x`],
    ['a reserved key', `{"__proto__":{},"candles":[${rows(1)}]}`],
    ['nesting past the limit', `{"a":${'['.repeat(40)}${']'.repeat(40)},"candles":[${rows(1)}]}`],
    ['a JSON array', `[${rows(1)}]`],
    ['a byte order mark', `\ufeff${body(rows(1))}`],
    ['an empty body', ''],
  ])('reads %s as the whole parse does', (_what, text) => {
    expect(read(text)).toEqual(whole(text));
  });

  const t = (i: number) => START + i * 60_000;
  const one = (i: number, fields: string) => `[${t(i)},${fields},${t(i) + 59_999}]`;
  it.each([
    ['exponents', body(`${rows(2)},${one(2, '1e2,1.5E2,99,100,1')}`)],
    ['a negative price', body(`${one(0, '-1,2,1,1,1')}`)],
    ['a zero price', body(`${one(0, '0,2,0,1,1')}`)],
    ['a negative volume', body(`${one(0, '1,2,1,1,"-1"')}`)],
    ['leading zeros in strings', body(`${one(0, '"0100.50","0101","099.5","100","01"')}`)],
    ['a leading zero in a number', body(`${one(0, '0100,101,99,100,1')}`)],
    ['17 significant digits', body(`${one(0, '"100.00000000000001","101","99","100","1"')}`)],
    ['16 digits as a number', body(`${one(0, '100.0000000000001,101,99,100,1')}`)],
    ['tiny prices', body(`${one(0, '"0.00000001","0.00000002","0.00000001","0.00000002","0"')}`)],
    ['times as strings', body(`["${t(0)}","1","2","1","1","1","${t(0) + 59_999}"]`)],
    ['a fractional time', body(`[${t(0)}.5,"1","2","1","1","1",${t(0) + 59_999}]`)],
    ['a time past 2^53', body(`[9007199254740993,"1","2","1","1","1",9007199254740999]`)],
    ['a trailing comma in a row', body(`${rows(1)},${one(1, '1,2,1,1,1').slice(0, -1)},]`)],
    [
      'literals and escapes among the extra fields',
      body(`${rows(1)},${one(1, '1,2,1,1,1').slice(0, -1)},true,null,"a\\"b"]`),
    ],
    ['a point without digits', body(`${one(0, '"1.","2","1","1","1"')}`)],
    ['an empty string', body(`${one(0, '"","2","1","1","1"')}`)],
    ['a row out of order among good ones', body(`${rows(3)},${rows(1)},${rows(2, 'numbers', 3)}`)],
    ['a high below the low', body(`${rows(2)},${one(2, '100,99,101,100,1')}`)],
    ['too few fields', body(`${rows(1)},[${t(1)},"1","2","1","1","1"]`)],
    [
      'spaces and newlines inside rows',
      body(`[ ${t(0)} ,\n "1" ,\t2 , 1,1 ,"1", ${t(0) + 59_999} , "0" ]`),
    ],
  ])('reads a row with %s as the whole parse does', (_what, text) => {
    expect(read(text)).toEqual(whole(text));
  });

  it('counts the rows before it builds them', () => {
    const found = findCandleRows(new TextEncoder().encode(body(rows(3))));
    expect(found?.count).toBe(3);
    expect(read(`{"candles":[${'[],'.repeat(MAX_BACKTEST_CANDLES)}[]]}`)).toEqual({
      request: {},
      candles: [
        {
          field: 'candles',
          reason: `at most ${MAX_BACKTEST_CANDLES} candles, got ${MAX_BACKTEST_CANDLES + 1}`,
        },
      ],
    });
  });
});
