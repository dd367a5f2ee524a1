/**
 * Maps byte offsets of the text fed to csv-parse to 1-based physical line numbers.
 * A line ends at `\r\n`, `\n` or a lone `\r`, inside quoted cells too: the line is where the record
 * starts in the file as an editor shows it. Only the bytes from the current record on are kept,
 * so memory is bounded by the largest record, not the file.
 */
export class LineTracker {
  private chunks: Buffer[] = [];
  /** Offset of chunks[0][0]. */
  private base = 0;
  /** Offset of the cursor, its line, and whether the byte before it is `\r`. */
  private offset = 0;
  private line = 1;
  private afterCr = false;

  push(chunk: Buffer): void {
    if (chunk.length > 0) this.chunks.push(chunk);
  }

  /** Moves the cursor forward to `offset` and returns the line it is on. */
  advanceTo(offset: number): number {
    const { line, afterCr } = this.walk(offset);
    this.line = line;
    this.afterCr = afterCr;
    this.offset = offset;
    while (this.chunks.length > 0 && this.base + this.chunks[0]!.length <= offset) {
      this.base += this.chunks.shift()!.length;
    }
    return line;
  }

  /** The line `offset` (at or after the cursor) is on, without moving the cursor. */
  lineAt(offset: number): number {
    return this.walk(offset).line;
  }

  /** The bytes from the cursor to the end of what was pushed. */
  rest(): Buffer {
    const all = Buffer.concat(this.chunks);
    return all.subarray(this.offset - this.base);
  }

  private walk(target: number): { line: number; afterCr: boolean } {
    let line = this.line;
    let afterCr = this.afterCr;
    let chunkStart = this.base;
    for (const chunk of this.chunks) {
      const chunkEnd = chunkStart + chunk.length;
      if (chunkEnd > this.offset) {
        const from = Math.max(this.offset, chunkStart) - chunkStart;
        const to = Math.min(target, chunkEnd) - chunkStart;
        if (to > from) {
          line += countBreaks(chunk.subarray(from, to), afterCr);
          afterCr = chunk[to - 1] === 13;
        }
      }
      if (chunkEnd >= target) break;
      chunkStart = chunkEnd;
    }
    return { line, afterCr };
  }
}

/** Line breaks in `buf`: every `\r`, and every `\n` not preceded by `\r` (so `\r\n` counts once). */
export function countBreaks(buf: Buffer, afterCr: boolean): number {
  let n = 0;
  for (let i = buf.indexOf(13); i !== -1; i = buf.indexOf(13, i + 1)) n++;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) {
    if (i === 0 ? !afterCr : buf[i - 1] !== 13) n++;
  }
  return n;
}

/** Same count for a string. */
export function countBreaksInText(text: string): number {
  return countBreaks(Buffer.from(text, 'utf8'), false);
}
