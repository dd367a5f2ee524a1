import { describe, expect, it } from 'vitest';
import { codes, company, items, person, planner, workspace } from './helpers.js';

describe('Planner — people: matching', () => {
  it('creates an unknown person; emails (lower-case) are the match keys', () => {
    const planned = planner().addRecord(person('p1', 'Ann', 'Lee', ['Ann@Acme.com']));
    expect(planned.action).toBe('create');
    expect(planned.attributes).toEqual({
      first_name: 'Ann',
      last_name: 'Lee',
      email_addresses: items('Ann@Acme.com'),
    });
    expect(planned.matchKeys).toEqual(['ann@acme.com']);
  });

  it('matches by any one email, case-insensitively, and unions the emails', () => {
    const index = workspace({
      person: [['x1', { first_name: 'Ann', last_name: 'Lee', email_addresses: items('ann@home.org') }]],
    });
    const planned = planner(index).addRecord(person('p1', 'Ann', 'Lee', ['ann@acme.com', 'ANN@home.org']));
    expect(planned.action).toBe('update');
    expect(planned.clarifyId).toBe('x1');
    expect(planned.attributes).toEqual({ email_addresses: items('ann@home.org', 'ann@acme.com') });
    expect(planned.previous).toEqual({ email_addresses: items('ann@home.org') });
  });

  it('is unchanged when the workspace already has everything (and more emails from sync)', () => {
    const index = workspace({
      person: [
        ['x1', { first_name: 'Ann', last_name: 'Lee', email_addresses: items('ann@acme.com', 'a@sync.io') }],
      ],
    });
    const planned = planner(index).addRecord(person('p1', 'Ann', 'Lee', ['Ann@acme.com']));
    expect(planned.action).toBe('unchanged');
    expect(planned.clarifyId).toBe('x1');
  });

  it('a field absent in the export does not clear the workspace value', () => {
    const index = workspace({
      person: [
        [
          'x1',
          { first_name: 'Ann', last_name: 'Lee', job_title: 'CEO', email_addresses: items('ann@acme.com') },
        ],
      ],
    });
    const planned = planner(index).addRecord(
      person('p1', 'Ann', null, ['ann@acme.com'], { attributes: { job_title: null } }),
    );
    expect(planned.action).toBe('unchanged');
  });

  it('prefers the known id of a previous run over the email', () => {
    const index = workspace({
      person: [['x1', { first_name: 'Ann', email_addresses: items('old@acme.com') }]],
    });
    const planned = planner(index, { knownId: () => 'x1' }).addRecord(
      person('p1', 'Ann', null, ['new@acme.com']),
    );
    expect(planned.action).toBe('update');
    expect(planned.clarifyId).toBe('x1');
    expect(planned.attributes).toEqual({ email_addresses: items('old@acme.com', 'new@acme.com') });
  });

  it('fails when its emails match two different workspace people, naming both ids', () => {
    const index = workspace({
      person: [
        ['x1', { email_addresses: items('a@acme.com') }],
        ['x2', { email_addresses: items('b@acme.com') }],
      ],
    });
    const planned = planner(index).addRecord(person('p1', 'Ann', 'Lee', ['a@acme.com', 'b@acme.com']));
    expect(planned.action).toBe('fail');
    expect(planned.issues.map((issue) => issue.code)).toEqual(['AMBIGUOUS_MATCH']);
    expect(planned.reason).toContain('x1');
    expect(planned.reason).toContain('x2');
  });

  it('updates the workspace person that only an e-mail it does not send leads to (Pipedrive keeps the first)', () => {
    const index = workspace({ person: [['x1', { email_addresses: items('rh@piedpiper.com') }]] });
    const plan = planner(index);
    const row = person('p1', 'Richard', 'Hendricks', ['richard@piedpiper.com']);
    row.matchEmails = ['rh@piedpiper.com'];
    const planned = plan.addRecord(row);
    expect(planned.action).toBe('update');
    expect(planned.clarifyId).toBe('x1');
    expect(planned.attributes.email_addresses).toEqual(items('rh@piedpiper.com', 'richard@piedpiper.com'));
    expect(planned.issues).toMatchObject([{ code: 'MATCHED_OTHER_EMAIL', severity: 'info' }]);
    expect(planned.issues[0]!.message).toContain('by its other email rh@piedpiper.com');
    // Its sent e-mail wins when it matches; two people by the other e-mails would be a guess: neither is used.
    const two = workspace({
      person: [
        ['y1', { email_addresses: items('a@x.com') }],
        ['y2', { email_addresses: items('b@x.com') }],
      ],
    });
    const other = person('p2', 'Ann', null, ['ann@x.com']);
    other.matchEmails = ['a@x.com', 'b@x.com'];
    expect(planner(two).addRecord(other).action).toBe('create');
  });

  it("names the other file of the row it merges into (a Salesforce lead and a contact): 'line 2 of Contact.csv'", () => {
    const plan = planner();
    const contact = person('c1', 'Ada', 'Lovelace', ['ada@acme.com'], { line: 2 });
    contact.origin = { file: '/exports/Contact.csv', line: 2 };
    const lead = person('l1', 'Ada', 'Lovelace', ['ada@acme.com'], { line: 2 });
    lead.origin = { file: '/exports/Lead.csv', line: 2 };
    plan.addRecord(contact);
    const merged = plan.addRecord(lead);
    expect(merged.action).toBe('skip');
    expect(merged.reason).toContain('same person as line 2 of Contact.csv (same email ada@acme.com)');
    // From the same file as the row it names, the line alone.
    const other = person('l2', 'Ada', 'Lovelace', ['ADA@acme.com'], { line: 3 });
    other.origin = { file: '/exports/Contact.csv', line: 3 };
    expect(plan.addRecord(other).reason).toContain('same person as line 2 (same email');
  });

  it('fails a person with neither email nor name', () => {
    const planned = planner().addRecord(person('p1', null, null, [], { attributes: { job_title: 'CEO' } }));
    expect(planned.action).toBe('fail');
    expect(codes(planned)).toEqual(['MISSING_UNIQUE_KEY']);
    expect(planned.issues[0]!.severity).toBe('error');
  });

  it('without email, matches by full name within the same company, only when unique', () => {
    const index = workspace({
      company: [['c1', { name: 'Acme', domains: items('acme.com') }]],
      person: [
        ['x1', { first_name: 'Ann', last_name: 'Lee', company_id: 'c1' }],
        ['x2', { first_name: 'Ann', last_name: 'Lee' }],
        ['x3', { first_name: 'Bob', last_name: 'Ray', company_id: 'c1' }],
        ['x4', { first_name: 'Bob', last_name: 'Ray', company_id: 'c1' }],
      ],
    });
    const plan = planner(index);
    plan.addRecord(company('a1', 'Acme', ['acme.com']));
    const ann = plan.addRecord(person('p1', 'ANN', 'lee', [], { companySourceId: 'a1' }));
    expect(ann.clarifyId).toBe('x1');
    expect(ann.matchKeys).toEqual(['name:ANN lee']);
    const noCompany = plan.addRecord(person('p2', 'Ann', 'Lee'));
    expect(noCompany.clarifyId).toBe('x2');
    const bob = plan.addRecord(person('p3', 'Bob', 'Ray', [], { companySourceId: 'a1' }));
    expect(bob.action).toBe('create');
  });

  it('with an email, never matches by name', () => {
    const index = workspace({ person: [['x1', { first_name: 'Ann', last_name: 'Lee' }]] });
    expect(planner(index).addRecord(person('p1', 'Ann', 'Lee', ['ann@new.com'])).action).toBe('create');
  });
});

