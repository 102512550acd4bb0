import type { FieldError } from '../kernel/errors/validation.error';

/** The price columns of a candle row, by their index in `[openTime, open, high, low, close, volume, closeTime]`. */
export const PRICE_COLUMN = { open: 1, high: 2, low: 3, close: 4 } as const;
export type PriceColumn = keyof typeof PRICE_COLUMN;

const VOLUME = 5;
const CLOSE_TIME = 6;
const ROW_LENGTH = 7;

/** A candle's numbers, one typed array each. */
export interface CandleColumns {
  readonly openTime: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly closeTime: Float64Array;
}

/**
 * Candles in columns of doubles, so the backtest loop touches only typed arrays, with the
 * exact decimals as given kept for the rare comparison a double cannot settle.
 */
export interface CandleSeries extends CandleColumns {
  readonly length: number;
  /**
   * True when every price is exactly the decimal its double prints as: comparing two
   * prices of the series as doubles is then exact.
   */
  readonly doublesExact: boolean;
  /**
   * A price as an exact decimal string: the shortest decimal of its double when that is the
   * number given (`"100.50000000"` gives `"100.5"`), else the text as given.
   */
  exact(column: PriceColumn, index: number): string;
}

export type ParsedSeries = { ok: true; series: CandleSeries } | { ok: false; errors: FieldError[] };

/** Enough to fix a request; listing 500,000 bad rows helps nobody. */
const MAX_REPORTED_ERRORS = 20;

const DECIMAL = /^\d+(\.\d+)?$/;
const INTEGER = /^\d+$/;

/**
 * Validates request rows `[openTime, open, high, low, close, volume, closeTime, ...]`
 * (numbers or decimal strings; Binance's extra kline fields are ignored) and builds the
 * series. Every error names its row: `candles[12]`.
 */
export function parseCandleRows(rows: readonly unknown[], field = 'candles'): ParsedSeries {
  const builder = new CandleSeriesBuilder(rows.length, field);
  builder.add(rows);
  return builder.finish();
}

/**
 * parseCandleRows over rows given a slice at a time, in order, so a large body need never
 * be one array of a million rows. Keeps no row: a price is kept as text only where its
 * double does not print as the same number.
 */
export class CandleSeriesBuilder {
  private readonly columns: CandleColumns;
  private readonly errors: FieldError[] = [];
  /** `[open, high, low, close]` as given, of the rows whose doubles are not exact. */
  private readonly inexact = new Map<number, string[]>();
  private previousOpen = -1;
  private next = 0;

  constructor(
    private readonly length: number,
    private readonly field = 'candles',
  ) {
    this.columns = candleColumns(length);
  }

  add(rows: readonly unknown[]): void {
    for (const row of rows) {
      if (this.errors.length >= MAX_REPORTED_ERRORS) return;
      this.addRow(row, this.next++);
    }
  }

  finish(): ParsedSeries {
    if (this.errors.length > 0) return { ok: false, errors: this.errors };
    if (this.next !== this.length) {
      throw new Error(`${this.next} candle rows added, ${this.length} announced`);
    }
    const { columns, inexact } = this;
    const exact = (column: PriceColumn, index: number) =>
      inexact.get(index)?.[PRICE_COLUMN[column] - 1] ?? String(columns[column][index]);
    return {
      ok: true,
      series: { length: this.length, ...columns, doublesExact: inexact.size === 0, exact },
    };
  }

  private addRow(row: unknown, i: number): void {
    const at = `${this.field}[${i}]`;
    if (!Array.isArray(row) || row.length < ROW_LENGTH) {
      this.errors.push({
        field: at,
        reason: 'must be [openTime, open, high, low, close, volume, closeTime]',
      });
      return;
    }
    const openTime = timeOf(row[0]);
    const closeTime = timeOf(row[CLOSE_TIME]);
    const problem =
      (Number.isNaN(openTime) && 'openTime must be a non-negative integer (ms)') ||
      (Number.isNaN(closeTime) && 'closeTime must be a non-negative integer (ms)') ||
      priceProblem(row);
    if (problem) {
      this.errors.push({ field: at, reason: problem });
      return;
    }
    const open = Number(row[1]);
    const high = Number(row[2]);
    const low = Number(row[3]);
    const close = Number(row[4]);
    const shape = shapeProblem({ openTime, closeTime, open, high, low, close }, this.previousOpen);
    if (shape) {
      this.errors.push({ field: at, reason: shape });
      return;
    }
    this.previousOpen = openTime;
    for (let c = 1; c <= 4; c++) {
      const value = row[c];
      if (typeof value === 'string' && !printsAs(value, Number(value))) {
        this.inexact.set(i, [row[1], row[2], row[3], row[4]].map(String));
        break;
      }
    }
    const { columns } = this;
    columns.openTime[i] = openTime;
    columns.open[i] = open;
    columns.high[i] = high;
    columns.low[i] = low;
    columns.close[i] = close;
    columns.volume[i] = Number(row[VOLUME]);
    columns.closeTime[i] = closeTime;
  }
}

/** Candle rows fetched from the exchange, already checked by it: a bad one is its fault. */
export function seriesFromExchangeRows(rows: readonly unknown[]): CandleSeries {
  const parsed = parseCandleRows(rows);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new Error(`the exchange sent an invalid candle: ${first.field} ${first.reason}`);
  }
  return parsed.series;
}

/**
 * The first `count` rows of columns read from a body's bytes (CandleRowBytes: every field
 * of its type and sign, every price exactly its double), as a series if every row is in
 * shape and order; undefined otherwise, for parseCandleRows to say which row and why.
 */
