import type { Issue } from '../core/issues.js';
import type { ObjectType } from '../core/objects.js';
import type { RowAction } from '../core/records.js';

export interface ObjectCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

/** `report/summary.json`, exactly as design.md §3 fixes it (extra keys are allowed after the fixed ones). */
export interface Summary {
  source: string;
  objects: Record<ObjectType, ObjectCounts>;
  links: { deal_people: { linked: number; failed: number } };
  requests: number;
  duration_ms: number;
  /** 'plan' when nothing was written (the actions are the planned ones). */
  mode: 'plan' | 'run';
  finished: boolean;
  /**
   * Of a run (absent in a plan): the rows counted as failed only because the run stopped before sending
   * them, and the person–deal links whose request was not sent (not counted in `links`). All 0 when the
   * run finished; otherwise running the same command with the same --state sends them.
   */
  not_sent?: NotSent;
  /**
   * Of a run (absent in a plan): person–deal pairs that were in Clarify already, so the run did not make them
   * (`links.deal_people.linked` counts only those it made). A second run of the same exports has them all here.
   */
  links_unchanged?: { deal_people: number };
}

export interface NotSent {
  company: number;
  person: number;
  deal: number;
  deal_people: number;
}

/** One source row's outcome: a line of outcomes.csv (and of errors.csv when skipped or failed). */
export interface OutcomeRow {
  object: ObjectType;
  sourceFile: string;
  sourceLine: number;
  sourceId: string;
  action: RowAction;
  clarifyId?: string;
  reason?: string;
  /** The row as read from the export. */
  raw: Record<string, string>;
  issues: Issue[];
}

export interface RenamedDeal {
  sourceFile: string;
  sourceLine: number;
  sourceId: string;
  from: string;
  to: string;
}

export interface ReportInput {
  summary: Summary;
  /** Streams the outcomes; called once per output that needs them (they can be millions). */
  outcomes: () => AsyncIterable<OutcomeRow>;
  /** Issues about whole files (encoding, unknown columns, missing files...). */
  fileIssues: Issue[];
  renamedDeals: RenamedDeal[];
  /** Records written over time, for the throughput chart: elapsed ms → cumulative records done. */
  throughput: Array<{ elapsedMs: number; records: number }>;
  startedAt: string;
  /** Where the report came from, shown on the page (e.g. workspace slug, API URL without secrets). */
  target?: string;
}