describe('Planner — people: duplicates in the export', () => {
  it('merges a later row with the same email and the same name (any case)', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', 'Lee', ['ann@acme.com'], { line: 7 }));
    const dup = plan.addRecord(person('p2', 'ANN', 'lee', ['Ann@Acme.com']));
    expect(dup.action).toBe('skip');
    expect(codes(dup)).toEqual(['MERGED_DUPLICATE']);
    expect(dup.reason).toContain('same person as line 7 (same email ann@acme.com): merged');
  });

  it('merges when one side has no name', () => {
    const plan = planner();
    plan.addRecord(person('p1', null, null, ['ann@acme.com']));
    expect(plan.addRecord(person('p2', 'Ann', 'Lee', ['ann@acme.com'])).action).toBe('skip');
    const plan2 = planner();
    plan2.addRecord(person('p1', 'Ann', 'Lee', ['ann@acme.com']));
    expect(plan2.addRecord(person('p2', null, null, ['ann@acme.com'])).action).toBe('skip');
  });

  it('keeps a later row with the same email and a different name, without the email, with a warning', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', 'Lee', ['shared@acme.com'], { line: 4 }));
    const other = plan.addRecord(person('p2', 'Bob', 'Ray', ['Shared@Acme.com'], { line: 5 }));
    expect(other.action).toBe('create');
    expect(other.clarifyId).toBeUndefined();
    expect(other.attributes).toEqual({ first_name: 'Bob', last_name: 'Ray' });
    expect(other.matchKeys).toEqual(['name:Bob Ray']);
    expect(other.issues).toEqual([
      {
        code: 'DUPLICATE_IN_EXPORT',
        severity: 'warning',
        message:
          'its email is also used by another contact (shared@acme.com: Ann Lee (line 4)), who keeps it: Clarify allows one person per email, so this contact is imported without it — give it its own email in the source CRM.',
        file: 'person.csv',
        line: 5,
        object: 'person',
        sourceId: 'p2',
      },
    ]);
    // The email stays with the first row: a later row of the same name still merges into it.
    const again = plan.addRecord(person('p3', 'Ann', 'Lee', ['shared@acme.com']));
    expect(again.action).toBe('skip');
    expect(codes(again)).toEqual(['MERGED_DUPLICATE']);
    expect(again.reason).toContain('same person as line 4 (same email shared@acme.com): merged');
  });

  it('without its shared email, matches a workspace person by name', () => {
    const index = workspace({
      person: [
        ['x1', { first_name: 'Ann', last_name: 'Lee', email_addresses: items('shared@acme.com') }],
        ['x2', { first_name: 'Bob', last_name: 'Ray' }],
      ],
    });
    const plan = planner(index);
    expect(plan.addRecord(person('p1', 'Ann', 'Lee', ['shared@acme.com'])).clarifyId).toBe('x1');
    const bob = plan.addRecord(person('p2', 'Bob', 'Ray', ['shared@acme.com']));
    expect(bob.action).toBe('unchanged');
    expect(bob.clarifyId).toBe('x2');
    expect(bob.matchKeys).toEqual(['name:Bob Ray']);
    expect(codes(bob)).toEqual(['DUPLICATE_IN_EXPORT']);
    expect(bob.issues[0]!.severity).toBe('warning');
  });

  it('applies the same rules to a partial overlap of emails', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', 'Lee', ['ann@acme.com'], { line: 3 }));
    const merged = plan.addRecord(person('p2', 'Ann', 'Lee', ['ann@home.org', 'ann@acme.com']));
    expect(merged.action).toBe('skip');
    expect(merged.reason).toContain('ann@home.org');
    // the merged row's other email now leads to the kept row
    const third = plan.addRecord(person('p3', 'Ann', 'Lee', ['ann@home.org']));
    expect(third.action).toBe('skip');
    expect(third.reason).toContain('line 3');
    // another name: kept with its own email only
    const bob = plan.addRecord(person('p4', 'Bob', 'Ray', ['bob@acme.com', 'ann@acme.com'], { line: 8 }));
    expect(bob.action).toBe('create');
    expect(bob.attributes).toEqual({
      first_name: 'Bob',
      last_name: 'Ray',
      email_addresses: items('bob@acme.com'),
    });
    expect(bob.matchKeys).toEqual(['bob@acme.com']);
    expect(codes(bob)).toEqual(['DUPLICATE_IN_EXPORT']);
    expect(bob.issues[0]).toMatchObject({ severity: 'warning', line: 8, sourceId: 'p4' });
    expect(bob.issues[0]!.message).toContain(
      'its email is also used by another contact (ann@acme.com: Ann Lee (line 3))',
    );
    // the email it kept is its own: a later row of the same name merges into it
    const bobAgain = plan.addRecord(person('p5', 'Bob', 'Ray', ['bob@acme.com']));
    expect(bobAgain.action).toBe('skip');
    expect(bobAgain.reason).toContain('same person as line 8 (same email bob@acme.com): merged');
  });

  it('keeps a row whose emails belong to two different earlier rows, without them, with a warning', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', 'Lee', ['a@acme.com'], { line: 2 }));
    plan.addRecord(person('p2', 'Bob', 'Ray', ['b@acme.com'], { line: 3 }));
    const both = plan.addRecord(person('p3', 'Ann', 'Lee', ['a@acme.com', 'b@acme.com', 'c@acme.com']));
    expect(both.action).toBe('create');
    expect(both.attributes).toEqual({
      first_name: 'Ann',
      last_name: 'Lee',
      email_addresses: items('c@acme.com'),
    });
    expect(both.matchKeys).toEqual(['c@acme.com']);
    expect(codes(both)).toEqual(['DUPLICATE_IN_EXPORT']);
    expect(both.issues[0]!.severity).toBe('warning');
    expect(both.issues[0]!.message).toContain(
      'its emails are also used by another contact (a@acme.com: Ann Lee (line 2), b@acme.com: Bob Ray (line 3))',
    );
    // none left: matched or created by name
    const none = plan.addRecord(person('p4', 'Cy', 'Fox', ['a@acme.com', 'b@acme.com']));
    expect(none.action).toBe('create');
    expect(none.attributes).toEqual({ first_name: 'Cy', last_name: 'Fox' });
    expect(none.matchKeys).toEqual(['name:Cy Fox']);
    expect(codes(none)).toEqual(['DUPLICATE_IN_EXPORT']);
  });

  it('fails a nameless row whose emails belong to two different earlier rows: nothing is left to import it by', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', 'Lee', ['a@acme.com'], { line: 2 }));
    plan.addRecord(person('p2', 'Bob', 'Ray', ['b@acme.com'], { line: 3 }));
    const nameless = plan.addRecord(person('p3', null, null, ['a@acme.com', 'b@acme.com']));
    expect(nameless.action).toBe('fail');
    expect(codes(nameless)).toEqual(['DUPLICATE_IN_EXPORT']);
    expect(nameless.issues[0]!.severity).toBe('error');
    expect(nameless.reason).toBe(
      'its emails belong to different contacts (a@acme.com: Ann Lee (line 2), b@acme.com: Bob Ray (line 3)) and it has no name of its own; Clarify allows one person per email — give this contact its own email or merge the contacts in the source CRM.',
    );
  });

  it('merges two rows that match the same workspace person by different emails', () => {
    const index = workspace({
      person: [['x1', { first_name: 'Ann', email_addresses: items('a@acme.com', 'b@acme.com') }]],
    });
    const plan = planner(index);
    expect(plan.addRecord(person('p1', 'Ann', null, ['a@acme.com'])).clarifyId).toBe('x1');
    const second = plan.addRecord(person('p2', 'Ann', null, ['b@acme.com']));
    expect(second.action).toBe('skip');
    expect(second.reason).toContain('x1');
  });

  it('skips a repeated source id', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', 'Lee', ['a@acme.com'], { line: 9 }));
    const dup = plan.addRecord(person('p1', 'Ann', 'Lee', ['other@acme.com']));
    expect(dup.action).toBe('skip');
    expect(codes(dup)).toEqual(['MERGED_DUPLICATE']);
    expect(dup.reason).toContain('line 9');
  });
});

describe('Planner — people: known id conflicts', () => {
  it('fails when the known id and an email point at two different workspace people', () => {
    const index = workspace({
      person: [
        ['x1', { first_name: 'Ann', email_addresses: items('old@acme.com') }],
        ['x2', { first_name: 'Ann', email_addresses: items('ann@acme.com') }],
      ],
    });
    const planned = planner(index, { knownId: () => 'x1' }).addRecord(
      person('p1', 'Ann', null, ['ann@acme.com']),
    );
    expect(planned.action).toBe('fail');
    expect(planned.reason).toContain('x1 (a previous run)');
    expect(planned.reason).toContain('x2 (ann@acme.com)');
  });

  it('a row merged into a failed row takes that failure to its links, and keeps the whole export accounted for', () => {
    const index = workspace({
      person: [
        ['x1', { email_addresses: items('a@acme.com') }],
        ['x2', { email_addresses: items('b@acme.com') }],
      ],
    });
    const plan = planner(index);
    expect(plan.addRecord(person('p1', 'Ann', null, ['a@acme.com', 'b@acme.com'])).action).toBe('fail');
    expect(plan.addRecord(person('p2', 'Ann', null, ['b@acme.com'])).action).toBe('skip');
  });
});
