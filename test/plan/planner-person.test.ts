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
    expect(planned.reason).toContain('x1');
    expect(planned.reason).toContain('x2');
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

  it('fails a later row with the same email and a different name, with the actionable message', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', 'Lee', ['shared@acme.com'], { line: 4 }));
    const other = plan.addRecord(person('p2', 'Bob', 'Ray', ['shared@acme.com']));
    expect(other.action).toBe('fail');
    expect(codes(other)).toEqual(['DUPLICATE_IN_EXPORT']);
    expect(other.reason).toBe(
      'email shared@acme.com is also the email of Ann Lee (line 4); Clarify allows one person per email — give this contact its own email or merge the two in the source CRM.',
    );
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
    const conflict = plan.addRecord(person('p4', 'Bob', 'Ray', ['bob@acme.com', 'ann@acme.com']));
    expect(conflict.action).toBe('fail');
  });

  it('fails a row whose emails belong to two different earlier rows', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', 'Lee', ['a@acme.com']));
    plan.addRecord(person('p2', 'Bob', 'Ray', ['b@acme.com']));
    const both = plan.addRecord(person('p3', 'Ann', 'Lee', ['a@acme.com', 'b@acme.com']));
    expect(both.action).toBe('fail');
    expect(codes(both)).toEqual(['DUPLICATE_IN_EXPORT']);
    expect(both.reason).toContain('Ann Lee');
    expect(both.reason).toContain('Bob Ray');
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
