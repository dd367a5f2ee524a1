import type { Issue } from '../core/issues.js';
import type { Mapping } from '../core/mapping.js';
import type { CanonicalRecord, SkippedRow, SourceLink } from '../core/records.js';
import type { WorkspaceSchema } from '../core/schema.js';
import type { ExportFile, SourceEvent, SourceName } from '../core/source-adapter.js';
import { normalizeRecord } from '../normalize/index.js';
import { readCsvRows } from '../read/index.js';
import { createAdapter, valueMapsFor } from '../sources/index.js';

/** What planning needs to turn export files into canonical records, as plain data (it crosses threads). */
export interface SourceSetup {
  files: ExportFile[];
  adapter: SourceName;
  mapping: Mapping;
  schema: WorkspaceSchema;
}

/** The adapter's events with records already normalized: the planner's input. */
export type PreparedEvent =
  | { kind: 'record'; record: CanonicalRecord }
  | { kind: 'skip'; skip: SkippedRow }
  | { kind: 'link'; link: SourceLink }
  | { kind: 'issue'; issue: Issue };

/**
 * Reads the exports through the vendor adapter, records not yet normalized, in batches of about `size` events.
 * Pure of the journal and the API, so it can run on its own thread (source-thread.ts). Issues the reader raises
 * while the adapter produces an event come just before that event, the order they happened in. Batches, not
 * single events, go on: every layer of async generators an event passes costs a promise and a turn of the
 * microtask queue, about a second of the reader thread on a million-contact export.
 */
export async function* sourceBatches(setup: SourceSetup, size: number): AsyncGenerator<SourceEvent[]> {
  const { mapping } = setup;
  const adapter = createAdapter(setup.adapter, mapping);
  const readerIssues: Issue[] = [];
  const formats = new Map(setup.files.map((file) => [file.path, file.format]));
  // Each file is sniffed once, when its headers are read (a whole pass: is it UTF-8 or Latin-1?), not at every read.
  const readRows = (path: string) =>
    readCsvRows(path, { onIssue: (issue) => readerIssues.push(issue), format: formats.get(path) });
  const events = adapter.read(setup.files, readRows, {
    catchAllNames: mapping.options.catch_all_names,
    importCatchAll: mapping.options.import_catch_all,
  });
  let batch: SourceEvent[] = [];
  for await (const event of events) {
    if (readerIssues.length > 0) {
      for (const issue of readerIssues) batch.push({ kind: 'issue', issue });
      readerIssues.length = 0;
    }
    batch.push(event);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  for (const issue of readerIssues) batch.push({ kind: 'issue', issue });
  if (batch.length > 0) yield batch;
}

/**
 * Normalizes the records among source events against the workspace schema (other events pass as they are).
 * Pure and the same on either thread: the reader thread leaves it to the main thread when that one would
 * otherwise wait (source-worker.ts).
 */
export function eventPreparer(setup: SourceSetup): (event: SourceEvent) => PreparedEvent {
  const { mapping, schema } = setup;
  const valueMaps = valueMapsFor(setup.adapter, mapping.values, schema);
  return (event) => {
    if (event.kind !== 'record') return event;
    const record = normalizeRecord(event.record, {
      schema: schema[event.record.object],
      valueMaps,
      options: mapping.options,
    });
    return { kind: 'record', record };
  };
}

/** The source events with their records normalized, in batches: the planner's input. */
export async function* preparedBatches(setup: SourceSetup, size: number): AsyncGenerator<PreparedEvent[]> {
  const prepare = eventPreparer(setup);
  for await (const batch of sourceBatches(setup, size)) yield batch.map(prepare);
}
