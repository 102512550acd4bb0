import { randomUUID } from 'node:crypto';
import { type FieldError, InvalidInputError } from '../kernel/errors/validation.error';
import { findJsonShapeProblem } from '../common/json-shape';
import { CandleRowBytes } from './candle-row-bytes';
import { findCandleRows } from './candle-rows-json';
import {
  CandleSeriesBuilder,
  parseCandleRows,
  type ParsedSeries,
  seriesOfRows,
} from './candle-series';

/** Half a million candles is the promise; twice that still fits the body limit as numbers. */
export const MAX_BACKTEST_CANDLES = 1_000_000;

/** A backtest body read from its bytes. */
export interface BacktestBody {
  /** Every member but `candles`. */
  request: Record<string, unknown>;
  /**
   * The candles checked row by row, their errors for the caller to raise after the
   * request's own; undefined when the body gives none (a ranged request).
   */
  candles?: ParsedSeries;
}

/**
 * Reads a backtest body: a 400 when it is no JSON object, or is nested too deep or carries
 * a reserved key (json-shape.ts, as the API checks every other body). Candle rows that
 * findCandleRows can locate are parsed a slice at a time, so a million of them never exist
 * as a million arrays (nor the body as one string); any other body, and one whose slices
 * turn out not to be JSON, is parsed whole, which gives the same answer.
 */
export function readBacktestBody(bytes: Uint8Array): BacktestBody {
  return readSliced(bytes) ?? readWhole(bytes);
}

function readWhole(bytes: Uint8Array): BacktestBody {
  const { candles, ...request } = parseObject(decode(bytes));
  return { request, candles: candles === undefined ? undefined : checkCandles(candles) };
}

/**
 * The body with its candle rows found in its bytes: read in the same pass when every row has
 * the common shape (CandleRowBytes), else parsed a slice at a time.
 */
function readSliced(bytes: Uint8Array, readRows = true): BacktestBody | undefined {
  const reader = readRows ? new CandleRowBytes(MAX_BACKTEST_CANDLES) : undefined;
  const found = findCandleRows(
    bytes,
    reader && ((within, start) => reader.readArray(within, start)),
  );
  if (!found) return undefined;
  // A value no client can send stands in for the rows, so the rest parses as the whole
  // would; a second "candles" key (written with escapes, so not found) replaces it.
  const mark = `\u0000${randomUUID()}`;
  try {
    const request = parseObject(
      decode(bytes.subarray(0, found.start)) +
        JSON.stringify(mark) +
        decode(bytes.subarray(found.end)),
    );
    if (request.candles !== mark) return undefined;
    delete request.candles;
    if (found.count > MAX_BACKTEST_CANDLES) return { request, candles: tooMany(found.count) };
    if (reader?.rows) {
      const series = seriesOfRows(reader.rows, reader.count);
      // A row out of shape or order: the slices' parse says which.
      return series ? { request, candles: { ok: true, series } } : readSliced(bytes, false);
    }
    const builder = new CandleSeriesBuilder(found.count);
    for (const [start, end] of found.slices) {
      builder.add(JSON.parse(`[${decode(bytes.subarray(start, end))}]`) as unknown[]);
    }
    return { request, candles: builder.finish() };
  } catch {
    // Broken JSON, or a body the scanner misread: the whole parse tells which, and what.
    return undefined;
  }
}

/** The body as JSON.parse reads it; empty is `{}`, as body-parser has it. */
function parseObject(text: string): Record<string, unknown> {
  let body: unknown = {};
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new InvalidInputError([{ field: 'body', reason: 'is not valid JSON' }]);
    }
  }
  const problem = findJsonShapeProblem(body);
  if (problem) throw new InvalidInputError([problem]);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidInputError([{ field: 'body', reason: 'must be a JSON object' }]);
  }
  return body as Record<string, unknown>;
}

function checkCandles(candles: unknown): ParsedSeries {
  if (!Array.isArray(candles)) {
    return invalid({ field: 'candles', reason: 'must be an array of candle rows' });
  }
  return candles.length > MAX_BACKTEST_CANDLES ? tooMany(candles.length) : parseCandleRows(candles);
}

function tooMany(count: number): ParsedSeries {
  return invalid({
    field: 'candles',
    reason: `at most ${MAX_BACKTEST_CANDLES} candles, got ${count}`,
  });
}

function invalid(error: FieldError): ParsedSeries {
  return { ok: false, errors: [error] };
}

export function decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
