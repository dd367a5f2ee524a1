import type { Issue } from '../core/issues.js';
import type { CanonicalRecord } from '../core/records.js';
import type { PlanContext } from './context.js';
import { planIssue, rowLabel } from './issues.js';

/** How a person or deal relates to its company, once the companies are planned. */
export type CompanyLink =
  | { kind: 'none' }
  /** The company will not be imported (or is not in the export): the record goes ahead without one. */
  | { kind: 'missing'; issue: Issue }
  | { kind: 'create'; companySourceId: string }
  | { kind: 'existing'; companySourceId: string; clarifyId: string };

export function resolveCompanyLink(ctx: PlanContext, record: CanonicalRecord): CompanyLink {
  const sourceId = record.companySourceId;
  if (sourceId === undefined || sourceId === '') return { kind: 'none' };
  const own = ctx.companies.get(sourceId);
  const kept = ctx.companies.follow(own);
  const what = record.object === 'deal' ? 'the deal' : 'the person';
  if (!own || !kept) {
    return missing(
      record,
      `company ${sourceId} is not in the export; ${what} is imported without a company.`,
    );
  }
  if (kept.action === 'create') return { kind: 'create', companySourceId: kept.sourceId };
  if ((kept.action === 'update' || kept.action === 'unchanged') && kept.clarifyId !== undefined) {
    return { kind: 'existing', companySourceId: kept.sourceId, clarifyId: kept.clarifyId };
  }
  if (kept.catchAll) {
    // As intended, not a problem: a note, not a warning on each of what may be thousands of rows.
    const code = record.object === 'person' ? 'CATCH_ALL_CONTACT' : 'CATCH_ALL_ACCOUNT';
    const message = `it belongs to the catch-all company "${kept.label}", which is not created; ${what} is imported without a company.`;
    return { kind: 'missing', issue: planIssue(record, code, 'info', message) };
  }
  const reason = (kept.reason ?? `it is planned as ${kept.action}`).replace(/\.\s*$/, '');
  return missing(
    record,
    `company ${rowLabel(own.label, own.line)} is not imported: ${reason}; ${what} is imported without a company.`,
  );
}

function missing(record: CanonicalRecord, message: string): CompanyLink {
  return { kind: 'missing', issue: planIssue(record, 'MISSING_COMPANY', 'warning', message) };
}
