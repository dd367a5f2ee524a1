import type { Issue } from '../core/issues.js';
import { OBJECT_TYPES, type ObjectType } from '../core/objects.js';
import type { RowAction } from '../core/records.js';
import type { PlannedRecord } from '../plan/index.js';
import type {
  NotSent,
  ObjectCounts,
  OutcomeRow,
  RenamedDeal,
  ReportInput,
  Summary,
} from '../report/types.js';
import type { Journal, JournalRecord, OutcomeDbRow } from './journal.js';

const PLANNED_AS: Record<JournalRecord['action'], RowAction> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  skip: 'skipped',
  fail: 'failed',
};

export const NOT_SENT_REASON =
  'not sent: the run stopped before this row was sent; run again with the same --state to resume';

/**
 * A row's outcome for the report. In a plan the planned action is the outcome; in a run a row not yet sent
 * (the run was interrupted or aborted) counts as failed — summary.json has no sixth outcome, and it is not
 * done — but `notSent` says so, and the reports give it NOT_SENT and a reason that says how to finish it.
 */
export function rowOutcome(
  record: JournalRecord,
  mode: 'plan' | 'run',
): { action: RowAction; reason?: string; notSent: boolean } {
  if (mode === 'plan' || record.action === 'skip' || record.action === 'fail') {
    return { action: PLANNED_AS[record.action], reason: record.reason ?? undefined, notSent: false };
  }
  if (record.outcome === null) return { action: 'failed', reason: NOT_SENT_REASON, notSent: true };
  return { action: record.outcome, reason: record.reason ?? undefined, notSent: false };
}

/**
 * The issue a not-sent row is reported under (errors.csv's code, the report's group): without it the row's
 * leftover notes and warnings (DEAL_RENAMED, say) would pass for the reason it failed.
 */
function notSentIssue(row: OutcomeDbRow): Issue {
  return {
    code: 'NOT_SENT',
    severity: 'error',
    message: NOT_SENT_REASON,
    file: row.file,
    line: row.line,
    object: row.object,
    sourceId: row.source_id,
  };
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
  const notSent: NotSent = { company: 0, person: 0, deal: 0, deal_people: 0 };
  for (const group of journal.countOutcomes(runId)) {
    const fake = { action: group.action, outcome: group.outcome } as JournalRecord;
    const outcome = rowOutcome(fake, mode);
    const counts = objects[group.object];
    counts.rows += group.n;
    counts[outcome.action] += group.n;
    if (outcome.notSent) notSent[group.object] += group.n;
  }
  const summary: Summary = {
    source: run.source,
    objects,
    links: { deal_people: { linked: 0, failed: 0 } },
    requests: run.requests,
    duration_ms: run.duration_ms,
    mode,
    finished: run.status === 'finished' || run.status === 'planned',
  };
  if (mode === 'plan') {
    const planned = journal.plannedLinkTotals(runId);
    summary.links.deal_people = { linked: planned.linked, failed: planned.failed };
    return summary;
  }
  const links = journal.linkTotals(runId);
  summary.links.deal_people = { linked: links.linked, failed: links.failed };
  notSent.deal_people = links.pendingPeople;
  summary.not_sent = notSent;
  summary.links_unchanged = { deal_people: links.unchanged };
  return summary;
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
        const { action, reason, notSent } = rowOutcome(
          { action: row.action, outcome: row.outcome, reason: row.reason } as JournalRecord,
          run.mode,
        );
        const issues = row.issues === '[]' ? [] : (JSON.parse(row.issues) as Issue[]);
        yield {
          object: row.object,
          sourceFile: row.file,
          sourceLine: row.line,
          sourceId: row.source_id,
          action,
          clarifyId: row.clarify_id ?? undefined,
          reason,
          raw: row.raw ? (JSON.parse(row.raw) as Record<string, string>) : {},
          issues: notSent ? [notSentIssue(row), ...issues] : issues,
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
