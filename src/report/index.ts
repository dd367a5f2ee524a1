import { rmdirSync, rmSync } from 'node:fs';
import { mkdir, rmdir, writeFile } from 'node:fs/promises';
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

/** Where the reports went, and what the console should say of the warnings they list. */
export interface ReportResult extends ReportPaths {
  /** Warnings on rows (a value dropped or changed, a row skipped), by code, largest first. */
  warnings: { code: string; count: number }[];
}

/**
 * The reason column of outcomes.csv: why for skipped/failed rows; for imported ones, what was dropped
 * (warnings) and then what was done on purpose (notes such as a value mapped to nothing).
 */
function outcomeReason(row: OutcomeRow): string {
  if (isProblemRow(row)) return rowReason(row);
  if (row.reason) return row.reason;
  const warnings = row.issues.filter((issue) => issue.severity === 'warning');
  const notes = row.issues.filter((issue) => issue.severity === 'info');
  return [...warnings, ...notes].map((issue) => issue.message).join(' | ');
}

/**
 * Writes summary.json, outcomes.csv, errors.csv and report.html into `dir` (created if needed).
 *
 * The outcomes are read once and streamed into both CSV files with backpressure; only counts and a few
 * examples per group are kept for the HTML, so memory does not grow with the number of rows. The counts
 * seen in the stream must equal the summary's (ReportInvariantError otherwise, and no summary.json or
 * report.html is written): a report never hides a lost row.
 */
export async function writeReports(dir: string, input: ReportInput): Promise<ReportResult> {
  assertSummaryInvariant(input.summary);
  const writer = await ReportWriter.open(dir);
  try {
    for await (const row of input.outcomes()) await writer.add(row);
  } catch (error) {
    await writer.discard();
    throw error;
  }
  return writer.finish(input);
}

/**
 * The reports written as the outcome rows come, for a caller that has them one at a time before it knows
 * the summary (a plan writes each row's line as it plans it). `finish` checks the rows against the summary
 * and only then publishes the files; `discard` leaves nothing behind.
 */
export class ReportWriter {
  private readonly aggregates = new ReportAggregates();

  private constructor(
    private readonly dir: string,
    private readonly paths: ReportPaths,
    private readonly outcomes: FileSink,
    private readonly errors: FileSink,
  ) {}

  static async open(dir: string): Promise<ReportWriter> {
    await mkdir(dir, { recursive: true });
    const paths: ReportPaths = {
      summary: join(dir, 'summary.json'),
      outcomes: join(dir, 'outcomes.csv'),
      errors: join(dir, 'errors.csv'),
      html: join(dir, 'report.html'),
    };
    const writer = new ReportWriter(dir, paths, new FileSink(paths.outcomes), new FileSink(paths.errors));
    await writer.outcomes.write(csvLine(OUTCOMES_HEADER));
    await writer.errors.write(csvLine(ERRORS_HEADER));
    return writer;
  }

  /** Adds a row's lines; a promise only when they wait for the disk (see FileSink.write): await it then. */
  add(row: OutcomeRow): Promise<void> | undefined {
    this.aggregates.add(row);
    // Both files start with the row's object, place, source id and action.
    const { object, sourceFile, sourceLine, sourceId, action } = row;
    const outcome = this.outcomes.write(
      csvLine([object, sourceFile, sourceLine, sourceId, action, row.clarifyId, outcomeReason(row)]),
    );
    const error = isProblemRow(row)
      ? this.errors.write(
          csvLine([
            object,
            sourceFile,
            sourceLine,
            sourceId,
            action,
            primaryCode(row),
            rowReason(row),
            JSON.stringify(row.raw),
          ]),
        )
      : undefined;
    if (!outcome && !error) return undefined;
    return Promise.all([outcome, error]).then(() => undefined);
  }

  /** Checks the rows against the summary, then publishes the CSV files, summary.json and report.html. */
  async finish(input: Omit<ReportInput, 'outcomes'>): Promise<ReportResult> {
    try {
      assertSummaryInvariant(input.summary);
      this.aggregates.assertMatches(input.summary);
      await this.outcomes.commit();
      await this.errors.commit();
    } catch (error) {
      await this.discard();
      throw error;
    }
    await writeFile(this.paths.summary, summaryJson(input.summary), 'utf8');
    await writeFile(this.paths.html, renderReportHtml(input, this.aggregates), 'utf8');
    return { ...this.paths, warnings: this.aggregates.warningCounts() };
  }

  /** Deletes the unfinished files (and the report directory when nothing else is in it). */
  async discard(): Promise<void> {
    await Promise.all([this.outcomes.discard(), this.errors.discard()]);
    await rmdir(this.dir).catch(() => undefined);
  }

  /** For a process about to exit at once (a signal): the unfinished files go, without waiting for streams. */
  discardNow(): void {
    for (const path of [this.paths.outcomes, this.paths.errors]) rmSync(`${path}.tmp`, { force: true });
    try {
      rmdirSync(this.dir); // only when empty: earlier reports stay
    } catch {}
  }
}
