import { createReadStream } from 'node:fs';
import { type CsvError, type Parser, parse } from 'csv-parse';
import { ChunkDecoder } from './decode.js';
import { LineTracker } from './lines.js';
import { scanBrokenRecord } from './salvage.js';
import type { Sniffed } from './sniff.js';

/** Largest record csv-parse may buffer: several-MB cells are fine, a quote left open on a huge file is not. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

export interface RawRecord {
  cells: string[];
  /** 1-based physical line the record starts on. */
  line: number;
  /** Set when csv-parse gave up on this record and reading went on at the next line (see `resume`). */
  broken?: BrokenQuote;
}

/** A record csv-parse could not finish (a quote never closed, or larger than MAX_RECORD_BYTES). */
export interface BrokenQuote {
  code: 'CSV_QUOTE_NOT_CLOSED' | 'CSV_MAX_RECORD_SIZE';
  /** Line and 0-based cell of the quote that never closes, when one was found. */
  quoteLine: number | undefined;
  quoteCell: number;
  /** The line reading went on at. */
  resumeLine: number;
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

/** csv-parse errors after which the file can be read on from the line after the broken record's quote. */
const RESUMABLE = new Set(['CSV_QUOTE_NOT_CLOSED', 'CSV_MAX_RECORD_SIZE']);
/**
 * Each resume parses the rest of the file again (csv-parse only says a quote is unclosed at the end of its
 * input), so a file with many unclosed quotes would cost a pass per quote: after this many, reading stops.
 */
const MAX_RESUMES = 20;

/**
 * csv-parse (streaming) over the decoded file: yields raw records with the line they start on.
 * Blank lines come out as `['']`. A record csv-parse gives up on (a quote left open) comes out with `broken`
 * set, and a fresh parser reads on from the next line. After the iteration, `failure` says whether it stopped
 * early.
 */
export class RecordSource {
  failure: RecordFailure | undefined;
  readonly decoder: ChunkDecoder;
  private readonly tracker = new LineTracker();
  private queue: RawRecord[] = [];
  /** Offset, in the decoded text, where the next record starts. */
  private end = 0;
  private parseError: Error | undefined;
  private resumes = 0;

