import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Issue } from '../../src/core/issues.js';
import type { SkippedRow, SourceLink, SourceRecord } from '../../src/core/records.js';
import type { SourceRow } from '../../src/core/rows.js';
import type { ExportFile, RowReader, SourceAdapter, SourceEvent } from '../../src/core/source-adapter.js';

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

/** Reads a small test CSV: header row + rows, physical line of each record's start. */
function parseFile(path: string): { headers: string[]; rows: SourceRow[] } {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const records = parse(text, { info: true, relax_column_count: true }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  const [head, ...data] = records;
  const headers = (head?.record ?? []).map((h) => h.trim());
  const rows: SourceRow[] = [];
  let previousEnd = head?.info.lines ?? 1;
  for (const { record, info } of data) {
    const values: Record<string, string> = {};
    headers.forEach((header, i) => {
      values[header] = record[i] ?? '';
    });
    const row: SourceRow = { file: path, line: previousEnd + 1, values };
    if (record.length !== headers.length) {
      row.error = {
        code: 'CSV_RAGGED_ROW',
        severity: 'error',
        message: `the row has ${record.length} cells, the header ${headers.length}`,
      };
    }
    rows.push(row);
    previousEnd = info.lines;
  }
  return { headers, rows };
}

export const fileReader: RowReader = async function* (path: string) {
  yield* parseFile(path).rows;
};

export function exportFile(path: string): ExportFile {
  return { path, headers: parseFile(path).headers };
}

export async function exportFiles(
  dir: string,
  filter: (name: string) => boolean = () => true,
): Promise<ExportFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.csv') && filter(name)).sort();
  return names.map((name) => exportFile(join(dir, name)));
}

export function dataRowCount(path: string): number {
  return parseFile(path).rows.length;
}

/** An in-memory export: file → rows of cells. */
export function memoryExport(files: Record<string, string[][]>): { files: ExportFile[]; reader: RowReader } {
  const exportFiles: ExportFile[] = Object.entries(files).map(([path, [headers = []]]) => ({
    path,
    headers,
  }));
  const reader: RowReader = async function* (path) {
    const [headers = [], ...rows] = files[path] ?? [];
    let line = 1;
    for (const cells of rows) {
      line++;
      const values: Record<string, string> = {};
      headers.forEach((header, i) => {
        values[header] = cells[i] ?? '';
      });
      yield { file: path, line, values };
    }
  };
  return { files: exportFiles, reader };
}

export interface Collected {
  events: SourceEvent[];
  records: SourceRecord[];
  skips: SkippedRow[];
  links: SourceLink[];
  issues: Issue[];
}

export async function collect(events: AsyncIterable<SourceEvent>): Promise<Collected> {
  const out: Collected = { events: [], records: [], skips: [], links: [], issues: [] };
  for await (const event of events) {
    out.events.push(event);
    if (event.kind === 'record') out.records.push(event.record);
    else if (event.kind === 'skip') out.skips.push(event.skip);
    else if (event.kind === 'link') out.links.push(event.link);
    else out.issues.push(event.issue);
  }
  return out;
}

export async function run(
  adapter: SourceAdapter,
  files: ExportFile[],
  reader: RowReader = fileReader,
  options = {},
): Promise<Collected> {
  return collect(adapter.read(files, reader, options));
}

export function byId(records: SourceRecord[], sourceId: string): SourceRecord {
  const record = records.find((candidate) => candidate.sourceId === sourceId);
  if (!record) throw new Error(`no record ${sourceId}`);
  return record;
}

export function codes(issues: Issue[]): string[] {
  return issues.map((issue) => issue.code).sort();
}

/** The object order of the record/skip/link events: a kind change back to an earlier object is an error. */
export function phaseOrder(events: SourceEvent[]): string[] {
  const phases: string[] = [];
  for (const event of events) {
    const phase =
      event.kind === 'record'
        ? event.record.object
        : event.kind === 'skip'
          ? event.skip.object
          : event.kind === 'link'
            ? 'link'
            : undefined;
    if (phase && phases[phases.length - 1] !== phase) phases.push(phase);
  }
  return phases;
}
