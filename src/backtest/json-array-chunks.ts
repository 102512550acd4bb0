/** About a megabyte of text per chunk: few chunks to pass around, none of them huge. */
const CHUNK_CHARS = 1 << 20;

/**
 * A JSON array written as UTF-8 chunks, element by element, so that a million elements
 * never become a million objects or one huge string on the way to bytes.
 */
export class JsonArrayChunks {
  private readonly encoder = new TextEncoder();
  private readonly chunks: Uint8Array<ArrayBuffer>[] = [];
  private pending: string[] = [];
  private pendingChars = 0;

  /** Appends elements given as their JSON text: one, or several joined by commas. */
  add(json: string): void {
    this.pending.push(json);
    this.pendingChars += json.length;
    if (this.pendingChars >= CHUNK_CHARS) this.flush();
  }

  /** The whole array's text, `[` to `]`, in chunks of their own buffers (transferable). */
  end(): Uint8Array<ArrayBuffer>[] {
    this.flush();
    if (this.chunks.length === 0) return [this.encoder.encode('[]')];
    this.chunks.push(this.encoder.encode(']'));
    return this.chunks;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const lead = this.chunks.length === 0 ? '[' : ',';
    this.chunks.push(this.encoder.encode(lead + this.pending.join(',')));
    this.pending = [];
    this.pendingChars = 0;
  }
}
