import type { Issue } from '../core/issues.js';
import type { WriteApi } from './api-port.js';
import type { Journal, LinkRow } from './journal.js';

/**
 * Links the people of one deal with one relationship PATCH. The endpoint replaces the whole set, so when the
 * deal existed before this run (or the PATCH may already have happened) its current people are read first and
 * the union is sent; nothing is sent when the union adds no one. The people it adds are journaled on the link
 * (`added_person_ids`) before the PATCH, so rollback removes exactly those and never a link that was there.
 * People already on the deal count as unchanged, not as linked; those an earlier run of the same journal
 * linked are not even asked for (see Journal.knownDealPeople).
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
  const resumed = link.state === 'in_flight';
  const existedBefore = deal?.action !== 'create' || resumed;
  const done = { failed, issues, dealId, linkedPersonIds: personIds };
  // Links an earlier run of this journal made (or found) need no request: a second run sends nothing.
  if (existedBefore && !resumed) {
    const known = journal.knownDealPeople(runId, dealId);
    if (personIds.every((id) => known.has(id))) {
      journal.setLinkAdded(link.id, []);
      journal.setLinkState(link.id, 'done', { ...done, linked: 0, unchanged: personIds.length });
      return;
    }
  }
  let wanted = personIds;
  let added = personIds;
  /** People already on the deal before this run: unchanged, not made. */
  let inPlace = 0;
  if (existedBefore) {
    const current = await api.getDealPeople(dealId);
    const have = new Set(current);
    added = personIds.filter((id) => !have.has(id));
    // A resumed link finds the people its own earlier attempt added: those it made.
    const ours = new Set(resumed ? (link.addedPersonIds ?? []) : []);
    inPlace = personIds.filter((id) => have.has(id) && !ours.has(id)).length;
    const union = new Set([...current, ...personIds]);
    if (union.size === current.length) {
      journal.setLinkAdded(link.id, []);
      journal.setLinkState(link.id, 'done', {
        ...done,
        linked: personIds.length - inPlace,
        unchanged: inPlace,
      });
      return;
    }
    wanted = [...union];
  }
  // Before the PATCH: rollback must know whom this run added even if the process dies right after it.
  journal.setLinkAdded(link.id, added);
  journal.setLinkState(link.id, 'in_flight');
  const result = await api.setDealPeople(dealId, wanted);
  if (result.ok) {
    journal.setLinkState(link.id, 'done', {
      ...done,
      linked: personIds.length - inPlace,
      unchanged: inPlace,
    });
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