  /**
   * `chunkBytes`: how much is read and parsed at a time. Reading only the header row, a few KB do: 64 KB of
   * three files cost the main thread 80 ms of still-cold parsing before the reader thread could start.
   */
  constructor(
    private readonly path: string,
    readonly sniffed: Sniffed,
    private readonly chunkBytes = CHUNK_BYTES,
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
    this.open(0);
    const failed = () => this.failed();
    const write = (out: Buffer) => {
      tracker.push(out);
      if (out.length > 0) this.parser!.write(out);
    };
    const file = createReadStream(this.path, {
      start: this.sniffed.bomLength,
      highWaterMark: this.chunkBytes,
    });
    try {
      for await (const chunk of file as AsyncIterable<Buffer>) {
        write(decoder.decode(chunk));
        yield* this.settle();
        if (failed()) break;
      }
      if (!failed()) {
        write(decoder.end());
        for (;;) {
          if (!failed()) await finish(this.parser!);
          yield* this.settle();
          if (failed() || this.ended) break;
        }
      }
    } catch (error) {
      this.failure = { kind: 'io', error: error as Error };
      return;
    } finally {
      file.destroy();
      this.parser?.destroy();
    }
    const error = failed() as CsvError | undefined;
    if (error === undefined) return;
    const code = error.code;
    if (typeof code === 'string' && (code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE')) {
      const line = tracker.advanceTo(this.end);
      const start = this.end;
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

  private failed(): Error | undefined {
    return this.parseError ?? this.parser?.errored ?? undefined;
  }

  /** The current parser has taken all the input and finished (nothing left to resume). */
  private get ended(): boolean {
    return this.parser?.writableFinished === true;
  }

  /**
   * Yields the records queued, and resumes after a record csv-parse gave up on: the new parser is fed the text
   * already read after the restart point a chunk at a time, so no more than a chunk's records are held at once.
   */
  private *settle(): Generator<RawRecord[]> {
    for (;;) {
      if (this.queue.length > 0) yield this.take();
      const error = this.failed() as CsvError | undefined;
      if (error === undefined || !RESUMABLE.has(error.code) || this.resumes >= MAX_RESUMES) return;
      const refeed = this.resume();
      if (refeed === undefined) return;
      for (let at = 0; at < refeed.length && this.failed() === undefined; at += CHUNK_BYTES) {
        this.parser!.write(refeed.subarray(at, at + CHUNK_BYTES));
        if (this.queue.length > 0) yield this.take();
      }
    }
  }

  private take(): RawRecord[] {
    const records = this.queue;
    this.queue = [];
    return records;
  }

  /** A csv-parse parser whose records are queued with their line; `base` is the offset it starts reading at. */
  private open(base: number): Parser {
    const { tracker } = this;
    this.parseError = undefined;
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
      const line = tracker.advanceTo(this.end);
      const next = base + info.bytes;
      this.noteNul(this.end, next, line);
      this.end = next;
      this.queue.push({ cells: record as string[], line });
      return true;
    };
    parser.on('error', (error) => {
      if (this.parser === parser) this.parseError = error;
    });
    this.parser = parser;
    return parser;
  }
  private parser: Parser | undefined;

  /**
   * csv-parse gave up on the record at `end` (it reports an unclosed quote only at the end of its input, by then
   * holding the whole rest of the file as one cell). Queues the record cut at the end of the line its quote opens
   * on, and starts a new parser at the next line. Returns the text already read from there on, for `settle` to
   * feed it; undefined when there is no next line to go on at.
   */
  private resume(): Buffer | undefined {
    const { tracker } = this;
    const code = (this.failed() as CsvError).code as BrokenQuote['code'];
    const start = this.end;
    const line = tracker.advanceTo(start);
    const text = tracker.rest().toString('utf8');
    const found = scanBrokenRecord(text, this.sniffed.delimiter);
    const from = found.openQuoteAt ?? 0;
    const lineEnd = nextBreak(text, from);
    if (lineEnd === -1) return undefined;
    const after = text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? lineEnd + 2 : lineEnd + 1;
    const head = scanBrokenRecord(text.slice(0, lineEnd), this.sniffed.delimiter);
    const quoteLine =
      found.openQuoteAt === undefined
        ? undefined
        : tracker.lineAt(start + Buffer.byteLength(text.slice(0, found.openQuoteAt), 'utf8'));
    const resumeAt = start + Buffer.byteLength(text.slice(0, after), 'utf8');
    this.noteNul(start, resumeAt, line);
    const resumeLine = tracker.advanceTo(resumeAt);
    this.queue.push({
      cells: head.cells.map(shorten),
      line,
      broken: { code, quoteLine, quoteCell: found.openQuoteCell, resumeLine },
    });
    this.end = resumeAt;
    this.resumes++;
    this.parser?.destroy();
    this.open(resumeAt);
    return tracker.rest();
  }

  private noteNul(start: number, end: number, startLine: number): void {
    const offset = this.decoder.firstNulOffset;
    if (offset === undefined || this.nulLine !== undefined || offset >= end) return;
    this.nulLine = offset <= start ? startLine : this.tracker.lineAt(offset);
  }
}

/** Waits until csv-parse has parsed all it was given (or failed). */
function finish(parser: Parser): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => resolve();
    parser.once('finish', done).once('close', done).once('error', done);
    parser.end();
  });
}

/** Index of the first line break at or after `from`, or -1. */
function nextBreak(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  return lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
}

/** Longest salvaged cell kept: a broken record's text is shown to the user, not imported. */
const MAX_SALVAGED_CHARS = 200;

function shorten(cell: string): string {
  return cell.length > MAX_SALVAGED_CHARS ? `${cell.slice(0, MAX_SALVAGED_CHARS)}…` : cell;
}
