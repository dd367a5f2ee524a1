import type { Issue } from './issues.js';
import type { ObjectType } from './objects.js';
import type { SourcePosition } from './rows.js';
import type { Attributes } from './schema.js';

/**
 * What a source adapter makes of one export row: Clarify attribute names with the raw text values
 * (collections as arrays of raw strings). Normalization against the workspace schema comes later.
 */
export interface SourceRecord {
  object: ObjectType;
  /** Stable id in the source CRM (HubSpot Record ID, Salesforce 18-char Id, Pipedrive ID); synthesized when absent. */
  sourceId: string;
  origin: SourcePosition;
  fields: Record<string, string | string[]>;
  /** For person and deal: the sourceId of its company in the same export, if any. */
  companySourceId?: string;
  /**
   * The row's own country as written in the export (`United States`, `DE`), when it has a country column:
   * the default region of its phone numbers, before the mapping's `default_country`.
   */
  region?: string;
  /** The row as read, for errors.csv. */
  raw: Record<string, string>;
  /** Problems the adapter found in this row (dropped emails, unresolved links...). */
  issues: Issue[];
  /**
   * E-mail addresses the row also holds but does not send (Pipedrive keeps a person's first address): used
   * only to find the person already in the workspace, so that one is updated instead of a duplicate created.
   */
  matchEmails?: string[];
}

/** A source row that is deliberately not imported (deleted, converted lead, catch-all account...). */
export interface SkippedRow {
  object: ObjectType;
  sourceId: string;
  origin: SourcePosition;
  reason: string;
  raw: Record<string, string>;
  issue: Issue;
}

/** A person–deal association found in the export (by source ids). */
export interface SourceLink {
  dealSourceId: string;
  /** `''` when the link has a `problem`. */
  personSourceId: string;
  origin: SourcePosition;
  /**
   * Set when the adapter could not tell which person the export means (Pipedrive names a deal's contact
   * person, and no person, or several, have that name): the planner reports the link on its deal and counts
   * it as failed, as it does a link to a person missing from the export.
   */
  problem?: Issue;
}

/** A record after normalization: attributes are valid for the workspace schema and ready to send. */
export interface CanonicalRecord {
  object: ObjectType;
  sourceId: string;
  origin: SourcePosition;
  /** Everything but `company_id`, which is resolved from `companySourceId` when the company has an id. */
  attributes: Attributes;
  companySourceId?: string;
  raw: Record<string, string>;
  issues: Issue[];
  /** SourceRecord.matchEmails, normalized; only the valid ones, only when there are some. */
  matchEmails?: string[];
}

/** The outcome of one source row, as reported in outcomes.csv. */
export const ROW_ACTIONS = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];
