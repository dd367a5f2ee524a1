import type { CsvEncoding } from './types.js';

/**
 * Turns the file's bytes, chunk by chunk, into UTF-8 bytes without NULs: what csv-parse is fed.
 * UTF-8 input passes through untouched (only NULs are cut out; 0x00 never occurs inside a multi-byte
 * sequence); other encodings go through TextDecoder in streaming mode, so a character split across
 * two chunks is decoded once.
 */
export class ChunkDecoder {
  /** NUL characters removed so far. */
  nulCount = 0;
  /** Offset, in the output, of the first NUL removed (where it would have been). */
  firstNulOffset: number | undefined;
  private produced = 0;
  private readonly decoder: TextDecoder | undefined;

  constructor(encoding: CsvEncoding) {
    this.decoder =
      encoding === 'utf-8' || encoding === 'utf-8-bom'
        ? undefined
        : new TextDecoder(encoding, { ignoreBOM: true });
  }

  decode(chunk: Buffer): Buffer {
    const out = this.decoder
      ? this.fromText(this.decoder.decode(chunk, { stream: true }))
      : this.stripNul(chunk);
    this.produced += out.length;
    return out;
  }

  end(): Buffer {
    if (!this.decoder) return Buffer.alloc(0);
    const out = this.fromText(this.decoder.decode());
    this.produced += out.length;
    return out;
  }

  private stripNul(buf: Buffer): Buffer {
    let i = buf.indexOf(0);
    if (i === -1) return buf;
    const out = Buffer.allocUnsafe(buf.length);
    let written = 0;
    let start = 0;
    while (i !== -1) {
      written += buf.copy(out, written, start, i);
      this.noteNul(written);
      start = i + 1;
      i = buf.indexOf(0, start);
    }
    written += buf.copy(out, written, start);
    return out.subarray(0, written);
  }

  private fromText(text: string): Buffer {
    if (text.indexOf('\0') === -1) return Buffer.from(text, 'utf8');
    const parts = text.split('\0');
    let offset = 0;
    for (let i = 0; i < parts.length - 1; i++) {
      offset += Buffer.byteLength(parts[i]!, 'utf8');
      this.noteNul(offset);
    }
    return Buffer.from(parts.join(''), 'utf8');
  }

  private noteNul(offsetInChunk: number): void {
    if (this.firstNulOffset === undefined) this.firstNulOffset = this.produced + offsetInChunk;
    this.nulCount++;
  }
}
