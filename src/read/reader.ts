import type { Issue } from '../core/issues.js';
import type { SourceRow } from '../core/rows.js';
import { isIdHeader, looksExcelMangled } from './excel.js';
import { isEmptyRecord, type TrailerKind, trailerKind } from './footer.js';
import { cleanHeaders } from './headers.js';
import { InvalidUtf8Notes } from './invalid-utf8.js';
import { countBreaksInText } from './lines.js';
import { MAX_RECORD_BYTES, type RawRecord, RecordSource } from './records.js';
import { scanBrokenRecord } from './salvage.js';
import { type Sniffed, sniffFile } from './sniff.js';
import { SpanningCells } from './spanning.js';
import type { CsvFileInfo, ReadOptions, ReadStats } from './types.js';
import { setValue } from './values.js';

/** Trailing candidates (footer lines, blank or empty rows) held back before they are known to be the end. */
const MAX_PENDING = 1000;
/** One-cell lines that may end a report footer (the org's name): more are data. */
const MAX_TEXT_LINES = 2;

/**
 * Sniffs the encoding and delimiter and reads and cleans the header row only.
 * File-level problems (empty, Excel, not CSV) and duplicate headers go to `onIssue`; a file that cannot be read
 * as CSV gives `headers: []`. Throws ImportError('INPUT') only when the path cannot be opened.
 */
/** Bytes read at a time while looking for the header row. */
const HEADER_CHUNK_BYTES = 4096;

export async function inspectCsv(path: string, options: ReadOptions = {}): Promise<CsvFileInfo> {
  const report = options.onIssue ?? (() => {});
  const sniff = await sniffFile(path);
  if (!sniff.ok) {
    report(sniff.issue);
    return { path, encoding: 'utf-8', delimiter: ',', headers: [] };
  }
  const { encoding, delimiter } = sniff.sniffed;
  // Only the header row is wanted: read a little at a time (a longer header row just takes more reads).
  const source = new RecordSource(path, sniff.sniffed, HEADER_CHUNK_BYTES);
  let headers: string[] = [];
  let skipSep = sniff.sniffed.sepLine;
  search: for await (const batch of source.batches()) {
    for (const record of batch) {
      if (skipSep) {
        skipSep = false;
        continue;
      }
      if (record.broken) {
        report(brokenIssue(path, record, undefined));
        break search;
      }
      if (isEmptyRecord(record.cells)) continue;
      const clean = cleanHeaders(record.cells, path, record.line);
      for (const issue of clean.issues) report(issue);
      headers = clean.headers;
      break search;
    }
  }
  if (headers.length === 0) reportHeaderFailure(path, source, report);
  return { path, encoding, delimiter, headers, format: sniff.sniffed };
}

/**
 * Streams the data rows of a CSV export. Each row carries the file (as given) and the physical line its record
 * starts on; a row that could not be read faithfully (ragged, unterminated quote) is yielded with `error` set
 * and the values salvaged by position. Bad content never throws: it is reported through `onIssue` (see
 * ReadOptions) and what can be read is read. Throws ImportError('INPUT') only when the path cannot be opened.
 */
export async function* readCsvRows(path: string, options: ReadOptions = {}): AsyncGenerator<SourceRow> {
  const report = options.onIssue ?? (() => {});
  const stats: ReadStats = options.stats ?? { rows: 0, nulBytes: 0, footerLines: 0, badRows: 0 };
  const sniff = options.format ? { ok: true as const, sniffed: options.format } : await sniffFile(path);
  if (!sniff.ok) {
    report(sniff.issue);
    return;
  }
  const source = new RecordSource(path, sniff.sniffed);
  const reader = new RowBuilder(path, sniff.sniffed, report, stats);
  const out: SourceRow[] = [];
  let yielded = 0;
  for await (const batch of source.batches()) {
    for (const record of batch) reader.accept(record, out);
    yielded += out.length;
    for (const row of out) yield row;
    out.length = 0;
  }
  reader.endOfRows();
  if (source.failure) {
    reader.flushPending(out);
    if (reader.headers === undefined) reportHeaderFailure(path, source, report);
    else reader.fail(source, out);
    for (const row of out) yield row;
  } else {
    if (reader.headers === undefined) reportHeaderFailure(path, source, report);
    reader.finish(out);
    yielded += out.length;
    for (const row of out) yield row;
    // A valid export, but worth a word: an export whose filter matched nothing, or the wrong file.
    if (reader.headers !== undefined && yielded === 0) {
      report({
        code: 'FILE_EMPTY',
        severity: 'warning',
        file: path,
        message:
          'the file has a header row but no data rows, so nothing of it is imported: if rows were expected, check the filter of the export in your CRM and export it again',
      });
    }
  }
  stats.nulBytes += source.decoder.nulCount;
  if (source.decoder.nulCount > 0) {
    const n = source.decoder.nulCount;
    report({
      code: 'CSV_NUL_BYTES',
      severity: 'warning',
      file: path,
      line: source.firstNulLine,
      message: `the file contains ${n} NUL byte${n === 1 ? '' : 's'} (invisible \\0 characters, first on line ${source.firstNulLine ?? '?'}); ${n === 1 ? 'it was' : 'they were'} removed. They usually come from a damaged export: check those values.`,
    });
  }
}

