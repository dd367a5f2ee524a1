import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReportAggregates } from './aggregates.js';
import { csvLine } from './csv.js';
import { FileSink } from './file-sink.js';
import { renderReportHtml } from './html/page.js';
import { isProblemRow, primaryCode, rowReason } from './row-reason.js';
import { assertSummaryInvariant, summaryJson } from './summary.js';
import type { OutcomeRow, ReportInput } from './types.js';

export { escapeCsvCell } from './csv.js';
export { escapeHtml } from './html/escape.js';
export {
  assertSummaryInvariant,
  countOutcome,
  emptyCounts,
  emptySummary,
  ReportInvariantError,
} from './summary.js';
export type { ObjectCounts, OutcomeRow, RenamedDeal, ReportInput, Summary } from './types.js';

export const OUTCOMES_HEADER = [
  'object',
  'source_file',
  'source_line',
  'source_id',
  'action',
  'clarify_id',
  'reason',
] as const;
export const ERRORS_HEADER = [
  'object',
  'source_file',
  'source_line',
  'source_id',
  'action',
  'code',
  'reason',
  'original_values',
] as const;

export interface ReportPaths {
  summary: string;
  outcomes: string;
  errors: string;
  html: string;
}

/** The reason column of outcomes.csv: why for skipped/failed rows; what was dropped for imported ones. */
function outcomeReason(row: OutcomeRow): string {
  if (isProblemRow(row)) return rowReason(row);
  if (row.reason) return row.reason;
  return row.issues
    .filter((issue) => issue.severity === 'warning')
    .map((issue) => issue.message)
    .join(' | ');
}

/**
 * Writes summary.json, outcomes.csv, errors.csv and report.html into `dir` (created if needed).
 *
 * The outcomes are read once and streamed into both CSV files with backpressure; only counts and a few
 * examples per group are kept for the HTML, so memory does not grow with the number of rows. The counts
 * seen in the stream must equal the summary's (ReportInvariantError otherwise, and no summary.json or
 * report.html is written): a report never hides a lost row.
 */
export async function writeReports(dir: string, input: ReportInput): Promise<ReportPaths> {
  assertSummaryInvariant(input.summary);
  await mkdir(dir, { recursive: true });
  const paths: ReportPaths = {
    summary: join(dir, 'summary.json'),
    outcomes: join(dir, 'outcomes.csv'),
    errors: join(dir, 'errors.csv'),
    html: join(dir, 'report.html'),
  };
  const outcomes = new FileSink(paths.outcomes);
  const errors = new FileSink(paths.errors);
  const aggregates = new ReportAggregates();
  try {
    await outcomes.write(csvLine(OUTCOMES_HEADER));
    await errors.write(csvLine(ERRORS_HEADER));
    for await (const row of input.outcomes()) {
      aggregates.add(row);
      await outcomes.write(
        csvLine([
          row.object,
          row.sourceFile,
          row.sourceLine,
          row.sourceId,
          row.action,
          row.clarifyId,
          outcomeReason(row),
        ]),
      );
      if (isProblemRow(row)) {
        await errors.write(
          csvLine([
            row.object,
            row.sourceFile,
            row.sourceLine,
            row.sourceId,
            row.action,
            primaryCode(row),
            rowReason(row),
            JSON.stringify(row.raw),
          ]),
        );
      }
    }
    aggregates.assertMatches(input.summary);
    await outcomes.commit();
    await errors.commit();
  } catch (error) {
    await Promise.all([outcomes.discard(), errors.discard()]);
    throw error;
  }
  await writeFile(paths.summary, summaryJson(input.summary), 'utf8');
  await writeFile(paths.html, renderReportHtml(input, aggregates), 'utf8');
  return paths;
}
