import { describe, expect, it } from 'vitest';
import { codes, company, deal, items, planner, workspace } from './helpers.js';

describe('Planner — deals', () => {
  it('creates a new deal; its name is the match key', () => {
    const planned = planner().addRecord(deal('d1', 'Big', { attributes: { amount: 5 } }));
    expect(planned).toMatchObject({
      action: 'create',
      matchKeys: ['Big'],
      attributes: { name: 'Big', amount: 5 },
    });
    expect(planned.renamedFrom).toBeUndefined();
  });

  it('matches a workspace deal by exact name', () => {
    const index = workspace({ deal: [['y1', { name: 'Big', amount: 5 }]] });
    const plan = planner(index);
    const planned = plan.addRecord(deal('d1', 'Big', { attributes: { amount: 7 } }));
    expect(planned).toMatchObject({
      action: 'update',
      clarifyId: 'y1',
      attributes: { amount: 7 },
      previous: { amount: 5 },
    });
    expect(planner(index).addRecord(deal('d2', 'big')).action).toBe('create');
  });

  it('fails a deal without a name', () => {
    const planned = planner().addRecord(deal('d1', null, { attributes: { amount: 3 } }));
    expect(planned.action).toBe('fail');
    expect(codes(planned)).toEqual(['MISSING_UNIQUE_KEY']);
    expect(planner().addRecord(deal('d1', '   ')).action).toBe('fail');
  });

  it('renames a later deal with the same name after its company, with a DEAL_RENAMED warning', () => {
    const plan = planner();
    plan.addRecord(company('a1', 'Acme', ['acme.com']));
    plan.addRecord(company('a2', 'Globex', ['globex.com']));
    plan.addRecord(deal('d1', 'Renewal', { companySourceId: 'a1', line: 3 }));
    const second = plan.addRecord(deal('d2', 'Renewal', { companySourceId: 'a2' }));
    expect(second).toMatchObject({
      action: 'create',
      renamedFrom: 'Renewal',
      matchKeys: ['Renewal (Globex)'],
      attributes: { name: 'Renewal (Globex)' },
    });
    expect(second.issues).toHaveLength(1);
    expect(second.issues[0]).toMatchObject({ code: 'DEAL_RENAMED', severity: 'warning' });
    expect(second.issues[0]!.message).toContain(
      "renamed to 'Renewal (Globex)' because deal line 3 already has this name",
    );
  });

  it('uses the source id for {company} when the deal has no company, and #2 when still taken', () => {
    const plan = planner();
    plan.addRecord(deal('d1', 'Renewal'));
    expect(plan.addRecord(deal('d2', 'Renewal')).attributes.name).toBe('Renewal (d2)');
    plan.addRecord(deal('d3', 'Renewal (d4)'));
    expect(plan.addRecord(deal('d4', 'Renewal')).attributes.name).toBe('Renewal (d4) #2');
  });

  it('follows the configured rename pattern', () => {
    const plan = planner(undefined, { dealRename: '{name} #{n}' });
    plan.addRecord(deal('d1', 'X'));
    expect(plan.addRecord(deal('d2', 'X')).attributes.name).toBe('X #2');
    expect(plan.addRecord(deal('d3', 'X')).attributes.name).toBe('X #3');
  });

  it('the first deal keeps the name and matches the workspace deal; the renamed one matches a previous run', () => {
    const index = workspace({
      company: [['c2', { name: 'Globex', domains: items('globex.com') }]],
      deal: [
        ['y1', { name: 'Renewal' }],
        ['y2', { name: 'Renewal (Globex)', company_id: 'c2' }],
      ],
    });
    const plan = planner(index);
    plan.addRecord(company('a2', 'Globex', ['globex.com']));
    expect(plan.addRecord(deal('d1', 'Renewal')).clarifyId).toBe('y1');
    const second = plan.addRecord(deal('d2', 'Renewal', { companySourceId: 'a2' }));
    expect(second).toMatchObject({ action: 'unchanged', clarifyId: 'y2', renamedFrom: 'Renewal' });
  });

  it('renames deterministically: planning the same export twice gives the same names', () => {
    const run = () => {
      const plan = planner();
      plan.addRecord(company('a1', 'Acme', ['acme.com']));
      return ['d1', 'd2', 'd3', 'd4'].map(
        (id) => plan.addRecord(deal(id, 'Renewal', { companySourceId: 'a1', line: 10 })).attributes.name,
      );
    };
    expect(run()).toEqual(['Renewal', 'Renewal (Acme)', 'Renewal (Acme) #2', 'Renewal (Acme) #3']);
    expect(run()).toEqual(run());
  });

  it('skips a repeated deal source id instead of renaming it', () => {
    const plan = planner();
    plan.addRecord(deal('d1', 'Big'));
    const dup = plan.addRecord(deal('d1', 'Big'));
    expect(dup.action).toBe('skip');
    expect(codes(dup)).toEqual(['MERGED_DUPLICATE']);
  });

  it('uses the known id of a previous run and updates the name to the planned one', () => {
    const index = workspace({ deal: [['y1', { name: 'Old name' }]] });
    const planned = planner(index, { knownId: () => 'y1' }).addRecord(deal('d1', 'New name'));
    expect(planned).toMatchObject({ action: 'update', clarifyId: 'y1', attributes: { name: 'New name' } });
  });
});
