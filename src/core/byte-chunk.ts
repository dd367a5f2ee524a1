/**
 * Text lines encoded as UTF-8 straight into a buffer, for files written line by line (reports, the plan).
 * Joining a few thousand line strings into one before each write cost more than making the lines: the
 * joined string is copied once more to be flattened and once more to be encoded. Here each line is encoded
 * once, into the buffer that is written.
 */
export class ByteChunk {
  #buffer: Buffer;
  #used = 0;

  constructor(readonly size = 256 * 1024) {
    this.#buffer = Buffer.allocUnsafe(size);
  }

  /** Bytes appended and not yet taken. */
  get used(): number {
    return this.#used;
  }

  /** Appends `text`; false when it might not fit (take the chunk, then append again). */
  append(text: string): boolean {
    // A UTF-16 unit never takes more than 3 bytes in UTF-8 (a surrogate pair: 4 bytes for 2 units).
    if (this.#used + text.length * 3 > this.#buffer.length) {
      if (this.#used > 0) return false;
      // Longer than a whole chunk: it gets a buffer of its own.
      this.#buffer = Buffer.allocUnsafe(Buffer.byteLength(text, 'utf8'));
    }
    this.#used += this.#buffer.write(text, this.#used, 'utf8');
    return true;
  }

  /**
   * Hands the bytes appended so far to a synchronous `write`, then starts over in the same buffer (no new
   * buffer per chunk: a plan writes hundreds of them).
   */
  drainTo(write: (bytes: Buffer) => void): void {
    if (this.#used === 0) return;
    write(this.#buffer.subarray(0, this.#used));
    this.#used = 0;
    if (this.#buffer.length !== this.size) this.#buffer = Buffer.allocUnsafe(this.size);
  }

  /** The bytes appended so far; the chunk starts over in a new buffer (the taken one may still be in a write). */
  take(): Buffer {
    const bytes = this.#buffer.subarray(0, this.#used);
    this.#buffer = Buffer.allocUnsafe(this.size);
    this.#used = 0;
    return bytes;
  }
}
