import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Schemas } from './api-client';
import { CliError } from '../cli-error';

/** A time above this is in microseconds: in milliseconds it would be past the year 5000. */
const MICROSECONDS_ABOVE = 1e14;

/**
 * One line of a Binance kline CSV (data.binance.vision's files, or an export of GET
 * /klines: openTime, open, high, low, close, volume, closeTime, then fields the API
 * ignores) as the JSON of the row the API takes, `[openTime,"open","high","low","close",
 * "volume",closeTime]`. Times become milliseconds (Binance writes spot times in
 * microseconds since 2025); prices stay the text they are, for the API to check. A header
 * on the first line and blank lines give undefined; anything else is an error naming the
 * line. The dashboard reads the same files the same way.
 */
export function klineRowJson(line: string, lineNumber: number): string | undefined {
  const fields = line.split(',').map((field) => field.trim());
  if (fields.length < 7 || !/^\d+$/.test(fields[0])) {
    if (line.trim() === '' || lineNumber === 1) return undefined;
    throw new CliError(
      `line ${lineNumber} is not a kline row (openTime,open,high,low,close,volume,closeTime,…)`,
    );
  }
  const time = (field: string) => {
    if (!/^\d+$/.test(field)) return JSON.stringify(field);
    const value = Number(field);
    return String(value > MICROSECONDS_ABOVE ? Math.floor(value / 1000) : value);
  };
  const text = fields.slice(1, 6).map((field) => JSON.stringify(field));
  return `[${time(fields[0])},${text.join(',')},${time(fields[6])}]`;
}

export interface KlineBody {
  /** The request's JSON, in chunks of about a megabyte. */
  chunks: Buffer[];
  bytes: number;
  rows: number;
  /** The CSV line of each row, to name the line of a row the API refuses. */
  lineOfRow: number[];
}

const CHUNK_BYTES = 1 << 20;

/**
 * Streams a kline CSV into the body of POST /api/backtests, `request` first and the rows
 * last, without holding the file as one string (a million rows are about 75 MB of JSON).
 */
export async function readKlineBody(
  file: string,
  request: Omit<Schemas['BacktestRequestDto'], 'candles'>,
  onProgress?: (rows: number) => void,
): Promise<KlineBody> {
  const head = JSON.stringify(request);
  const chunks: Buffer[] = [];
  let pending: string[] = [`${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"candles":[`];
  let pendingLength = pending[0].length;
  const lineOfRow: number[] = [];
  let lineNumber = 0;
  const flush = () => {
    chunks.push(Buffer.from(pending.join('')));
    pending = [];
    pendingLength = 0;
  };
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      lineNumber++;
      const row = klineRowJson(line, lineNumber);
      if (row === undefined) continue;
      const separated = lineOfRow.length === 0 ? row : `,${row}`;
      pending.push(separated);
      pendingLength += separated.length;
      lineOfRow.push(lineNumber);
      if (pendingLength >= CHUNK_BYTES) {
        flush();
        onProgress?.(lineOfRow.length);
      }
    }
  } catch (error) {
    if (error instanceof CliError) throw new CliError(`${file}: ${error.message}`);
    throw new CliError(`${file} cannot be read: ${(error as Error).message}`);
  }
  if (lineOfRow.length === 0) throw new CliError(`${file} holds no kline rows`);
  pending.push(']}');
  flush();
  return {
    chunks,
    bytes: chunks.reduce((sum, chunk) => sum + chunk.length, 0),
    rows: lineOfRow.length,
    lineOfRow,
  };
}

/** `candles[12]` in an API field error as the CSV line it came from. */
export function candleFieldToLine(field: string, lineOfRow: readonly number[]): string {
  return field.replace(/^candles\[(\d+)\]/, (whole, index: string) => {
    const line = lineOfRow[Number(index)];
    return line === undefined ? whole : `line ${line} (${whole})`;
  });
}
