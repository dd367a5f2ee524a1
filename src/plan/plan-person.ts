import type { Issue } from '../core/issues.js';
import type { CanonicalRecord } from '../core/records.js';
import { lowerItems, nameKey, personName } from './attributes.js';
import { type CompanyLink, resolveCompanyLink } from './company-link.js';
import { knownId, type PlanContext, type WorkspaceMatch, workspaceMatches } from './context.js';
import { planIssue, rowLabel } from './issues.js';
import { decide, drop } from './outcome.js';
import type { PlannedRecord } from './types.js';

/**
 * A person row: merged into an earlier row of the same person that shares an email (a different person
 * is kept without the shared emails, with a warning); else matched by
 * known id, then by any email, then — only without emails — by a unique full name within the same company.
 */
export function planPerson(ctx: PlanContext, input: CanonicalRecord): PlannedRecord {
  let record = input;
  const { people, index } = ctx;
  const { sourceId } = record;
  const line = record.origin.line;
  const name = personName(record.attributes);
  let emails = lowerItems(record.attributes.email_addresses);

  const twin = people.recordSlot(sourceId);
  if (twin !== undefined) {
    return drop(
      record,
      'skip',
      'MERGED_DUPLICATE',
      'warning',
      `same contact id ${sourceId} as ${people.place(twin, record.origin.file)}: merged.`,
    );
  }
  if (emails.length === 0 && name === '') {
    const reason = 'the contact has neither an email address nor a name; add at least one in the source CRM.';
    people.dropped(sourceId, line, name, reason);
    return drop(record, 'fail', 'MISSING_UNIQUE_KEY', 'error', reason);
  }

  // Duplicates inside the export: one Clarify person per email. The same person twice is merged; a
  // different person who shares an email (a team inbox, a placeholder) is kept, without the shared email.
  const owners = earlierOwners(people, emails);
  if (owners.size === 1) {
    const [[owner, ownerEmail]] = [...owners] as [[number, string]];
    const ownerName = people.name(owner);
    if (name === '' || ownerName === '' || nameKey(name) === nameKey(ownerName)) {
      return duplicate(
        ctx,
        record,
        name,
        emails,
        owner,
        `same email ${ownerEmail}`,
        `email ${ownerEmail} is also the email of`,
      );
    }
  }
  if (owners.size > 0) {
    const shared = emails.filter((email) => people.keyOwner(email) !== undefined);
    const holders = [...owners].map(
      ([slot, email]) => `${email}: ${rowLabel(people.name(slot), people.place(slot, record.origin.file))}`,
    );
    emails = emails.filter((email) => people.keyOwner(email) === undefined);
    if (emails.length === 0 && name === '') {
      // Nameless, its emails held by different contacts: nothing is left to import it by.
      const reason =
        `its emails belong to different contacts (${holders.join(', ')}) and it has no name of its own; ` +
        'Clarify allows one person per email — give this contact its own email or merge the contacts in the source CRM.';
      people.dropped(sourceId, line, name, reason);
      return drop(record, 'fail', 'DUPLICATE_IN_EXPORT', 'error', reason);
    }
    record = withoutEmails(record, emails, {
      code: 'DUPLICATE_IN_EXPORT',
      severity: 'warning',
      message:
        `${shared.length === 1 ? 'its email is' : 'its emails are'} also used by another contact (${holders.join(', ')}), ` +
        'who keeps it: Clarify allows one person per email, so this contact is imported without it — give it its own email in the source CRM.',
      file: record.origin.file,
      line: record.origin.line,
      object: 'person',
      sourceId,
    });
  }

  const company = resolveCompanyLink(ctx, record);
  const matches = workspaceMatches(knownId(ctx, 'person', sourceId), emails, (email) =>
    index.personByEmail(email),
  );
  if (matches.length > 1) {
    const [a, b] = matches as [WorkspaceMatch, WorkspaceMatch];
    const reason =
      `its emails match two different Clarify people, ${a.id} (${a.via}) and ${b.id} (${b.via}); ` +
      'merge them in Clarify or fix the emails in the source CRM.';
    const slot = people.dropped(sourceId, line, name, reason);
    for (const email of emails) people.ownKey(email, slot);
    return drop(record, 'fail', 'AMBIGUOUS_MATCH', 'error', reason);
  }
  let clarifyId: string | undefined = matches[0]?.id;
  if (clarifyId === undefined && record.matchEmails) {
    const found = matchByOtherEmails(ctx, record.matchEmails);
    if (found) {
      clarifyId = found.id;
      record = {
        ...record,
        issues: [
          ...record.issues,
          planIssue(
            record,
            'MATCHED_OTHER_EMAIL',
            'info',
            `matched the Clarify person ${found.id} by its other email ${found.via}, which is not sent: that person is updated, not created again.`,
          ),
        ],
      };
    }
  }
  if (clarifyId === undefined && emails.length === 0) clarifyId = matchByName(ctx, name, company);

  if (clarifyId !== undefined) {
    const owner = people.claimedBy(clarifyId);
    if (owner !== undefined) {
      const what = `same Clarify person ${clarifyId}`;
      return duplicate(ctx, record, name, emails, owner, what, `it matches the ${what} as`);
    }
  }

  const planned = decide(record, {
    attributes: record.attributes,
    existing: clarifyId === undefined ? undefined : index.get('person', clarifyId),
    company,
    matchKeys: emails.length > 0 ? emails : [`name:${name}`],
  });
  const slot = people.imported(sourceId, line, name);
  for (const email of emails) people.ownKey(email, slot);
  if (clarifyId !== undefined) people.claim(clarifyId, slot);
  return planned;
}

