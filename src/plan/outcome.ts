import type { Issue, IssueCode, IssueSeverity } from '../core/issues.js';
import type { CanonicalRecord, SkippedRow } from '../core/records.js';
import type { Attributes } from '../core/schema.js';
import type { CompanyLink } from './company-link.js';
import { diffAttributes } from './diff.js';
import { planIssue } from './issues.js';
import type { ExistingRecord, PlannedRecord } from './types.js';

/** What the planner decided about a record that goes ahead (create, update or unchanged). */
export interface Decision {
  /** The attributes to plan with (the record's own, or with a renamed deal name). */
  attributes: Attributes;
  /** The matched workspace record, if any. */
  existing?: ExistingRecord;
  company: CompanyLink;
  matchKeys: string[];
  issues?: Issue[];
  renamedFrom?: string;
}

/** A record that goes ahead: created when nothing matched, else updated with only what differs. */
export function decide(record: CanonicalRecord, decision: Decision): PlannedRecord {
  const { existing, company } = decision;
  const issues = [...record.issues, ...(decision.issues ?? [])];
  if (company.kind === 'missing') issues.push(company.issue);
  const planned: PlannedRecord = {
    object: record.object,
    sourceId: record.sourceId,
    origin: record.origin,
    action: 'create',
    attributes: {},
    matchKeys: decision.matchKeys,
    issues,
    raw: record.raw,
  };
  if (company.kind === 'create' || company.kind === 'existing')
    planned.companySourceId = company.companySourceId;
  if (decision.renamedFrom !== undefined) planned.renamedFrom = decision.renamedFrom;

  if (!existing) {
    planned.attributes = withoutCompanyId(decision.attributes);
    if (planned.companySourceId !== undefined) planned.setCompany = true;
    return planned;
  }

  planned.clarifyId = existing.id;
  const changes = diffAttributes(decision.attributes, existing.attributes);
  let changed = changes.changed;
  if (company.kind === 'create' || company.kind === 'existing') {
    const current = existing.attributes.company_id;
    const target = company.kind === 'existing' ? company.clarifyId : undefined;
    if (target === undefined || current !== target) {
      planned.setCompany = true;
      changes.previous.company_id = current === undefined ? null : current;
      changed = true;
    }
  }
  planned.action = changed ? 'update' : 'unchanged';
  if (changed) {
    planned.attributes = changes.attributes;
    planned.previous = changes.previous;
  }
  return planned;
}

/** A record that does not go ahead: skipped on purpose, or failed. */
export function drop(
  record: CanonicalRecord,
  action: 'skip' | 'fail',
  code: IssueCode,
  severity: IssueSeverity,
  reason: string,
): PlannedRecord {
  return {
    object: record.object,
    sourceId: record.sourceId,
    origin: record.origin,
    action,
    attributes: {},
    matchKeys: [],
    reason,
    issues: [...record.issues, planIssue(record, code, severity, reason)],
    raw: record.raw,
  };
}

/** A row the adapter set aside: a failure when it could not even be read, else a deliberate skip. */
export function fromSkip(skip: SkippedRow): PlannedRecord {
  return {
    object: skip.object,
    sourceId: skip.sourceId,
    origin: skip.origin,
    action: skip.issue.severity === 'error' ? 'fail' : 'skip',
    attributes: {},
    matchKeys: [],
    reason: skip.reason,
    issues: [skip.issue],
    raw: skip.raw,
  };
}

/** `company_id` is set by `run` from the company link, never sent from the export. */
function withoutCompanyId(attributes: Attributes): Attributes {
  if (!('company_id' in attributes)) return attributes;
  const { company_id: _dropped, ...rest } = attributes;
  return rest;
}
