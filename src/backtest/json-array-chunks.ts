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
    this.write((this.empty ? '[' : ',') + json);
    this.empty = false;
  }

  /** The whole array's text, `[` to `]`, in chunks of their own buffers (transferable). */
  end(): Uint8Array<ArrayBuffer>[] {
    this.write(this.empty ? '[]' : ']');
    this.chunks.push(this.chunk.slice(0, this.used));
    return this.chunks;
  }

  private write(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.chunk.length) {
      this.chunks.push(this.chunk.slice(0, this.used));
      this.chunk = new Uint8Array(Math.max(CHUNK_BYTES, text.length * 3));
      this.used = 0;
    }
    this.used += this.encoder.encodeInto(text, this.chunk.subarray(this.used)).written;
  }
}
