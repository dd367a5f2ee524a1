import { fileURLToPath } from 'node:url';
import type { Issue } from '../../src/core/issues.js';
import type { SourceRow } from '../../src/core/rows.js';
import { emptyStats, inspectCsv, type ReadStats, readCsvRows } from '../../src/read/index.js';
import { SHARED_SALESFORCE_SAMPLES } from '../shared-samples.js';

export const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/read/${name}`, import.meta.url));

export const SAMPLES = SHARED_SALESFORCE_SAMPLES;

export interface ReadResult {
  rows: SourceRow[];
  issues: Issue[];
  stats: ReadStats;
}

export async function readAll(path: string): Promise<ReadResult> {
  const issues: Issue[] = [];
  const stats = emptyStats();
  const rows: SourceRow[] = [];
  for await (const row of readCsvRows(path, { onIssue: (issue) => issues.push(issue), stats }))
    rows.push(row);
  return { rows, issues, stats };
}

export async function inspect(
  path: string,
): Promise<{ info: Awaited<ReturnType<typeof inspectCsv>>; issues: Issue[] }> {
  const issues: Issue[] = [];
  const info = await inspectCsv(path, { onIssue: (issue) => issues.push(issue) });
  return { info, issues };
}