export function seriesOfRows(rows: CandleColumns, count: number): CandleSeries | undefined {
  const { openTime, open, high, low, close, volume, closeTime } = rows;
  let previousOpen = -1;
  for (let r = 0; r < count; r++) {
    if (!inShape(openTime[r], closeTime[r], open[r], high[r], low[r], close[r], previousOpen)) {
      return undefined;
    }
    previousOpen = openTime[r];
  }
  const view = (column: Float64Array) => column.subarray(0, count);
  return seriesFromColumns({
    openTime: view(openTime),
    open: view(open),
    high: view(high),
    low: view(low),
    close: view(close),
    volume: view(volume),
    closeTime: view(closeTime),
  });
}

/** A series of doubles (benchmarks, generated data): each price is exactly its double. */
export function seriesFromColumns(
  columns: Omit<CandleSeries, 'length' | 'doublesExact' | 'exact'>,
): CandleSeries {
  return {
    length: columns.close.length,
    ...columns,
    doublesExact: true,
    exact: (column, index) => String(columns[column][index]),
  };
}

/** Columns for `n` candles, zeroed. */
export function candleColumns(n: number): CandleColumns {
  return {
    openTime: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
    closeTime: new Float64Array(n),
  };
}

function timeOf(value: unknown): number {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : NaN;
  if (typeof value === 'string' && INTEGER.test(value)) return timeOf(Number(value));
  return NaN;
}

function priceProblem(row: unknown[]): string | null {
  const names = ['open', 'high', 'low', 'close'];
  for (let c = 1; c <= 4; c++) {
    if (!isDecimal(row[c]) || Number(row[c]) <= 0) {
      return `${names[c - 1]} must be a positive decimal (number or string), got ${show(row[c])}`;
    }
  }
  if (!isDecimal(row[VOLUME])) {
    return `volume must be a non-negative decimal (number or string), got ${show(row[VOLUME])}`;
  }
  return null;
}

function shapeProblem(
  c: {
    openTime: number;
    closeTime: number;
    open: number;
    high: number;
    low: number;
    close: number;
  },
  previousOpen: number,
): string | null {
  if (inShape(c.openTime, c.closeTime, c.open, c.high, c.low, c.close, previousOpen)) return null;
  if (c.openTime <= previousOpen) {
    return `openTime ${c.openTime} is not after the previous candle's ${previousOpen}: candles must be sorted oldest first, without duplicates`;
  }
  if (c.closeTime < c.openTime) return `closeTime ${c.closeTime} is before openTime ${c.openTime}`;
  if (c.high < c.low) return `high ${c.high} is below low ${c.low}`;
  if (c.open > c.high || c.close > c.high) return `high ${c.high} is below open or close`;
  return `low ${c.low} is above open or close`;
}

/** shapeProblem's rules as one test, for rows read without objects. */
function inShape(
  openTime: number,
  closeTime: number,
  open: number,
  high: number,
  low: number,
  close: number,
  previousOpen: number,
): boolean {
  return (
    openTime > previousOpen &&
    closeTime >= openTime &&
    high >= low &&
    open <= high &&
    close <= high &&
    open >= low &&
    close >= low
  );
}

function isDecimal(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0;
  return typeof value === 'string' && DECIMAL.test(value) && Number.isFinite(Number(value));
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Whether a decimal string is exactly the shortest decimal of its double ("42000.01000000"
 * is; "0.30000000000000000001" is not), ignoring insignificant zeros.
 */
function printsAs(text: string, value: number): boolean {
  const shortest = String(value);
  if (shortest === text) return true;
  let end = text.length;
  if (text.includes('.')) {
    while (text.charCodeAt(end - 1) === 48) end--;
    if (text.charCodeAt(end - 1) === 46) end--;
  }
  let start = 0;
  while (start < end - 1 && text.charCodeAt(start) === 48 && text.charCodeAt(start + 1) !== 46) {
    start++;
  }
  return text.slice(start, end) === shortest;
}

/**
 * Candles [from, to) of a series as a series of their own: the columns are views, not
 * copies; `doublesExact` is the slice's own, as parsing its rows alone would give.
 */
export function sliceSeries(series: CandleSeries, from: number, to: number): CandleSeries {
  if (
    !Number.isInteger(from) ||
    !Number.isInteger(to) ||
    from < 0 ||
    to < from ||
    to > series.length
  ) {
    throw new RangeError(`no slice [${from}, ${to}) of ${series.length} candles`);
  }
  const view = (column: Float64Array) => column.subarray(from, to);
  const columns = {
    openTime: view(series.openTime),
    open: view(series.open),
    high: view(series.high),
    low: view(series.low),
    close: view(series.close),
    volume: view(series.volume),
    closeTime: view(series.closeTime),
  };
  const exact = (column: PriceColumn, index: number) => series.exact(column, from + index);
  return {
    length: to - from,
    ...columns,
    doublesExact: series.doublesExact || pricesPrintAsDoubles(columns, exact, to - from),
    exact,
  };
}

function pricesPrintAsDoubles(
  columns: CandleColumns,
  exact: (column: PriceColumn, index: number) => string,
  length: number,
): boolean {
  const prices = Object.keys(PRICE_COLUMN) as PriceColumn[];
  for (let i = 0; i < length; i++) {
    for (const column of prices) {
      if (exact(column, i) !== String(columns[column][i])) return false;
    }
  }
  return true;
}
