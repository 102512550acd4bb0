import type { ApiCandle } from '../chart/series';

/**
 * Binance kline rows (the CSV files of data.binance.vision or an export of GET /klines):
 * openTime, open, high, low, close, volume, closeTime, then fields the API ignores. A
 * header line, if any, is skipped. Binance writes spot times since 2025 in microseconds;
 * the API takes milliseconds.
 */
export function parseKlineCsv(text: string): ApiCandle[] {
  const candles: ApiCandle[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const fields = line.split(',').map((field) => field.trim());
    if (fields.length < 7 || !/^\d+$/.test(fields[0])) {
      if (line.trim() && index > 0) throw new Error(`line ${index + 1} is not a kline row`);
      return;
    }
    const time = (field: string) => {
      const value = Number(field);
      return value > 1e14 ? Math.floor(value / 1000) : value;
    };
    candles.push({
      openTime: time(fields[0]),
      open: fields[1],
      high: fields[2],
      low: fields[3],
      close: fields[4],
      volume: fields[5],
      closeTime: time(fields[6]),
    });
  });
  if (candles.length === 0) throw new Error('the file holds no kline rows');
  return candles;
}

/** Rows as the API takes them: `[openTime, open, high, low, close, volume, closeTime]`. */
export function candleRows(candles: readonly ApiCandle[]): (string | number)[][] {
  return candles.map((candle) => [
    candle.openTime,
    candle.open,
    candle.high,
    candle.low,
    candle.close,
    candle.volume,
    candle.closeTime,
  ]);
}

/**
 * The symbol a file of data.binance.vision is named after (`BTCUSDT-1h-2024-01.csv`), or
 * null for any other name.
 */
export function symbolOfFile(name: string): string | null {
  return /^([A-Z0-9]{5,20})-/.exec(name)?.[1] ?? null;
}
