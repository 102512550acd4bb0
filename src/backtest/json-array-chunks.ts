import { CLOSE_ARRAY, COMMA, OPEN_ARRAY, ZERO } from './json-bytes';

/** About a megabyte per chunk: few chunks to pass around, none of them huge. */
const CHUNK_BYTES = 1 << 20;

/**
 * A JSON array written as UTF-8 chunks, element by element, so that a million elements
 * never become a million objects or one huge string on the way to bytes.
 */
export class JsonArrayChunks {
  private readonly encoder = new TextEncoder();
  private readonly chunks: Uint8Array<ArrayBuffer>[] = [];
  private chunk = new Uint8Array(CHUNK_BYTES);
  private used = 0;
  private empty = true;

  /** Appends elements given as their JSON text: one, or several joined by commas. */
  add(json: string): void {
    this.element(json.length * 3);
    this.used += this.encoder.encodeInto(json, this.chunk.subarray(this.used)).written;
  }

  /**
   * Appends one element from parts, without building its text: the pre-encoded `pieces[0]`,
   * `integer` (non-negative, safe), `pieces[1]`, `ascii` (ASCII only, written as is), `pieces[2]`.
   */
  addParts(pieces: readonly Uint8Array[], integer: number, ascii: string): void {
    this.element(pieces[0].length + 16 + pieces[1].length + ascii.length + pieces[2].length);
    this.bytes(pieces[0]);
    this.integer(integer);
    this.bytes(pieces[1]);
    const { chunk } = this;
    let at = this.used;
    for (let i = 0; i < ascii.length; i++) chunk[at++] = ascii.charCodeAt(i);
    this.used = at;
    this.bytes(pieces[2]);
  }

  /** The whole array's text, `[` to `]`, in chunks, each the view of a buffer of its own (transferable). */
  end(): Uint8Array<ArrayBuffer>[] {
    this.room(2);
    if (this.empty) this.chunk[this.used++] = OPEN_ARRAY;
    this.chunk[this.used++] = CLOSE_ARRAY;
    this.chunks.push(this.chunk.subarray(0, this.used));
    return this.chunks;
  }

  /** Room for an element of at most `bytes` and its separator, and the separator. */
  private element(bytes: number): void {
    this.room(bytes + 1);
    this.chunk[this.used++] = this.empty ? OPEN_ARRAY : COMMA;
    this.empty = false;
  }

  private room(bytes: number): void {
    if (this.used + bytes <= this.chunk.length) return;
    // A view, not a copy: each chunk has a buffer of its own to transfer, nearly full.
    this.chunks.push(this.chunk.subarray(0, this.used));
    this.chunk = new Uint8Array(Math.max(CHUNK_BYTES, bytes));
    this.used = 0;
  }

  /** A few bytes: a loop, as `TypedArray#set` costs more to call than it copies here. */
  private bytes(bytes: Uint8Array): void {
    const { chunk } = this;
    let at = this.used;
    for (let i = 0; i < bytes.length; i++) chunk[at++] = bytes[i];
    this.used = at;
  }

  /**
   * In two halves below 10^8 each: V8 divides an int32 by 10 with a multiplication, where a
   * double, such as a time in milliseconds, takes a division per digit.
   */
  private integer(value: number): void {
    const high = Math.floor(value / 1e8);
    const low = value - high * 1e8;
    if (high === 0) {
      this.digits(low, 1);
      return;
    }
    this.digits(high, 1);
    this.digits(low, 8);
  }

  /** An int32's digits, left-padded with zeros to at least `width`. */
  private digits(value: number, width: number): void {
    let count = 1;
    for (let rest = value; rest >= 10; rest = (rest / 10) | 0) count++;
    if (count < width) count = width;
    const { chunk } = this;
    this.used += count;
    let at = this.used;
    for (let rest = value | 0; count > 0; count--) {
      const next = (rest / 10) | 0;
      chunk[--at] = ZERO + rest - next * 10;
      rest = next;
    }
  }
}
