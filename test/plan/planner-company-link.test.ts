import { describe, expect, it } from 'vitest';
import { codes, company, deal, items, person, planner, skip, workspace } from './helpers.js';

describe('Planner — company links of people and deals', () => {
  it('a new person of a company planned for creation gets setCompany', () => {
    const plan = planner();
    plan.addRecord(company('a1', 'Acme', ['acme.com']));
    const planned = plan.addRecord(person('p1', 'Ann', 'Lee', ['ann@acme.com'], { companySourceId: 'a1' }));
    expect(planned).toMatchObject({ action: 'create', companySourceId: 'a1', setCompany: true });
    expect(planned.attributes.company_id).toBeUndefined();
  });

  it('an existing person already at the matched company stays unchanged', () => {
    const index = workspace({
      company: [['c1', { name: 'Acme', domains: items('acme.com') }]],
      person: [['x1', { first_name: 'Ann', email_addresses: items('ann@acme.com'), company_id: 'c1' }]],
    });
    const plan = planner(index);
    plan.addRecord(company('a1', 'Acme', ['acme.com']));
    const planned = plan.addRecord(person('p1', 'Ann', null, ['ann@acme.com'], { companySourceId: 'a1' }));
    expect(planned.action).toBe('unchanged');
    expect(planned.setCompany).toBeFalsy();
    expect(planned.companySourceId).toBe('a1');
  });

  it('a different company_id makes an otherwise unchanged person an update', () => {
    const index = workspace({
      company: [['c1', { name: 'Acme', domains: items('acme.com') }]],
      person: [['x1', { first_name: 'Ann', email_addresses: items('ann@acme.com'), company_id: 'c9' }]],
    });
    const plan = planner(index);
    plan.addRecord(company('a1', 'Acme', ['acme.com']));
    const planned = plan.addRecord(person('p1', 'Ann', null, ['ann@acme.com'], { companySourceId: 'a1' }));
    expect(planned.action).toBe('update');
    expect(planned.setCompany).toBe(true);
    expect(planned.attributes).toEqual({});
    expect(planned.previous).toEqual({ company_id: 'c9' });
  });

  it('an existing person without a company, whose company is new, gets the link as an update', () => {
    const index = workspace({
      person: [['x1', { first_name: 'Ann', email_addresses: items('ann@acme.com') }]],
    });
    const plan = planner(index);
    plan.addRecord(company('a1', 'Acme', ['acme.com']));
    const planned = plan.addRecord(person('p1', 'Ann', null, ['ann@acme.com'], { companySourceId: 'a1' }));
    expect(planned).toMatchObject({ action: 'update', setCompany: true, previous: { company_id: null } });
  });

  it('a person of a skipped company goes ahead without a company, with a MISSING_COMPANY warning', () => {
    const plan = planner();
    const skipped = skip('company', 'a1', 'the account is marked deleted.');
    plan.addSkip(skipped);
    const planned = plan.addRecord(person('p1', 'Ann', null, ['ann@acme.com'], { companySourceId: 'a1' }));
    expect(planned.action).toBe('create');
    expect(planned.setCompany).toBeFalsy();
    expect(planned.companySourceId).toBeUndefined();
    expect(codes(planned)).toEqual(['MISSING_COMPANY']);
    expect(planned.issues[0]!.severity).toBe('warning');
    expect(planned.issues[0]!.message).toBe(
      `company a1 (line ${skipped.origin.line}) is not imported: the account is marked deleted; the person is imported without a company.`,
    );
  });

  it('a person or deal of a catch-all company goes ahead without a company, with a note, not a warning', () => {
    const plan = planner();
    const skipped = skip('company', 'a1', 'a placeholder.');
    skipped.issue = {
      code: 'CATCH_ALL_ACCOUNT',
      severity: 'warning',
      message: 'a placeholder.',
      value: 'Unknown',
    };
    plan.addSkip(skipped);
    const planned = plan.addRecord(person('p1', 'Ann', null, ['ann@acme.com'], { companySourceId: 'a1' }));
    expect(planned.action).toBe('create');
    expect(planned.companySourceId).toBeUndefined();
    expect(planned.issues).toMatchObject([{ code: 'CATCH_ALL_CONTACT', severity: 'info' }]);
    expect(planned.issues[0]!.message).toBe(
      'it belongs to the catch-all company "Unknown", which is not created; the person is imported without a company.',
    );
    const dealPlanned = plan.addRecord(deal('d1', 'Big', { companySourceId: 'a1' }));
    expect(dealPlanned.issues).toMatchObject([{ code: 'CATCH_ALL_ACCOUNT', severity: 'info' }]);
  });

  it('a person of a failed company names the company and its reason', () => {
    const plan = planner();
    plan.addRecord(company('a1', null, [], 12));
    const planned = plan.addRecord(person('p1', 'Ann', null, ['ann@acme.com'], { companySourceId: 'a1' }));
    expect(planned.action).toBe('create');
    expect(planned.issues[0]!.message).toMatch(
      /^company a1 \(line 12\) is not imported: the company has neither/,
    );
  });

  it('a deal whose company is not in the export goes ahead without one', () => {
    const plan = planner();
    const planned = plan.addRecord(deal('d1', 'Big', { companySourceId: 'ghost' }));
    expect(planned.action).toBe('create');
    expect(planned.issues[0]).toMatchObject({ code: 'MISSING_COMPANY', severity: 'warning' });
    expect(planned.issues[0]!.message).toBe(
      'company ghost is not in the export; the deal is imported without a company.',
    );
  });

  it('a person of a merged duplicate company links to the kept company', () => {
    const index = workspace({ company: [['c1', { name: 'Acme', domains: items('acme.com') }]] });
    const plan = planner(index);
    plan.addRecord(company('a1', 'Acme', ['acme.com']));
    plan.addRecord(company('a2', 'Acme Inc', ['acme.com']));
    const planned = plan.addRecord(person('p1', 'Ann', null, ['ann@acme.com'], { companySourceId: 'a2' }));
    expect(planned).toMatchObject({ action: 'create', companySourceId: 'a1', setCompany: true });
    expect(planned.issues).toEqual([]);
  });

  it('a deal at a matched company with the same company_id is unchanged', () => {
    const index = workspace({
      company: [['c1', { name: 'Acme', domains: items('acme.com') }]],
      deal: [['y1', { name: 'Big', amount: 100, company_id: 'c1' }]],
    });
    const plan = planner(index);
    plan.addRecord(company('a1', 'Acme', ['acme.com']));
    const planned = plan.addRecord(
      deal('d1', 'Big', { companySourceId: 'a1', attributes: { amount: 100.0 } }),
    );
    expect(planned.action).toBe('unchanged');
  });
});