/** The header could not be read: the file is blank, or its first record is broken. */
function reportHeaderFailure(path: string, source: RecordSource, report: (issue: Issue) => void): void {
  const failure = source.failure;
  if (failure?.kind === 'io') {
    report(unreadableIssue(path, failure.error));
  } else if (failure?.kind === 'csv') {
    report(csvFailureIssue(path, source, undefined).issue);
  } else {
    report({
      code: 'FILE_EMPTY',
      severity: 'error',
      file: path,
      message: 'the file has no header row (only blank lines): export it again from your CRM',
    });
  }
}

function unreadableIssue(path: string, error: Error): Issue {
  return {
    code: 'FILE_UNREADABLE',
    severity: 'error',
    file: path,
    message: `reading the file failed (${error.message}); the rows before the failure were read: copy the file to a local disk and try again`,
  };
}

/** Turns csv-parse's failure into an Issue, and the broken record into cells when something can be salvaged. */
function csvFailureIssue(
  path: string,
  source: RecordSource,
  headers: string[] | undefined,
): { issue: Issue; cells: string[] | undefined } {
  const failure = source.failure;
  if (failure?.kind !== 'csv') throw new Error('no csv failure');
  const rest = failure.rest();
  const broken = scanBrokenRecord(rest, source.sniffed.delimiter);
  const lastLine = failure.line + countBreaksInText(rest);
  const quoteLine =
    broken.openQuoteAt === undefined
      ? undefined
      : failure.lineAtRest(Buffer.byteLength(rest.slice(0, broken.openQuoteAt), 'utf8'));
  const column = broken.openQuoteCell + 1;
  const columnName = headers?.[broken.openQuoteCell];
  const where = `column ${column}${columnName ? ` ("${columnName}")` : ''}`;
  const cells = broken.cells.some((cell) => cell.trim() !== '') ? broken.cells : undefined;
  const code = failure.error.code;
  if (code === 'CSV_QUOTE_NOT_CLOSED' && quoteLine !== undefined) {
    return {
      cells,
      issue: {
        code: 'CSV_UNTERMINATED_QUOTE',
        severity: 'error',
        file: path,
        line: quoteLine,
        column,
        message: `the quote that opens ${where} on line ${quoteLine} is never closed, so everything from there to the end of the file (line ${lastLine}) was read as one cell; add the missing closing quote or export the file again`,
      },
    };
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    const cause =
      quoteLine === undefined
        ? ''
        : `, most likely because the quote that opens ${where} on line ${quoteLine} is never closed`;
    return {
      cells,
      issue: {
        code: 'CSV_PARSE_ERROR',
        severity: 'error',
        file: path,
        line: quoteLine ?? failure.line,
        ...(quoteLine === undefined ? {} : { column }),
        message: `the record that starts on line ${failure.line} is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB${cause}; reading stopped there (the rows before it were read). Fix the quote or export the file again`,
      },
    };
  }
  return {
    cells,
    issue: {
      code: 'CSV_PARSE_ERROR',
      severity: 'error',
      file: path,
      line: failure.line,
      message: `the record that starts on line ${failure.line} cannot be read (${failure.error.message}); reading stopped there. Check the quotes on that line or export the file again`,
    },
  };
}

/** The issue for a record csv-parse gave up on, after which reading went on at the next line. */
function brokenIssue(path: string, record: RawRecord, headers: string[] | undefined): Issue {
  const { quoteLine, quoteCell, resumeLine, code } = record.broken!;
  const column = quoteCell + 1;
  const name = headers?.[quoteCell];
  const where = `column ${column}${name ? ` ("${name}")` : ''}`;
  const resumed = `reading went on at line ${resumeLine}`;
  if (quoteLine !== undefined) {
    return {
      code: 'CSV_UNTERMINATED_QUOTE',
      severity: 'error',
      file: path,
      line: quoteLine,
      column,
      message: `the quote that opens ${where} on line ${quoteLine} is never closed, so this row cannot be read (only the rest of line ${quoteLine} is shown as that cell) and ${resumed}: add the missing closing quote or export the file again (a stray quote: remove it), then import this row again`,
    };
  }
  const why =
    code === 'CSV_MAX_RECORD_SIZE'
      ? `is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB`
      : 'has a quote that is never closed';
  return {
    code: 'CSV_PARSE_ERROR',
    severity: 'error',
    file: path,
    line: record.line,
    message: `the record that starts on line ${record.line} ${why}, so it cannot be read; ${resumed}. Check the quotes on that line or export the file again`,
  };
}

