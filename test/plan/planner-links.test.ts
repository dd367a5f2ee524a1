import { describe, expect, it } from 'vitest';
import { deal, items, link, person, planner, skip, workspace } from './helpers.js';

describe('Planner — person–deal links', () => {
  it('groups links by deal and de-duplicates people', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', null, ['a@x.com']));
    plan.addRecord(person('p2', 'Bob', null, ['b@x.com']));
    plan.addRecord(deal('d1', 'One'));
    plan.addRecord(deal('d2', 'Two'));
    plan.addLink(link('d1', 'p1', 50));
    plan.addLink(link('d2', 'p2', 51));
    plan.addLink(link('d1', 'p2', 52));
    plan.addLink(link('d1', 'p1', 53));
    expect(plan.links()).toEqual([
      {
        dealSourceId: 'd1',
        personSourceIds: ['p1', 'p2'],
        origin: { file: 'links.csv', line: 50 },
        issues: [],
      },
      { dealSourceId: 'd2', personSourceIds: ['p2'], origin: { file: 'links.csv', line: 51 }, issues: [] },
    ]);
  });

  it("reports a link the adapter could not resolve on its deal's line, beside the deal's good links", () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', null, ['a@x.com']));
    plan.addRecord(deal('d1', 'One'));
    plan.addLink(link('d1', 'p1', 60));
    const problem = {
      code: 'AMBIGUOUS_LINK' as const,
      severity: 'warning' as const,
      message: '2 people are named "Chris Smith"; the deal is not linked to any of them.',
      file: 'deals.csv',
      line: 7,
      value: 'Chris Smith',
    };
    plan.addLink({ dealSourceId: 'd1', personSourceId: '', origin: { file: 'deals.csv', line: 7 }, problem });
    const [only, ...rest] = plan.links();
    expect(rest).toEqual([]);
    expect(only!.personSourceIds).toEqual(['p1']);
    expect(only!.issues).toEqual([{ ...problem, object: 'deal', sourceId: 'd1' }]);
  });

  it('redirects a merged duplicate person to the kept row', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', null, ['a@x.com']));
    plan.addRecord(person('p2', 'Ann', null, ['a@x.com']));
    plan.addRecord(deal('d1', 'One'));
    plan.addLink(link('d1', 'p2'));
    plan.addLink(link('d1', 'p1'));
    const [only, ...rest] = plan.links();
    expect(rest).toEqual([]);
    expect(only!.personSourceIds).toEqual(['p1']);
    expect(only!.issues).toEqual([]);
  });

  it('leaves out links to people or deals not in the export, with warnings naming the row', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', null, ['a@x.com']));
    plan.addRecord(deal('d1', 'One'));
    plan.addLink(link('d1', 'ghost', 60));
    plan.addLink(link('nodeal', 'p1', 61));
    plan.addLink(link('d1', 'p1', 62));
    const links = plan.links();
    expect(links).toHaveLength(2);
    const one = links.find((entry) => entry.dealSourceId === 'd1')!;
    expect(one.personSourceIds).toEqual(['p1']);
    expect(one.issues).toHaveLength(1);
    expect(one.issues[0]).toMatchObject({
      code: 'MISSING_PERSON',
      severity: 'warning',
      line: 60,
      file: 'links.csv',
    });
    expect(one.issues[0]!.message).toContain('ghost');
    const missing = links.find((entry) => entry.dealSourceId === 'nodeal')!;
    expect(missing.personSourceIds).toEqual([]);
    expect(missing.issues[0]).toMatchObject({ code: 'MISSING_DEAL', line: 61 });
  });

  it('leaves out links whose person or deal is skipped or failed, with LINK_FAILED and the reason', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', null, ['a@x.com'], { line: 4 }));
    plan.addRecord(person('p2', 'Bob', null, ['a@x.com'])); // kept without the email: linked
    plan.addSkip(skip('person', 'p3', 'the contact is deleted.'));
    plan.addRecord(person('p4', null, null, [], { line: 12 })); // fails: neither email nor name
    plan.addRecord(deal('d1', 'One'));
    plan.addRecord(deal('d2', null, { line: 30 })); // fails: no name
    plan.addLink(link('d1', 'p1'));
    plan.addLink(link('d1', 'p2'));
    plan.addLink(link('d1', 'p3'));
    plan.addLink(link('d1', 'p4'));
    plan.addLink(link('d2', 'p1'));
    const links = plan.links();
    const one = links.find((entry) => entry.dealSourceId === 'd1')!;
    expect(one.personSourceIds).toEqual(['p1', 'p2']);
    expect(one.issues.map((issue) => issue.code)).toEqual(['LINK_FAILED', 'LINK_FAILED']);
    expect(one.issues[0]!.message).toContain('the contact is deleted');
    expect(one.issues[1]!.message).toContain('person p4 (line 12 of person.csv) is not imported');
    expect(one.issues[1]!.message).toContain('neither an email address nor a name');
    const two = links.find((entry) => entry.dealSourceId === 'd2')!;
    expect(two.personSourceIds).toEqual([]);
    expect(two.issues[0]).toMatchObject({ code: 'LINK_FAILED' });
    expect(two.issues[0]!.message).toContain('line 30');
  });

  it('omits a deal with no people and nothing to report', () => {
    const plan = planner();
    plan.addRecord(deal('d1', 'One'));
    expect(plan.links()).toEqual([]);
  });

  it('a person kept without an email it shares with an earlier row is linked as itself', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', null, ['a@x.com']));
    plan.addRecord(person('p2', 'Bob', null, ['a@x.com'])); // kept, without a@x.com
    plan.addRecord(deal('d1', 'One'));
    plan.addLink(link('d1', 'p2'));
    const [only, ...rest] = plan.links();
    expect(rest).toEqual([]);
    expect(only!.personSourceIds).toEqual(['p2']);
    expect(only!.issues).toEqual([]);
  });

  it('a person merged into a failed row drops out with that row reason', () => {
    const index = workspace({
      person: [
        ['x1', { email_addresses: items('a@x.com') }],
        ['x2', { email_addresses: items('b@x.com') }],
      ],
    });
    const plan = planner(index);
    plan.addRecord(person('p1', 'Ann', null, ['a@x.com', 'b@x.com'], { line: 6 })); // fails: two workspace people
    plan.addRecord(person('p2', 'Ann', null, ['b@x.com'])); // merged into p1
    plan.addRecord(deal('d1', 'One'));
    plan.addLink(link('d1', 'p2'));
    const [only] = plan.links();
    expect(only!.personSourceIds).toEqual([]);
    expect(only!.issues[0]!.code).toBe('LINK_FAILED');
    expect(only!.issues[0]!.message).toContain('person Ann (line 6 of person.csv) is not imported');
    expect(only!.issues[0]!.message).toContain('match two different Clarify people');
  });
});
