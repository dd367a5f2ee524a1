import { describe, expect, it } from 'vitest';
import { summarizePlan } from '../../src/plan/index.js';
import { company, deal, person, planner, skip } from './helpers.js';

describe('Planner — stream order and skipped rows', () => {
  it('throws a programming error when records arrive out of order', () => {
    const plan = planner();
    plan.addRecord(person('p1', 'Ann', null, ['a@x.com']));
    expect(() => plan.addRecord(company('a1', 'Acme', ['acme.com']))).toThrow(
      /companies, then people, then deals/,
    );
    plan.addRecord(deal('d1', 'One'));
    expect(() => plan.addSkip(skip('person', 'p9', 'deleted'))).toThrow(Error);
  });

  it('accepts objects that are absent altogether (people only, deals only)', () => {
    expect(() => planner().addRecord(deal('d1', 'One'))).not.toThrow();
    const plan = planner();
    plan.addSkip(skip('company', 'a1', 'deleted'));
    expect(() => plan.addRecord(company('a2', 'Acme', ['acme.com']))).not.toThrow();
  });

  it('a deliberate skip is a skip; an unreadable row is a failure', () => {
    const plan = planner();
    const skipped = plan.addSkip(skip('company', 'a1', 'deleted account', 'warning'));
    expect(skipped).toMatchObject({
      action: 'skip',
      reason: 'deleted account',
      matchKeys: [],
      attributes: {},
    });
    expect(skipped.issues).toHaveLength(1);
    const failed = plan.addSkip(skip('company', 'a2', 'ragged row', 'error'));
    expect(failed.action).toBe('fail');
  });

  it('a record with the source id of an earlier adapter skip is still planned', () => {
    const plan = planner();
    plan.addSkip(skip('person', 'p1', 'deleted'));
    expect(plan.addRecord(person('p1', 'Ann', null, ['a@x.com'])).action).toBe('create');
  });

  it('summarizes counts per object and action', () => {
    const plan = planner();
    const records = [
      plan.addRecord(company('a1', 'Acme', ['acme.com'])),
      plan.addRecord(company('a2', 'Acme 2', ['acme.com'])),
      plan.addSkip(skip('company', 'a3', 'ragged', 'error')),
      plan.addRecord(person('p1', 'Ann', null, ['a@x.com'])),
      plan.addRecord(deal('d1', 'One')),
    ];
    const summary = summarizePlan(records);
    expect(summary.company).toEqual({ rows: 3, create: 1, update: 0, unchanged: 0, skip: 1, fail: 1 });
    expect(summary.person).toEqual({ rows: 1, create: 1, update: 0, unchanged: 0, skip: 0, fail: 0 });
    expect(summary.deal.rows).toBe(1);
  });
});
