import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { candleFieldToLine, klineRowJson, readKlineBody } from './kline-csv';

describe('klineRowJson', () => {
  it('writes the first seven fields as the API takes them, prices as given', () => {
    expect(
      klineRowJson(
        '1767225600000,42000.10,42050,41980.5,42010,12.5,1767225659999,525000,12,6,250000,0',
        2,
      ),
    ).toBe('[1767225600000,"42000.10","42050","41980.5","42010","12.5",1767225659999]');
  });

  it('turns microseconds (Binance spot files since 2025) into milliseconds', () => {
    expect(klineRowJson('1767225600000000,1,2,0.5,1.5,10,1767225659999999', 1)).toBe(
      '[1767225600000,"1","2","0.5","1.5","10",1767225659999]',
    );
  });

  it('skips a header on the first line and blank lines, and names any other bad line', () => {
    expect(klineRowJson('open_time,open,high,low,close,volume,close_time', 1)).toBeUndefined();
    expect(klineRowJson('   ', 7)).toBeUndefined();
    expect(() => klineRowJson('open_time,open,high,low,close,volume,close_time', 3)).toThrow(
      'line 3 is not a kline row',
    );
    expect(() => klineRowJson('1767225600000,1,2,3', 4)).toThrow('line 4 is not a kline row');
  });

  it('leaves a closeTime that is not a whole number for the API to name', () => {
    expect(klineRowJson('1767225600000,1,2,0.5,1.5,10,soon', 2)).toBe(
      '[1767225600000,"1","2","0.5","1.5","10","soon"]',
    );
  });
});

describe('readKlineBody', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tradebot-csv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("streams the CSV into the request body, rows last, remembering each row's line", async () => {
    const file = join(dir, 'k.csv');
    writeFileSync(
      file,
      'open_time,open,high,low,close,volume,close_time\r\n' +
        '60000,1,2,0.5,1.5,10,119999\r\n\r\n' +
        '120000,1.5,2,1,1.2,11,179999\r\n',
    );
    const body = await readKlineBody(file, {
      strategy: 'ema-rsi',
      risk: { positionSizeQuote: '100' },
    });
    expect(body.rows).toBe(2);
    expect(body.lineOfRow).toEqual([2, 4]);
    expect(body.bytes).toBe(Buffer.concat(body.chunks).length);
    expect(JSON.parse(Buffer.concat(body.chunks).toString())).toEqual({
      strategy: 'ema-rsi',
      risk: { positionSizeQuote: '100' },
      candles: [
        [60000, '1', '2', '0.5', '1.5', '10', 119999],
        [120000, '1.5', '2', '1', '1.2', '11', 179999],
      ],
    });
  });

  it('splits a large file into chunks that join into one JSON body', async () => {
    const file = join(dir, 'big.csv');
    const lines = Array.from(
      { length: 30_000 },
      (_, i) => `${i * 60000},1.0,2.0,0.5,1.5,10.0,${i * 60000 + 59999}`,
    );
    writeFileSync(file, lines.join('\n'));
    const body = await readKlineBody(file, { strategy: 's', risk: { positionSizeQuote: '1' } });
    expect(body.chunks.length).toBeGreaterThan(1);
    const parsed = JSON.parse(Buffer.concat(body.chunks).toString());
    expect(parsed.candles).toHaveLength(30_000);
    expect(parsed.candles[29_999]).toEqual([
      29_999 * 60000,
      '1.0',
      '2.0',
      '0.5',
      '1.5',
      '10.0',
      29_999 * 60000 + 59999,
    ]);
  });

  it('names the file and line of a bad row, and refuses a file without rows', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '60000,1,2,0.5,1.5,10,119999\nnot,a,row\n');
    await expect(
      readKlineBody(bad, { strategy: 's', risk: { positionSizeQuote: '1' } }),
    ).rejects.toThrow(`${bad}: line 2 is not a kline row`);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'open_time,open\n');
    await expect(
      readKlineBody(empty, { strategy: 's', risk: { positionSizeQuote: '1' } }),
    ).rejects.toThrow(`${empty} holds no kline rows`);
  });
});

describe('candleFieldToLine', () => {
  it('names the CSV line of a row the API refused', () => {
    expect(candleFieldToLine('candles[1]: high must be …', [2, 4])).toBe(
      'line 4 (candles[1]): high must be …',
    );
    expect(candleFieldToLine('candles[9]: x', [2, 4])).toBe('candles[9]: x');
    expect(candleFieldToLine('risk.positionSizeQuote: must be …', [2])).toBe(
      'risk.positionSizeQuote: must be …',
    );
  });
});
