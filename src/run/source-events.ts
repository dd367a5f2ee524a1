import type { Issue } from '../core/issues.js';
import type { Mapping } from '../core/mapping.js';
import type { ExportFile, SourceEvent, SourceName } from '../core/source-adapter.js';
import { readCsvRows } from '../read/index.js';
import { createAdapter } from '../sources/index.js';

/** What reading needs to turn export files into source events, as plain data (it crosses threads). */
export interface SourceSetup {
  files: ExportFile[];
  adapter: SourceName;
  mapping: Mapping;
}

/**
 * Reads the exports through the vendor adapter: its events, with the reader's issues among them. Pure of the
 * journal and the API, so it can run on its own thread (source-thread.ts). Issues the reader raises while
 * the adapter produces an event are yielded just before that event, the order they happened in.
 */
export async function* adapterEvents(setup: SourceSetup): AsyncGenerator<SourceEvent> {
  const { mapping } = setup;
  const adapter = createAdapter(setup.adapter, mapping);
  const readerIssues: Issue[] = [];
  const readRows = (path: string) => readCsvRows(path, { onIssue: (issue) => readerIssues.push(issue) });
  const events = adapter.read(setup.files, readRows, {
    catchAllNames: mapping.options.catch_all_names,
    importCatchAll: mapping.options.import_catch_all,
  });
  for await (const event of events) {
    while (readerIssues.length > 0) yield { kind: 'issue', issue: readerIssues.shift()! };
    yield event;
  }
  while (readerIssues.length > 0) yield { kind: 'issue', issue: readerIssues.shift()! };
}
