import type { Issue } from '../core/issues.js';
import type { WriteApi } from './api-port.js';
import type { Journal, LinkRow } from './journal.js';

/**
 * Links the people of one deal with one relationship PATCH. The endpoint replaces the whole set, so when the
 * deal existed before this run (or the PATCH may already have happened) its current people are read first and
 * the union is sent; nothing is sent when the union adds no one. The people it adds are journaled on the link
 * (`added_person_ids`) before the PATCH, so rollback removes exactly those and never a link that was there.
 */
export async function linkDeal(api: WriteApi, journal: Journal, runId: number, link: LinkRow): Promise<void> {
  const planIssues = link.issues.filter((issue) => issue.severity !== 'info').length;
  const dealId = journal.clarifyIdOf('deal', link.dealSourceId, runId);
  if (!dealId) {
    const deal = journal.recordOf(runId, 'deal', link.dealSourceId);
    const reason = `deal ${link.dealSourceId} was not imported${deal?.reason ? `: ${deal.reason}` : ''}`;
    journal.setLinkState(link.id, 'failed', {
      linked: 0,
      failed: link.personSourceIds.length + planIssues,
      reason,
      issues: [...link.issues, linkIssue(link, reason)],
    });
    return;
  }
  const issues: Issue[] = [...link.issues];
  const personIds: string[] = [];
  for (const personSourceId of link.personSourceIds) {
    const personId = journal.clarifyIdOf('person', personSourceId, runId);
    if (personId) personIds.push(personId);
    else {
      const person = journal.recordOf(runId, 'person', personSourceId);
      issues.push(
        linkIssue(
          link,
          `person ${personSourceId}${person ? ` (${person.file}:${person.line})` : ''} was not imported${person?.reason ? `: ${person.reason}` : ''}; not linked to this deal`,
        ),
      );
    }
  }
  const failed = link.personSourceIds.length - personIds.length + planIssues;
  if (personIds.length === 0) {
    journal.setLinkState(link.id, failed > 0 ? 'failed' : 'done', { linked: 0, failed, issues });
    return;
  }
  const deal = journal.recordOf(runId, 'deal', link.dealSourceId);
  const existedBefore = deal?.action !== 'create' || link.state === 'in_flight';
  let wanted = personIds;
  let added = personIds;
  if (existedBefore) {
    const current = await api.getDealPeople(dealId);
    const have = new Set(current);
    added = personIds.filter((id) => !have.has(id));
    const union = new Set([...current, ...personIds]);
    if (union.size === current.length) {
      journal.setLinkAdded(link.id, []);
      journal.setLinkState(link.id, 'done', { linked: personIds.length, failed, issues });
      return;
    }
    wanted = [...union];
  }
  // Before the PATCH: rollback must know whom this run added even if the process dies right after it.
  journal.setLinkAdded(link.id, added);
  journal.setLinkState(link.id, 'in_flight');
  const result = await api.setDealPeople(dealId, wanted);
  if (result.ok) {
    journal.setLinkState(link.id, 'done', { linked: personIds.length, failed, issues });
    return;
  }
  if (result.kind === 'uncertain')
    throw new Error(`no answer from the API while linking a deal: ${result.detail}`);
  const reason = `Clarify refused the links (HTTP ${result.status}): ${result.detail}`;
  journal.setLinkState(link.id, 'failed', {
    linked: 0,
    failed: link.personSourceIds.length + planIssues,
    reason,
    issues: [...issues, linkIssue(link, reason)],
  });
}

function linkIssue(link: LinkRow, message: string): Issue {
  return {
    code: 'LINK_FAILED',
    severity: 'warning',
    message,
    file: link.file,
    line: link.line,
    object: 'deal',
    sourceId: link.dealSourceId,
  };
}
