import { createReadStream } from 'node:fs';
import { type CsvError, parse } from 'csv-parse';
import { ChunkDecoder } from './decode.js';
import { LineTracker } from './lines.js';
import type { Sniffed } from './sniff.js';

/** Largest record csv-parse may buffer: several-MB cells are fine, a quote left open on a huge file is not. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

export interface RawRecord {
  cells: string[];
  /** 1-based physical line the record starts on. */
  line: number;
}

/** Why the records stopped before the end of the file. */
export type RecordFailure =
  | {
      kind: 'csv';
      error: CsvError;
      /** Line the unreadable record starts on. */
      line: number;
      /** Its text, from its first byte to the end of what was read. */
      rest: () => string;
      /** Line of a byte offset inside `rest` (in UTF-8 bytes from the record start). */
      lineAtRest: (byteOffset: number) => number;
    }
  | { kind: 'io'; error: Error };

/**
 * csv-parse (streaming) over the decoded file: yields raw records with the line they start on.
 * Blank lines come out as `['']`. After the iteration, `failure` says whether it stopped early.
 */
export class RecordSource {
  failure: RecordFailure | undefined;
  readonly decoder: ChunkDecoder;
  private readonly tracker = new LineTracker();

  constructor(
    private readonly path: string,
    readonly sniffed: Sniffed,
  ) {
    this.decoder = new ChunkDecoder(sniffed.encoding);
  }

  /** Line of the first NUL removed, once the reading has passed it. */
  get firstNulLine(): number | undefined {
    return this.nulLine;
  }
  private nulLine: number | undefined;

  async *batches(): AsyncGenerator<RawRecord[]> {
    const { decoder, tracker } = this;
    let queue: RawRecord[] = [];
    let end = 0;
    const parser = parse({
      delimiter: this.sniffed.delimiter,
      quote: '"',
      escape: '"',
      record_delimiter: ['\r\n', '\n', '\r'],
      bom: false,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_BYTES,
    });
    // Records are taken as csv-parse pushes them, synchronously while each chunk is written, and never go through
    // its readable side: an error then cannot discard records parsed before it, memory holds at most one chunk's
    // records, and no per-record info object is built (on_record/info would cost ~15%). At push time `info.bytes`
    // is the offset just past the record (csv-parse 7 sets it before pushing), i.e. where the next record starts.
    const info = parser.info;
    const push = parser.push.bind(parser);
    parser.push = (record: unknown): boolean => {
      if (record === null) return push(null);
      const line = tracker.advanceTo(end);
      const next = info.bytes;
      this.noteNul(end, next, line);
      end = next;
      queue.push({ cells: record as string[], line });
      return true;
    };
    let parseError: Error | undefined;
    parser.on('error', (error) => {
      parseError = error;
    });
    const failed = () => parseError ?? parser.errored ?? undefined;
    const write = (out: Buffer) => {
      tracker.push(out);
      if (out.length > 0) parser.write(out);
    };
    const file = createReadStream(this.path, { start: this.sniffed.bomLength, highWaterMark: CHUNK_BYTES });
    try {
      for await (const chunk of file as AsyncIterable<Buffer>) {
        write(decoder.decode(chunk));
        if (queue.length > 0) {
          const records = queue;
          queue = [];
          yield records;
        }
        if (failed()) break;
      }
      if (!failed()) {
        write(decoder.end());
        await new Promise<void>((resolve) => {
          const done = () => resolve();
          parser.once('finish', done).once('close', done).once('error', done);
          parser.end();
        });
        if (queue.length > 0) yield queue;
        queue = [];
      }
    } catch (error) {
      this.failure = { kind: 'io', error: error as Error };
      return;
    } finally {
      file.destroy();
      parser.destroy();
    }
    const error = failed() as CsvError | undefined;
    if (error === undefined) return;
    const code = error.code;
    if (typeof code === 'string' && (code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE')) {
      const line = tracker.advanceTo(end);
      const start = end;
      this.noteNul(start, Number.POSITIVE_INFINITY, line);
      this.failure = {
        kind: 'csv',
        error,
        line,
        rest: () => tracker.rest().toString('utf8'),
        lineAtRest: (byteOffset) => tracker.lineAt(start + byteOffset),
      };
    } else {
      this.failure = { kind: 'io', error };
    }
  }

  private noteNul(start: number, end: number, startLine: number): void {
    const offset = this.decoder.firstNulOffset;
    if (offset === undefined || this.nulLine !== undefined || offset >= end) return;
    this.nulLine = offset <= start ? startLine : this.tracker.lineAt(offset);
  }
}
