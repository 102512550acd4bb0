import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  NEWLINE,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  RETURN,
  SPACE,
  TAB,
} from './json-bytes';

/** Rows per slice: about 1.5 MB of text, parsed and dropped before the next. */
const ROWS_PER_SLICE = 20_000;

const CANDLES_KEY = new TextEncoder().encode('"candles"');

/** Where a body's candle rows are, found in its bytes. */
export interface CandleRowsInJson {
  /** The candles array's `[start, end)` in the body's bytes. */
  start: number;
  end: number;
  /** How many rows the array holds. */
  count: number;
  /**
   * `[start, end)` byte ranges of consecutive whole rows, comma-separated, in order; none
   * when `readArray` read the rows.
   */
  slices: [number, number][];
}

/**
 * Reads a candles array whole, from its `[` at `start`: the index past its `]` and how many
 * rows it holds, or undefined to have the rows cut into slices instead.
 */
export type CandleArrayReader = (
  bytes: Uint8Array,
  start: number,
) => { end: number; count: number } | undefined;

/**
 * Finds a JSON body's top-level `"candles"` array of flat rows (arrays of strings, numbers
 * and literals) in its bytes and cuts it into slices of whole rows, so the rows can be
 * parsed a slice at a time instead of a million at once. Anything else (no such array, a
 * nested or odd row, a duplicate or escaped key, broken JSON) gives undefined: the caller
 * then parses the body whole, and JSON.parse stays the judge of what every body says.
 * `readArray`, when given, reads the rows in the same pass.
 */
export function findCandleRows(
  bytes: Uint8Array,
  readArray?: CandleArrayReader,
): CandleRowsInJson | undefined {
  const scan = new Scanner(bytes);
  let found: CandleRowsInJson | undefined;
  if (!scan.take(OPEN_OBJECT)) return undefined;
  do {
    scan.space();
    const keyStart = scan.at;
    if (!scan.string()) return undefined;
    const isCandles = scan.matches(keyStart, CANDLES_KEY);
    scan.space();
    if (!scan.take(COLON)) return undefined;
    scan.space();
    const start = scan.at;
    if (isCandles) {
      if (found) return undefined;
      const read = readArray?.(bytes, start);
      if (read) {
        scan.at = read.end;
        found = { start, end: read.end, count: read.count, slices: [] };
      } else {
        const rows = scan.rows();
        if (!rows) return undefined;
        found = { start, end: scan.at, ...rows };
      }
    } else if (!scan.value()) {
      return undefined;
    }
    scan.space();
  } while (scan.take(COMMA));
  if (!scan.take(CLOSE_OBJECT)) return undefined;
  scan.space();
  return scan.done() ? found : undefined;
}

/** A cursor over JSON bytes that only finds boundaries; it never decodes a value. */
class Scanner {
  at = 0;

  constructor(private readonly bytes: Uint8Array) {}

  done(): boolean {
    return this.at === this.bytes.length;
  }

  space(): void {
    const { bytes } = this;
    while (this.at < bytes.length) {
      const c = bytes[this.at];
      if (c !== SPACE && c !== NEWLINE && c !== RETURN && c !== TAB) return;
      this.at++;
    }
  }

  take(byte: number): boolean {
    if (this.bytes[this.at] !== byte) return false;
    this.at++;
    return true;
  }

  matches(start: number, expected: Uint8Array): boolean {
    if (this.at - start !== expected.length) return false;
    return expected.every((byte, i) => this.bytes[start + i] === byte);
  }

  /** Past a string that starts here, escapes included. */
  string(): boolean {
    const { bytes } = this;
    if (!this.take(QUOTE)) return false;
    while (this.at < bytes.length) {
      const c = bytes[this.at++];
      if (c === BACKSLASH) this.at++;
      else if (c === QUOTE) return true;
    }
    return false;
  }

  /** Past any value: a string, brackets to their match, or a literal up to what ends it. */
  value(): boolean {
    const { bytes } = this;
    let depth = 0;
    while (this.at < bytes.length) {
      const c = bytes[this.at];
      if (c === QUOTE) {
        if (!this.string()) return false;
      } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
        depth++;
        this.at++;
      } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
        if (depth === 0) return true;
        depth--;
        this.at++;
      } else if (c === COMMA && depth === 0) {
        return true;
      } else {
        this.at++;
      }
      if (depth === 0 && (c === QUOTE || c === CLOSE_ARRAY || c === CLOSE_OBJECT)) return true;
    }
    return depth === 0;
  }

  /** Past an array of flat rows, noting where every ROWS_PER_SLICE rows end. */
  rows(): { count: number; slices: [number, number][] } | undefined {
    if (!this.take(OPEN_ARRAY)) return undefined;
    const slices: [number, number][] = [];
    let count = 0;
    let sliceStart = -1;
    this.space();
    if (this.take(CLOSE_ARRAY)) return { count, slices };
    do {
      this.space();
      const rowStart = this.at;
      if (!this.flatRow()) return undefined;
      count++;
      if (sliceStart < 0) sliceStart = rowStart;
      if (count % ROWS_PER_SLICE === 0) {
        slices.push([sliceStart, this.at]);
        sliceStart = -1;
      }
      const rowEnd = this.at;
      this.space();
      if (this.take(CLOSE_ARRAY)) {
        if (sliceStart >= 0) slices.push([sliceStart, rowEnd]);
        return { count, slices };
      }
    } while (this.take(COMMA));
    return undefined;
  }

  /** Past `[…]` holding no array or object. */
  private flatRow(): boolean {
    const { bytes } = this;
    if (!this.take(OPEN_ARRAY)) return false;
    while (this.at < bytes.length) {
      const c = bytes[this.at];
      if (c === QUOTE) {
        if (!this.string()) return false;
      } else if (c === CLOSE_ARRAY) {
        this.at++;
        return true;
      } else if (c === OPEN_ARRAY || c === OPEN_OBJECT || c === CLOSE_OBJECT) {
        return false;
      } else {
        this.at++;
      }
    }
    return false;
  }
}