type Pending = { record: RawRecord; kind: TrailerKind };

/** Turns raw records into SourceRows: header, footers, ragged rows, Excel-mangled ids. */
class RowBuilder {
  headers: string[] | undefined;
  private headerLine = 0;
  private skipSep: boolean;
  private blankHeaderColumns: number[] = [];
  private idColumns: number[] = [];
  private pending: Pending[] = [];
  /** The header record could not be read. */
  private unreadable = false;
  /** The last data record, checked by SpanningCells once the next one shows it spanned several lines. */
  private lastRecord: RawRecord | undefined;
  private readonly spanning: SpanningCells;
  /** A report footer line is among the held-back records, and how many one-cell lines followed it. */
  private footerSeen = false;
  private textLines = 0;
  private readonly delimiter: string;
  /** Set for a UTF-8 file with invalid bytes: the lines holding them are reported. */
  private readonly invalidUtf8: InvalidUtf8Notes | undefined;

  constructor(
    private readonly path: string,
    sniffed: Sniffed,
    private readonly report: (issue: Issue) => void,
    private readonly stats: ReadStats,
  ) {
    this.skipSep = sniffed.sepLine;
    this.delimiter = sniffed.delimiter;
    this.spanning = new SpanningCells(path, sniffed.delimiter, report);
    if (sniffed.invalidUtf8Bytes)
      this.invalidUtf8 = new InvalidUtf8Notes(path, sniffed.invalidUtf8Bytes, report);
  }

  accept(record: RawRecord, out: SourceRow[]): void {
    if (this.skipSep) {
      this.skipSep = false;
      return;
    }
    const { cells } = record;
    if (this.unreadable) return;
    this.invalidUtf8?.check(cells, record.line, this.headers);
    if (record.broken) {
      this.acceptBroken(record, out);
      return;
    }
    if (this.headers === undefined) {
      if (isEmptyRecord(cells)) return;
      const clean = cleanHeaders(cells, this.path, record.line);
      for (const issue of clean.issues) this.report(issue);
      this.headers = clean.headers;
      this.headerLine = record.line;
      this.blankHeaderColumns = clean.blank;
      this.idColumns = clean.headers.flatMap((header, i) => (isIdHeader(header) ? [i] : []));
      return;
    }
    // The previous record spanned several lines: see whether a quoted cell swallowed rows.
    const last = this.lastRecord;
    if (last !== undefined && record.line - last.line > 1)
      this.spanning.check(last.cells, last.line, this.headers);
    this.lastRecord = record;
    // Possible trailer lines (report footer, total rows, blank or empty rows) are held back until we know
    // whether anything follows them.
    // A one-cell line counts as a footer's org-name line only right after a footer line (at most two of them),
    // and never in a one-column file, where every row is one cell.
    const textMayFollow = this.footerSeen && this.textLines < MAX_TEXT_LINES && this.headers.length > 1;
    const kind = trailerKind(cells, this.delimiter, textMayFollow);
    if (kind !== undefined) {
      this.pending.push({ record, kind });
      if (kind === 'footer') this.footerSeen = true;
      if (kind === 'text') this.textLines++;
      if (this.pending.length >= MAX_PENDING) this.flushPending(out);
      return;
    }
    if (this.pending.length > 0) this.flushPending(out);
    out.push(this.row(record.cells, record.line));
  }

  /** A record csv-parse gave up on: a failed row when something of it can be read, else a file-level issue. */
  private acceptBroken(record: RawRecord, out: SourceRow[]): void {
    const issue = brokenIssue(this.path, record, this.headers);
    if (this.headers === undefined) {
      // The header itself is broken: the columns are unknown, so nothing after it can be read as rows.
      this.report(issue);
      this.unreadable = true;
      return;
    }
    if (this.pending.length > 0) this.flushPending(out);
    if (isEmptyRecord(record.cells)) this.report(issue);
    else out.push(this.row(record.cells, record.line, issue));
  }

  /** All records were seen: file-level notes that sum them up. */
  endOfRows(): void {
    const last = this.lastRecord;
    if (last !== undefined && this.headers !== undefined)
      this.spanning.check(last.cells, last.line, this.headers);
    this.spanning.finish();
    this.invalidUtf8?.finish();
  }

