import { type CandleColumns, candleColumns } from './candle-series';
import {
  BACKSLASH,
  CLOSE_ARRAY,
  COMMA,
  DOT,
  NEWLINE,
  NINE,
  OPEN_ARRAY,
  QUOTE,
  RETURN,
  SPACE,
  TAB,
  ZERO,
} from './json-bytes';

/** Up to 15 significant digits a decimal is its double's shortest decimal, and m / 10^d exact. */
const MAX_DIGITS = 15;
/** String() prints a double in plain notation from 1e-6 up to 1e21, and with an exponent outside. */
const PLAIN_FROM = 1e-6;
const PLAIN_BELOW = 1e21;
/** Powers of ten a double holds exactly: m / 10^d is then one correctly rounded division. */
const POW10 = Array.from({ length: 23 }, (_, d) => 10 ** d);

/**
 * Reads a candles array of the common shape straight from a body's bytes, in one pass,
 * without JSON.parse or an array per row: `[openTime, open, high, low, close, volume,
 * closeTime, ...extra]` with times as digits, prices and volume as plain decimals of at
 * most 15 significant digits (numbers or strings), extra fields numbers or strings. Such a
 * decimal's double is `Number(text)` exactly (one correctly rounded division) and prints as
 * the text, so the columns are what parseCandleRows would build. Anything else (an exponent,
 * a sign, an escape, a literal, more digits, broken JSON, more rows than allowed) gives
 * undefined, and the caller reads the array the general way, which also words the errors.
 */
export class CandleRowBytes {
  /** The rows of the array read, once one is: `count` of them; their times are safe integers. */
  rows: CandleColumns | undefined;
  count = 0;
  private bytes: Uint8Array = new Uint8Array(0);
  private at = 0;

  constructor(private readonly maxRows: number) {}

  /** Reads the array whose `[` is at `start`: the index past its `]` and its rows' count. */
  readArray(bytes: Uint8Array, start: number): { end: number; count: number } | undefined {
    this.bytes = bytes;
    this.at = start;
    if (!this.take(OPEN_ARRAY)) return undefined;
    // Every row opens with a bracket: their count after this one bounds the rows.
    let capacity = 0;
    for (let i = bytes.indexOf(OPEN_ARRAY, this.at); i >= 0; i = bytes.indexOf(OPEN_ARRAY, i + 1)) {
      if (++capacity > this.maxRows) return undefined;
    }
    const rows = candleColumns(capacity);
    let count = 0;
    this.space();
    if (!this.take(CLOSE_ARRAY)) {
      do {
        this.space();
        if (count === capacity || !this.take(OPEN_ARRAY)) return undefined;
        const openTime = this.field(true);
        const open = this.next() ? this.field(false) : NaN;
        const high = this.next() ? this.field(false) : NaN;
        const low = this.next() ? this.field(false) : NaN;
        const close = this.next() ? this.field(false) : NaN;
        const volume = this.next() ? this.field(false) : NaN;
        const closeTime = this.next() ? this.field(true) : NaN;
        // NaN (a field not of the common shape) fails every comparison.
        if (!(plain(open) && plain(high) && plain(low) && plain(close) && volume >= 0)) {
          return undefined;
        }
        if (!(openTime >= 0 && closeTime >= 0) || !this.extraFields()) return undefined;
        rows.openTime[count] = openTime;
        rows.open[count] = open;
        rows.high[count] = high;
        rows.low[count] = low;
        rows.close[count] = close;
        rows.volume[count] = volume;
        rows.closeTime[count] = closeTime;
        count++;
      } while (this.next());
      if (!this.take(CLOSE_ARRAY)) return undefined;
    }
    this.rows = rows;
    this.count = count;
    return { end: this.at, count };
  }

  /** A plain number, or a string holding one: NaN when it is anything else. */
  private field(integer: boolean): number {
    this.space();
    const quoted = this.take(QUOTE);
    const value = this.decimal(integer, quoted);
    return quoted && !this.take(QUOTE) ? NaN : value;
  }

  /** Past the comma between two fields. */
  private next(): boolean {
    this.space();
    return this.take(COMMA);
  }

  /** Digits, and for a decimal a point and more digits, as a double; NaN otherwise. */
  private decimal(integer: boolean, quoted: boolean): number {
    const { bytes } = this;
    const first = this.at;
    let mantissa = 0;
    let digits = 0;
    let decimals = 0;
    let zeros = 0;
    let c = bytes[this.at];
    while (this.at < this.bytes.length && c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO);
      if (mantissa > 0) digits++;
      c = bytes[++this.at];
    }
    const whole = this.at - first;
    // JSON forbids a number's leading zero ("01"); a string may have them.
    if (whole === 0 || (!quoted && whole > 1 && bytes[first] === ZERO)) return NaN;
    if (c === DOT && this.at < this.bytes.length) {
      if (integer) return NaN;
      c = bytes[++this.at];
      const fractionStart = this.at;
      while (this.at < this.bytes.length && c >= ZERO && c <= NINE) {
        // Trailing zeros are insignificant: counted only once another digit follows them.
        if (c === ZERO) {
          zeros++;
        } else {
          digits += mantissa === 0 ? 1 : zeros + 1;
          decimals += zeros + 1;
          mantissa = mantissa * POW10[zeros + 1] + (c - ZERO);
          zeros = 0;
        }
        c = bytes[++this.at];
      }
      if (this.at === fractionStart) return NaN;
    }
    if (digits > MAX_DIGITS || decimals >= POW10.length) return NaN;
    return decimals === 0 ? mantissa : mantissa / POW10[decimals];
  }

  /** Past Binance's extra fields (numbers and strings without escapes) and the row's `]`. */
  private extraFields(): boolean {
    const { bytes } = this;
    while (this.next()) {
      this.space();
      if (this.take(QUOTE)) {
        while (this.at < this.bytes.length && bytes[this.at] !== QUOTE) {
          if (bytes[this.at] === BACKSLASH) return false;
          this.at++;
        }
        if (!this.take(QUOTE)) return false;
      } else if (Number.isNaN(this.decimal(false, false))) {
        return false;
      }
    }
    return this.take(CLOSE_ARRAY);
  }

  private take(byte: number): boolean {
    if (this.at >= this.bytes.length || this.bytes[this.at] !== byte) return false;
    this.at++;
    return true;
  }

  private space(): void {
    const { bytes } = this;
    while (this.at < this.bytes.length) {
      const c = bytes[this.at];
      if (c !== SPACE && c !== NEWLINE && c !== RETURN && c !== TAB) return;
      this.at++;
    }
  }
}

/** A positive price whose double prints as plain digits, as the text it was read from. */
function plain(price: number): boolean {
  return price >= PLAIN_FROM && price < PLAIN_BELOW;
}
