import type { CanonicalRecord } from '../core/records.js';
import { companyName, lowerItems } from './attributes.js';
import type { CompanyState } from './company-book.js';
import { knownId, type PlanContext, type WorkspaceMatch, workspaceMatches } from './context.js';
import { q, rowLabel } from './issues.js';
import { decide, drop } from './outcome.js';
import type { PlannedRecord } from './types.js';

/**
 * A company row: merged into an earlier row that shares a domain (or the same source id), else matched
 * by known id, then by any domain, then — only without domains — by a unique case-insensitive name.
 */
export function planCompany(ctx: PlanContext, record: CanonicalRecord): PlannedRecord {
  const { companies, index } = ctx;
  const { sourceId } = record;
  const line = record.origin.line;
  const name = companyName(record.attributes);
  const domains = lowerItems(record.attributes.domains);
  const label = name || domains[0] || sourceId;
  const state = (patch: Partial<CompanyState> & Pick<CompanyState, 'action'>): CompanyState => ({
    sourceId,
    line,
    name,
    label,
    ...patch,
  });

  const twin = companies.record(sourceId);
  if (twin) {
    return drop(
      record,
      'skip',
      'MERGED_DUPLICATE',
      'warning',
      `same company id ${sourceId} as line ${twin.line}: merged.`,
    );
  }
  if (name === '' && domains.length === 0) {
    const reason = 'the company has neither a domain nor a name; add its website or name in the source CRM.';
    companies.set(state({ action: 'fail', reason }));
    return drop(record, 'fail', 'MISSING_UNIQUE_KEY', 'error', reason);
  }

  for (const domain of domains) {
    const kept = companies.domainOwner(domain);
    if (!kept) continue;
    const reason =
      `${q(label)} has the domain ${domain} of ${q(kept.label)} (line ${kept.line}): merged into ${q(kept.label)}; ` +
      'its people and deals are linked to that company.';
    return merge(ctx, record, state({ action: 'skip', reason, aliasOf: kept.sourceId }), domains);
  }

  const matches = workspaceMatches(knownId(ctx, 'company', sourceId), domains, (domain) =>
    index.companyByDomain(domain),
  );
  if (matches.length > 1) {
    const [a, b] = matches as [WorkspaceMatch, WorkspaceMatch];
    const reason =
      `its domains match two different Clarify companies, ${a.id} (${a.via}) and ${b.id} (${b.via}); ` +
      'merge them in Clarify or fix the domains in the source CRM.';
    companies.set(state({ action: 'fail', reason }));
    for (const domain of domains) companies.ownDomain(domain, sourceId);
    return drop(record, 'fail', 'AMBIGUOUS_MATCH', 'error', reason);
  }
  let clarifyId: string | undefined = matches[0]?.id;
  if (clarifyId === undefined && domains.length === 0) clarifyId = index.companyByName(name);

  if (clarifyId !== undefined) {
    const kept = companies.claimedBy(clarifyId);
    if (kept) {
      const reason =
        `${q(label)} is the same Clarify company ${clarifyId} as ${rowLabel(q(kept.label), kept.line)}: ` +
        'merged; its people and deals are linked to that company.';
      return merge(ctx, record, state({ action: 'skip', reason, aliasOf: kept.sourceId }), domains);
    }
  }

  const planned = decide(record, {
    attributes: record.attributes,
    existing: clarifyId === undefined ? undefined : index.get('company', clarifyId),
    company: { kind: 'none' },
    matchKeys: domains.length > 0 ? domains : [`name:${name}`],
  });
  companies.set(state({ action: planned.action, ...(clarifyId !== undefined ? { clarifyId } : {}) }));
  if (clarifyId !== undefined) companies.claim(clarifyId, sourceId);
  for (const domain of domains) companies.ownDomain(domain, sourceId);
  return planned;
}

function merge(
  ctx: PlanContext,
  record: CanonicalRecord,
  state: CompanyState,
  domains: string[],
): PlannedRecord {
  ctx.companies.set(state);
  // Its other domains now point at the kept company, so a third row with one of them merges too.
  for (const domain of domains) ctx.companies.ownDomain(domain, state.sourceId);
  return drop(record, 'skip', 'MERGED_DUPLICATE', 'warning', state.reason ?? 'merged.');
}