  /** The held-back records were not the end of the file: blank lines are skipped, the rest are rows. */
  flushPending(out: SourceRow[]): void {
    const pending = this.pending;
    this.pending = [];
    this.footerSeen = false;
    this.textLines = 0;
    for (const { record, kind } of pending) {
      // A row of empty cells (only delimiters) holds nothing to import, like a blank line.
      if (kind === 'empty') continue;
      out.push(this.row(record.cells, record.line));
    }
  }

  /**
   * End of file: blank trailing lines are dropped; so is a report footer (total rows before its first footer
   * line, short text lines after it). Without a footer line, what was held back is data.
   */
  finish(out: SourceRow[]): void {
    if (!this.footerSeen) {
      const blank = this.pending.filter((p) => p.kind === 'empty').length;
      this.flushPending(out);
      this.stats.footerLines += blank;
      return;
    }
    const pending = this.pending;
    this.pending = [];
    this.stats.footerLines += pending.length;
    const footers = pending.filter((p) => p.kind !== 'empty');
    const example = pending.find((p) => p.kind === 'footer')!.record.cells[0]?.trim();
    this.report({
      code: 'CSV_REPORT_FOOTER',
      severity: 'info',
      file: this.path,
      line: footers[0]!.record.line,
      value: footers[0]!.record.cells[0],
      message: `dropped the report footer at the end of the file (${footers.length} footer line${footers.length === 1 ? '' : 's'} such as "${example}", ${pending.length} line${pending.length === 1 ? '' : 's'} in all, from line ${pending[0]!.record.line}); they are not records`,
    });
  }

  /** csv-parse stopped: report why, and yield the broken record if something of it can be salvaged. */
  fail(source: RecordSource, out: SourceRow[]): void {
    const failure = source.failure;
    if (failure?.kind === 'io') {
      this.report(unreadableIssue(this.path, failure.error));
      return;
    }
    const { issue, cells } = csvFailureIssue(this.path, source, this.headers);
    if (cells === undefined || failure === undefined) {
      this.report(issue);
      return;
    }
    out.push(this.row(cells, failure.line, issue));
  }

  private row(cells: string[], line: number, error?: Issue): SourceRow {
    const headers = this.headers!;
    const values: Record<string, string> = {};
    const n = headers.length;
    for (let i = 0; i < n; i++) setValue(values, headers[i]!, cells[i] ?? '');
    let rowError = error;
    if (cells.length !== n) {
      let extra = false;
      for (let i = n; i < cells.length; i++) {
        if (cells[i]!.trim() === '') continue;
        extra = true;
        const key = `Column ${i + 1}`;
        if (!Object.hasOwn(values, key)) setValue(values, key, cells[i]!);
      }
      // Cells beyond the header that are all empty (a trailing delimiter) lose nothing: not an error.
      if ((cells.length < n || extra) && rowError === undefined) rowError = this.ragged(cells.length, line);
    }
    if (this.blankHeaderColumns.length > 0) this.checkBlankHeaders(cells, line);
    if (this.idColumns.length > 0) this.checkIds(cells, line);
    this.stats.rows++;
    if (rowError) {
      this.stats.badRows++;
      return { file: this.path, line, values, error: rowError };
    }
    return { file: this.path, line, values };
  }

  private ragged(found: number, line: number): Issue {
    const expected = this.headers!.length;
    const more = found > expected;
    return {
      code: 'CSV_RAGGED_ROW',
      severity: 'error',
      file: this.path,
      line,
      column: more ? expected + 1 : found + 1,
      message: `expected ${expected} cells (one per header column), found ${found}; the values were read by position and may be shifted. Check this line for a delimiter or quote that is not enclosed in quotes, or export the file again`,
    };
  }

  private checkBlankHeaders(cells: string[], line: number): void {
    this.blankHeaderColumns = this.blankHeaderColumns.filter((column) => {
      if ((cells[column] ?? '').trim() === '') return true;
      this.report({
        code: 'CSV_EMPTY_HEADER',
        severity: 'warning',
        file: this.path,
        line: this.headerLine,
        column: column + 1,
        message: `column ${column + 1} has no header name but holds data (first on line ${line}); it is read as "Column ${column + 1}". Name it in the export, or map "Column ${column + 1}"`,
      });
      return false;
    });
  }

  private checkIds(cells: string[], line: number): void {
    this.idColumns = this.idColumns.filter((column) => {
      const value = cells[column];
      if (value === undefined || !looksExcelMangled(value)) return true;
      this.report({
        code: 'EXCEL_MANGLED_ID',
        severity: 'warning',
        file: this.path,
        line,
        column: column + 1,
        value,
        message: `column ${column + 1} ("${this.headers![column]}") holds ids in scientific notation such as "${value}" (first on line ${line}): Excel rewrote these ids; use the original export file, not one re-saved by Excel`,
      });
      return false;
    });
  }
}
