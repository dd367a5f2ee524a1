import type { Issue } from '../core/issues.js';
import type { ObjectType } from '../core/objects.js';
import type { SourcePosition } from '../core/rows.js';
import type { Attributes } from '../core/schema.js';

/** A record the workspace already holds (from the snapshot). */
export interface ExistingRecord {
  id: string;
  attributes: Attributes;
}

export type PlanAction = 'create' | 'update' | 'unchanged' | 'skip' | 'fail';

/** The planned fate of one source row. The plan is data: `run` executes it, `plan` only reports it. */
export interface PlannedRecord {
  object: ObjectType;
  sourceId: string;
  origin: SourcePosition;
  action: PlanAction;
  /** The matched Clarify record (update/unchanged). Creates get theirs when run. */
  clarifyId?: string;
  /** create: every attribute to send; update: only the attributes that change. Never `company_id`. */
  attributes: Attributes;
  /** update: the workspace's values before the change, for the report and rollback. */
  previous?: Attributes;
  /**
   * The company this person/deal belongs to (source id). `run` sets `company_id` from it when
   * `setCompany` is true: the company's id is known only once the company exists.
   */
  companySourceId?: string;
  setCompany?: boolean;
  /**
   * Values of the unique key — how `run` reconciles a batch whose response was lost:
   * - person: its email addresses, lower-cased (any one identifies the person);
   * - company: its domains, lower-cased (any one identifies the company);
   * - deal: `[final name]`, exactly as sent (after any rename);
   * - person without emails: `['name:<first_name> <last_name>']` (whitespace tidied, one space between;
   *   just the one part when the other is empty) — reconcile with a name filter plus `company_id`;
   * - company without domains: `['name:<company name>']` — reconcile with a case-insensitive name filter.
   * Empty for skip/fail.
   */
  matchKeys: string[];
  /** skip/fail: why, in words a person can act on. */
  reason?: string;
  /** Deal renamed to keep Clarify's unique deal names: the name in the export. */
  renamedFrom?: string;
  issues: Issue[];
  raw: Record<string, string>;
}

/** All people of one deal, sent in one relationship PATCH (the endpoint replaces the set). */
export interface PlannedLink {
  dealSourceId: string;
  personSourceIds: string[];
  origin: SourcePosition;
  issues: Issue[];
}

export interface PlannerOptions {
  /** Deal rename pattern with `{name}`, `{company}`, `{id}`, `{n}` placeholders. */
  dealRename: string;
  /** Clarify id a previous run with the same state recorded for this source row, if any. */
  knownId?: (object: ObjectType, sourceId: string) => string | undefined;
}
