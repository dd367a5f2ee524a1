import type { ObjectType } from '../core/objects.js';
import { OBJECT_TYPES } from '../core/objects.js';
import { ROW_ACTIONS } from '../core/records.js';
import { IssueGroups } from './issue-groups.js';
import { messagePattern } from './message-pattern.js';
import { isProblemRow, primaryCode, primaryIssues, rowReason } from './row-reason.js';
import { emptyCounts, ReportInvariantError } from './summary.js';
import { compactValues, truncate } from './truncate.js';
import type { ObjectCounts, OutcomeRow, Summary } from './types.js';

/**
 * Everything the HTML report needs from the outcome stream, kept in bounded memory: counts, and grouped
 * failures and dropped values with a few examples each. Rows themselves are never retained.
 */
export class ReportAggregates {
  readonly tally: Record<ObjectType, ObjectCounts> = {
    company: emptyCounts(),
    person: emptyCounts(),
    deal: emptyCounts(),
  };
  /** Skipped and failed rows, by main issue code and message pattern. */
  readonly failures = new IssueGroups();
  /** Warnings (values dropped or changed on rows that were otherwise imported), by code. */
  readonly warnings = new IssueGroups();

  add(row: OutcomeRow): void {
    const counts = this.tally[row.object];
    if (!counts || !(ROW_ACTIONS as readonly string[]).includes(row.action)) {
      throw new ReportInvariantError(`outcome row has object ${row.object} and action ${row.action}`);
    }
    counts.rows += 1;
    counts[row.action] += 1;
    if (isProblemRow(row)) this.addFailure(row);
    for (const issue of row.issues) {
      if (issue.severity !== 'warning') continue;
      this.warnings.add(issue.code, issue.code, row.object, () => ({
        object: row.object,
        file: issue.file ?? row.sourceFile,
        line: issue.line ?? row.sourceLine,
        sourceId: truncate(row.sourceId, 60),
        message: truncate(issue.message, 300),
        column: issue.column === undefined ? undefined : truncate(String(issue.column), 60),
        value: issue.value === undefined ? undefined : truncate(issue.value, 120),
        values: [],
      }));
    }
  }

  private addFailure(row: OutcomeRow): void {
    const code = primaryCode(row) || 'NO_CODE';
    const main = primaryIssues(row)[0];
    const pattern = messagePattern(main?.message ?? row.reason ?? '');
    this.failures.add(code, pattern, row.object, () => ({
      object: row.object,
      file: row.sourceFile,
      line: row.sourceLine,
      sourceId: truncate(row.sourceId, 60),
      message: truncate(rowReason(row), 300),
      column: main?.column === undefined ? undefined : truncate(String(main.column), 60),
      value: main?.value === undefined ? undefined : truncate(main.value, 120),
      values: compactValues(row.raw),
    }));
  }

  /** Warnings by code, largest first (their groups are by code already; "other" stays last). */
  warningCounts(): { code: string; count: number }[] {
    return this.warnings.list().map((group) => ({ code: group.code, count: group.count }));
  }

  /** The outcome stream must account for exactly the rows the summary counts: no row lost, none invented. */
  assertMatches(summary: Summary): void {
    const mismatches: string[] = [];
    for (const object of OBJECT_TYPES) {
      for (const key of ['rows', ...ROW_ACTIONS] as const) {
        const expected = summary.objects[object][key];
        const seen = this.tally[object][key];
        if (expected !== seen) mismatches.push(`${object}.${key}: summary ${expected}, outcomes ${seen}`);
      }
    }
    if (mismatches.length > 0) {
      throw new ReportInvariantError(`the outcome rows do not match the summary (${mismatches.join('; ')})`);
    }
  }
}
