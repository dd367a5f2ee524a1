import type { CsvDelimiter, CsvEncoding, CsvFormat } from '../core/csv-format.js';
import type { Issue } from '../core/issues.js';

export type { CsvDelimiter, CsvEncoding, CsvFormat };

/** What `inspectCsv` learns about a file without reading its data rows. */
export interface CsvFileInfo {
  /** The path exactly as given. */
  path: string;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  /**
   * Cleaned header names (trimmed, BOM removed, NFC, duplicates renamed `Name (2)`, blanks named `Column N`);
   * empty when the file cannot be read as CSV (the reason was reported through `onIssue`).
   */
  headers: string[];
  /** The sniffed format, to hand to `readCsvRows` (absent when the file cannot be read as CSV). */
  format?: CsvFormat;
}

/** Counters of one read, incremented as rows are produced (pass a fresh object per file for per-file counts). */
export interface ReadStats {
  /** Data rows yielded, including rows yielded with `error` set. */
  rows: number;
  /** NUL bytes removed from the file. */
  nulBytes: number;
  /** Report footer lines and blank trailing lines dropped at the end of the file. */
  footerLines: number;
  /** Rows yielded with `error` set (ragged, unterminated quote). */
  badRows: number;
}

export interface ReadOptions {
  /**
   * Receives file- and column-level problems (Excel file, not CSV, empty, duplicate or blank headers, NUL bytes,
   * report footers, Excel-mangled ids, an unreadable record). A problem that belongs to one row is carried by
   * that row's `error` instead and is not sent here, so every problem is reported exactly once per read.
   */
  onIssue?: (issue: Issue) => void;
  /** Filled in as the file is read. */
  stats?: ReadStats;
  /** The file's format as `inspectCsv` found it: the file is then not sniffed again. */
  format?: CsvFormat;
}

export function emptyStats(): ReadStats {
  return { rows: 0, nulBytes: 0, footerLines: 0, badRows: 0 };
}
