import type { Issue } from '../core/issues.js';
import type { OutcomeRow } from './types.js';

/**
 * The issues that explain why a row was skipped or failed: its errors; when it has none, the issue the
 * planner or adapter gave as the reason (a merge, a deliberate skip such as DELETED_ROW); failing that,
 * its non-warning issues, or the first issue. A merged duplicate that also had an info note (its company
 * is not in the export, say) is reported as MERGED_DUPLICATE, not under the note's code. A row the run
 * stopped before sending is reported as NOT_SENT only.
 */
export function primaryIssues(row: OutcomeRow): Issue[] {
  // A row the run never sent failed for that alone: its other issues are what sending it would have met.
  const notSent = row.issues.find((issue) => issue.code === 'NOT_SENT');
  if (notSent) return [notSent];
  const errors = row.issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) return errors;
  // The planner's drop() and the adapters' skips give the row the message of the issue that decided it.
  const cause =
    row.reason === undefined ? undefined : row.issues.find((issue) => issue.message === row.reason);
  if (cause) return [cause];
  const infos = row.issues.filter((issue) => issue.severity !== 'warning');
  if (infos.length > 0) return infos;
  return row.issues.slice(0, 1);
}

/** The code of the main issue of a skipped or failed row ('' when the row carries none). */
export function primaryCode(row: OutcomeRow): string {
  return primaryIssues(row)[0]?.code ?? '';
}

const NO_REASON = 'No reason was recorded for this row; please report it as a clarify-import bug.';

/**
 * The reason shown for a skipped or failed row: the row's own reason and its main issue messages,
 * without repeats, joined with ' | '. Never empty: a row without a reason is itself a bug to report.
 */
export function rowReason(row: OutcomeRow): string {
  const parts: string[] = [];
  for (const text of [row.reason, ...primaryIssues(row).map((issue) => issue.message)]) {
    const trimmed = text?.trim();
    if (trimmed && !parts.includes(trimmed)) parts.push(trimmed);
  }
  return parts.length > 0 ? parts.join(' | ') : NO_REASON;
}

export function isProblemRow(row: OutcomeRow): boolean {
  return row.action === 'skipped' || row.action === 'failed';
}
