import { candleRows, parseKlineCsv, symbolOfFile } from './backtest-csv';

describe('parseKlineCsv', () => {
  it('reads Binance kline rows, skipping a header and the fields past closeTime', () => {
    const csv =
      'open_time,open,high,low,close,volume,close_time,quote_volume\n' +
      '1767225600000,42000.1,42050,41980.5,42010,12.5,1767225659999,525000\n' +
      '1767225660000,42010,42020,42000,42015,3,1767225719999,126000\n';
    const candles = parseKlineCsv(csv);
    expect(candleRows(candles)).toEqual([
      [1767225600000, '42000.1', '42050', '41980.5', '42010', '12.5', 1767225659999],
      [1767225660000, '42010', '42020', '42000', '42015', '3', 1767225719999],
    ]);
  });

  it('turns the microseconds of Binance spot files since 2025 into milliseconds', () => {
    const [candle] = parseKlineCsv('1767225600000000,1,1,1,1,1,1767225659999999\r\n');
    expect([candle.openTime, candle.closeTime]).toEqual([1767225600000, 1767225659999]);
  });

  it('names a line that is not a kline row, and refuses a file without any', () => {
    expect(() => parseKlineCsv('1767225600000,1,1,1,1,1,1767225659999\nnot,a,row')).toThrow(
      'line 2 is not a kline row',
    );
    expect(() => parseKlineCsv('')).toThrow('no kline rows');
  });

  it('reads the symbol out of a data.binance.vision file name, and nothing out of others', () => {
    expect(symbolOfFile('BTCUSDT-1h-2024-01.csv')).toBe('BTCUSDT');
    expect(symbolOfFile('1000SATSUSDT-1m-2025-03-01.csv')).toBe('1000SATSUSDT');
    expect(symbolOfFile('my candles.csv')).toBeNull();
    expect(symbolOfFile('btcusdt-1h.csv')).toBeNull();
  });
});