/**
 * By the e-mails the row holds but does not send (SourceRecord.matchEmails): the one workspace person they
 * lead to, if exactly one (two would be a guess).
 */
function matchByOtherEmails(ctx: PlanContext, emails: string[]): WorkspaceMatch | undefined {
  const matches = workspaceMatches(undefined, emails, (email) => ctx.index.personByEmail(email));
  return matches.length === 1 ? matches[0] : undefined;
}

/** Without emails: the one workspace person with this name at the same company (or with no company). */
function matchByName(ctx: PlanContext, name: string, company: CompanyLink): string | undefined {
  // A company that is still to be created has no people in the workspace yet.
  if (company.kind === 'create') return undefined;
  return ctx.index.personByName(name, company.kind === 'existing' ? company.clarifyId : '');
}

/**
 * A row that is the same Clarify person as an earlier row (`owner`): merged when the names agree or one
 * side has none, else a failure — merging two different people would lose one of them.
 */
function duplicate(
  ctx: PlanContext,
  record: CanonicalRecord,
  name: string,
  emails: string[],
  owner: number,
  same: string,
  conflict: string,
): PlannedRecord {
  const { people } = ctx;
  const { sourceId } = record;
  const line = record.origin.line;
  const ownerName = people.name(owner);
  const ownerPlace = people.place(owner, record.origin.file);
  if (name === '' || ownerName === '' || nameKey(name) === nameKey(ownerName)) {
    const extra = emails.filter((email) => people.keyOwner(email) === undefined);
    const note =
      extra.length > 0
        ? `; its other email ${extra.join(', ')} is not added — add it in Clarify if needed`
        : '';
    people.alias(sourceId, line, name, owner);
    // Its other emails now lead to the kept row, so a third row with one of them merges too.
    for (const email of extra) people.ownKey(email, owner);
    return drop(
      record,
      'skip',
      'MERGED_DUPLICATE',
      'warning',
      `same person as ${ownerPlace} (${same}): merged${note}.`,
    );
  }
  const reason =
    `${conflict} ${rowLabel(ownerName, ownerPlace)}; Clarify allows one person per email — ` +
    'give this contact its own email or merge the two in the source CRM.';
  people.dropped(sourceId, line, name, reason);
  return drop(record, 'fail', 'DUPLICATE_IN_EXPORT', 'error', reason);
}

/** The record with only `emails` left (none: the attribute is dropped) and the issue that says why. */
function withoutEmails(record: CanonicalRecord, emails: string[], issue: Issue): CanonicalRecord {
  const { email_addresses: _dropped, ...rest } = record.attributes;
  const attributes = emails.length > 0 ? { ...rest, email_addresses: { items: emails } } : rest;
  return { ...record, attributes, issues: [...record.issues, issue] };
}

const NO_OWNERS: ReadonlyMap<number, string> = new Map();

/**
 * The earlier rows that hold any of these emails (slot → the first shared email). Nearly every row shares
 * none: it then gets the one empty map instead of a new one (a million contacts, a million maps).
 */
function earlierOwners(people: PlanContext['people'], emails: string[]): ReadonlyMap<number, string> {
  let owners: Map<number, string> | undefined;
  for (const email of emails) {
    const slot = people.keyOwner(email);
    if (slot === undefined) continue;
    owners ??= new Map();
    if (!owners.has(slot)) owners.set(slot, email);
  }
  return owners ?? NO_OWNERS;
}
