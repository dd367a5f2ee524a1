import type { CsvFormat } from './csv-format.js';
import type { Issue } from './issues.js';
import type { ObjectType } from './objects.js';
import type { SkippedRow, SourceLink, SourceRecord } from './records.js';
import type { SourceRow } from './rows.js';

export const SOURCE_NAMES = ['hubspot', 'salesforce', 'pipedrive', 'generic'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/**
 * Everything an adapter emits. Records (and skips) come in import order: all companies, then people, then
 * deals. Links may come at any point (the planner resolves them once every record is in); an adapter that
 * knows a link while reading a row sends it then, rather than holding a million of them to the end.
 */
export type SourceEvent =
  | { kind: 'record'; record: SourceRecord }
  | { kind: 'skip'; skip: SkippedRow }
  | { kind: 'link'; link: SourceLink }
  | { kind: 'issue'; issue: Issue };

/** An export file as seen by detection: its path and header row (no data yet). */
export interface ExportFile {
  path: string;
  headers: string[];
  /** How the file is written, as sniffed when its headers were read: reading its rows need not sniff again. */
  format?: CsvFormat;
}

/** What an adapter recognised in a file. `role` is vendor-specific (e.g. 'OpportunityContactRole'). */
export interface FileRole {
  path: string;
  object: ObjectType | 'link' | 'ignored';
  role: string;
}

/** Reads rows of one file again (adapters may make several passes, e.g. to count contacts per account). */
export type RowReader = (path: string) => AsyncIterable<SourceRow>;

export interface SourceOptions {
  /** Names of catch-all accounts (case-insensitive), beyond the built-in list. */
  catchAllNames?: string[];
  /** Import catch-all accounts as companies anyway. */
  importCatchAll?: boolean;
}

export interface SourceAdapter {
  name: SourceName;
  /** 0 = not this vendor's export; higher = more confident. */
  score(files: ExportFile[]): number;
  roles(files: ExportFile[]): FileRole[];
  read(files: ExportFile[], readRows: RowReader, options: SourceOptions): AsyncIterable<SourceEvent>;
}
