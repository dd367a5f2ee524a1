import type { Issue } from '../core/issues.js';
import type { Attributes } from '../core/schema.js';
import type { Journal, JournalRecord } from './journal.js';

/**
 * Adds `company_id` to what is sent for a person or deal whose company is known only now (created earlier in
 * this run). A company that could not be imported leaves the record unlinked, with a warning that says why.
 */
export function withCompany(
  journal: Journal,
  runId: number,
  record: JournalRecord,
): { attributes: Attributes; issues: Issue[] } {
  if (!record.setCompany || !record.companySourceId) return { attributes: record.attributes, issues: [] };
  const companyId = journal.clarifyIdOf('company', record.companySourceId, runId);
  if (companyId) return { attributes: { ...record.attributes, company_id: companyId }, issues: [] };
  const company = journal.recordOf(runId, 'company', record.companySourceId);
  const why = company?.reason ? `: ${company.reason}` : '';
  return {
    attributes: record.attributes,
    issues: [
      {
        code: 'DEPENDENCY_FAILED',
        severity: 'warning',
        message: `company ${record.companySourceId}${company ? ` (${company.file}:${company.line})` : ''} was not imported${why}; imported without a company link`,
        file: record.file,
        line: record.line,
        object: record.object,
        sourceId: record.sourceId,
      },
    ],
  };
}
