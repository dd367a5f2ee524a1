import type { CanonicalRecord } from '../core/records.js';
import { dealName } from './attributes.js';
import { resolveCompanyLink } from './company-link.js';
import { knownId, type PlanContext } from './context.js';
import { planIssue, q } from './issues.js';
import { decide, drop } from './outcome.js';
import type { PlannedRecord } from './types.js';

/**
 * A deal row: its name is Clarify's unique key, so a name already used by an earlier deal of the export
 * is made unique first (never merged); the final name is then matched exactly against the workspace,
 * where a match means a previous run created it.
 */
export function planDeal(ctx: PlanContext, record: CanonicalRecord): PlannedRecord {
  const { deals, index } = ctx;
  const { sourceId } = record;
  const line = record.origin.line;
  const name = dealName(record.attributes);

  const twin = deals.recordSlot(sourceId);
  if (twin !== undefined) {
    return drop(
      record,
      'skip',
      'MERGED_DUPLICATE',
      'warning',
      `same deal id ${sourceId} as ${deals.place(twin, record.origin.file)}: merged.`,
    );
  }
  if (name === '') {
    const reason =
      'the deal has no name, and Clarify needs one (it is the unique key of deals); name it in the source CRM.';
    deals.dropped(sourceId, line, name, reason);
    return drop(record, 'fail', 'MISSING_UNIQUE_KEY', 'error', reason);
  }

  const company = resolveCompanyLink(ctx, record);
  const companyRow = record.companySourceId ? ctx.companies.get(record.companySourceId) : undefined;
  const assigned = ctx.dealNames.assign({ name, company: companyRow?.label ?? sourceId, sourceId, line });
  const issues = [];
  let attributes = record.attributes;
  if (assigned.takenByLine !== undefined) {
    attributes = { ...attributes, name: assigned.name };
    issues.push(
      planIssue(
        record,
        'DEAL_RENAMED',
        'warning',
        `renamed to ${q(assigned.name)} because deal line ${assigned.takenByLine} already has this name (deal names are unique in Clarify).`,
      ),
    );
  }

  let clarifyId = knownId(ctx, 'deal', sourceId);
  if (clarifyId !== undefined && deals.claimedBy(clarifyId) !== undefined) clarifyId = undefined;
  clarifyId ??= index.dealByName(assigned.name);
  // Final names are unique in the export, so only a stale known id could point two rows at one deal.
  if (clarifyId !== undefined && deals.claimedBy(clarifyId) !== undefined) clarifyId = undefined;

  const planned = decide(record, {
    attributes,
    existing: clarifyId === undefined ? undefined : index.get('deal', clarifyId),
    company,
    matchKeys: [assigned.name],
    issues,
    ...(assigned.takenByLine !== undefined ? { renamedFrom: name } : {}),
  });
  const slot = deals.imported(sourceId, line, assigned.name);
  if (clarifyId !== undefined) deals.claim(clarifyId, slot);
  return planned;
}
