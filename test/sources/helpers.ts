import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Issue } from '../../src/core/issues.js';
import type { SkippedRow, SourceLink, SourceRecord } from '../../src/core/records.js';
import type { ExportFile, RowReader, SourceAdapter, SourceEvent } from '../../src/core/source-adapter.js';
import { inspectCsv, readCsvRows } from '../../src/read/index.js';

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

/** Rows as the real reader (src/read) yields them. */
export const fileReader: RowReader = (path: string) => readCsvRows(path);

export async function exportFile(path: string): Promise<ExportFile> {
  const info = await inspectCsv(path);
  return { path, headers: info.headers };
}

export async function exportFiles(
  dir: string,
  filter: (name: string) => boolean = () => true,
): Promise<ExportFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.csv') && filter(name)).sort();
  return Promise.all(names.map((name) => exportFile(join(dir, name))));
}

/** Data rows of a file, counted independently of the reader: csv-parse over the whole file. */
export function dataRowCount(path: string): number {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const records = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  return records.length - 1;
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
