import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

/** One CSV cell, quoted per RFC 4180 only when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  if (
    value.indexOf(',') < 0 &&
    value.indexOf('"') < 0 &&
    value.indexOf('\n') < 0 &&
    value.indexOf('\r') < 0
  ) {
    return value;
  }
  return `"${value.replaceAll('"', '""')}"`;
}

/** One CSV line; `plain[i]` true = cell `i` never needs quoting (ids, dates, numbers), which saves the check. */
export function csvLine(cells: readonly string[], plain?: readonly boolean[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ',';
    line += plain?.[i] ? cells[i]! : csvCell(cells[i]!);
  }
  return `${line}\n`;
}

const CHUNK_CHARS = 256 * 1024;

/**
 * Buffered CSV output: lines are collected into a chunk string and written in chunks; `write` reports
 * `true` when the caller should `await flush()` (which waits for 'drain' when the stream is full), so
 * memory stays bounded however many rows are written. UTF-8 without BOM, LF line ends.
 */
export class CsvOut {
  private readonly stream: WriteStream;
  private buffer = '';

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
  }

  /** Appends one line (already ending in "\n"); true = the chunk is full, call `flush()`. */
  write(line: string): boolean {
    this.buffer += line;
    return this.buffer.length >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    const done = once(this.stream, 'finish');
    this.stream.end();
    await done;
  }

  /** Stops writing after a failure (the partial file is left as it is). */
  destroy(): void {
    this.stream.destroy();
  }
}
