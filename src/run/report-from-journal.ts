import type { Issue } from '../core/issues.js';
import { OBJECT_TYPES, type ObjectType } from '../core/objects.js';
import type { RowAction } from '../core/records.js';
import type { PlannedRecord } from '../plan/index.js';
import type { ObjectCounts, OutcomeRow, RenamedDeal, ReportInput, Summary } from '../report/types.js';
import type { Journal, JournalRecord } from './journal.js';

const PLANNED_AS: Record<JournalRecord['action'], RowAction> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  skip: 'skipped',
  fail: 'failed',
};

const NOT_SENT_REASON =
  'not sent yet: the run stopped before this row; run again with the same --state to resume';

/**
 * A row's outcome for the report. In a plan the planned action is the outcome; in a run a row not yet sent
 * (the run was interrupted) counts as failed, with a reason that says how to finish it — never as done.
 */
export function rowOutcome(
  record: JournalRecord,
  mode: 'plan' | 'run',
): { action: RowAction; reason?: string } {
  if (mode === 'plan' || record.action === 'skip' || record.action === 'fail') {
    return { action: PLANNED_AS[record.action], reason: record.reason ?? undefined };
  }
  if (record.outcome === null) return { action: 'failed', reason: NOT_SENT_REASON };
  return { action: record.outcome, reason: record.reason ?? undefined };
}

/**
 * A planned row as the report of a plan shows it: the same row the journal gives back for it once written
 * (`iterateOutcomes` in plan mode), so a plan can report each row as it plans it. Original values only for
 * rows planned to be skipped or failed, as the plan journal keeps them.
 */
export function plannedOutcomeRow(record: PlannedRecord): OutcomeRow {
  const problem = record.action === 'skip' || record.action === 'fail';
  return {
    object: record.object,
    sourceFile: record.origin.file,
    sourceLine: record.origin.line,
    sourceId: record.sourceId,
    action: PLANNED_AS[record.action],
    clarifyId: record.clarifyId ?? undefined,
    reason: record.reason ?? undefined,
    raw: problem ? record.raw : {},
    issues: record.issues,
  };
}

function emptyCounts(): ObjectCounts {
  return { rows: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
}

/** Counts per object and outcome; `as: 'plan'` shows a run's planned actions (before it is executed). */
export function summarize(journal: Journal, runId: number, as?: 'plan' | 'run'): Summary {
  const run = journal.getRun(runId);
  const mode = as ?? run.mode;
  const objects = Object.fromEntries(OBJECT_TYPES.map((object) => [object, emptyCounts()])) as Record<
    ObjectType,
    ObjectCounts
  >;
  for (const group of journal.countOutcomes(runId)) {
    const fake = { action: group.action, outcome: group.outcome } as JournalRecord;
    const { action } = rowOutcome(fake, mode);
    const counts = objects[group.object];
    counts.rows += group.n;
    counts[action] += group.n;
  }
  const links = mode === 'plan' ? journal.plannedLinkTotals(runId) : journal.linkTotals(runId);
  return {
    source: run.source,
    objects,
    links: { deal_people: { linked: links.linked, failed: links.failed } },
    requests: run.requests,
    duration_ms: run.duration_ms,
    mode,
    finished: run.status === 'finished' || run.status === 'planned',
  };
}

export function reportInputFromJournal(journal: Journal, runId: number): ReportInput {
  const run = journal.getRun(runId);
  const renamedDeals: RenamedDeal[] = journal.renamedDeals(runId).map((row) => ({
    sourceFile: row.file,
    sourceLine: row.line,
    sourceId: row.source_id,
    from: row.renamed_from,
    to: String(row.name ?? ''),
  }));
  const fileIssues = [...(JSON.parse(run.file_issues) as Issue[]), ...journal.allLinkIssues(runId)];
  return {
    summary: summarize(journal, runId),
    outcomes: async function* (): AsyncGenerator<OutcomeRow> {
      for (const row of journal.iterateOutcomes(runId, run.mode)) {
        const { action, reason } = rowOutcome(
          { action: row.action, outcome: row.outcome, reason: row.reason } as JournalRecord,
          run.mode,
        );
        yield {
          object: row.object,
          sourceFile: row.file,
          sourceLine: row.line,
          sourceId: row.source_id,
          action,
          clarifyId: row.clarify_id ?? undefined,
          reason,
          raw: row.raw ? (JSON.parse(row.raw) as Record<string, string>) : {},
          issues: row.issues === '[]' ? [] : (JSON.parse(row.issues) as Issue[]),
        };
      }
    },
    fileIssues,
    renamedDeals,
    throughput: journal.throughput(runId),
    startedAt: run.started_at,
    target: run.target,
  };
}
