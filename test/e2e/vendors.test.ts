/**
 * Issue test 1: each vendor fixture set imported as a real CLI process into a sandbox that already holds some
 * of the records. Existing records are updated (never duplicated) and the final workspace is checked record
 * by record, along with summary.json, outcomes.csv, errors.csv and the exit code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import {
  assertSummaryConsistent,
  Dump,
  dataRows,
  duplicateKeys,
  FIXTURES,
  items,
  readErrors,
  readOutcomes,
  readSummary,
  runArgs,
  runCli,
  sandboxFor,
  tmpDir,
} from './helpers.js';
import { assertNoLeaks } from './leaks.js';

const sandboxes: RunningSandbox[] = [];
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  assertNoLeaks();
});

async function importVendor(vendor: string, seedRecords: Parameters<typeof sandboxFor>[0]) {
  const sandbox = await sandboxFor(seedRecords);
  sandboxes.push(sandbox);
  const state = tmpDir(`${vendor}-state-`);
  const result = await runCli(runArgs(sandbox, state, [join(FIXTURES, vendor)]));
  const summary = readSummary(state);
  const outcomes = readOutcomes(state);
  const errors = readErrors(state);
  const dump = new Dump(sandbox.dump());
  expect(assertSummaryConsistent(summary, outcomes)).toEqual([]);
  expect(duplicateKeys(dump.raw)).toEqual([]);
  // Summary on stdout (--json) is the same document as summary.json.
  const printed = JSON.parse(result.stdout) as { objects: unknown };
  expect(printed.objects).toEqual(summary.objects);
  return { sandbox, state, result, summary, outcomes, errors, dump };
}

const counts = (s: {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
}) => [s.rows, s.created, s.updated, s.unchanged, s.skipped, s.failed];

describe('HubSpot fixtures into a workspace that already holds Acme and Grace', () => {
  it('updates the existing records, creates the rest, and reports every row', async () => {
    const { state, result, summary, outcomes, errors, dump } = await importVendor('hubspot', {
      seedRecords: {
        company: [
          {
            name: 'ACME (old name)',
            domains: { items: ['acme.com'] },
            industry: 'Old industry',
            employee_count: 3,
          },
          { name: 'Bystander Ltd', domains: { items: ['bystander.org'] } },
        ],
        person: [
          {
            first_name: 'Gracie',
            last_name: 'H.',
            email_addresses: { items: ['grace.hopper@globex.com'] },
            job_title: 'Intern',
            status: 'Lead',
          },
          { first_name: 'Zed', last_name: 'Bystander', email_addresses: { items: ['zed@bystander.org'] } },
        ],
      },
    });
    // One contact row failed (Excel-mangled id) → exit 1.
    expect(result.code, result.stderr).toBe(1);

    const dir = join(FIXTURES, 'hubspot');
    const companiesCsv = join(dir, 'hubspot-crm-exports-all-companies-2024-05-01.csv');
    const contactsCsv = join(dir, 'hubspot-crm-exports-all-contacts-2024-05-01.csv');
    const dealsCsv = join(dir, 'hubspot-crm-exports-all-deals-2024-05-01.csv');
    expect(summary.source).toBe('hubspot');
    expect(counts(summary.objects.company!)).toEqual([dataRows(companiesCsv), 4, 1, 0, 0, 0]);
    expect(counts(summary.objects.person!)).toEqual([dataRows(contactsCsv), 7, 1, 0, 0, 1]);
    expect(counts(summary.objects.deal!)).toEqual([dataRows(dealsCsv), 6, 0, 0, 0, 0]);
    // Two associations name a record the export does not have: a contact's deal 30987654399 and a deal's
    // contact 20512345699. Neither link is made; both are counted and explained.
    expect(summary.links.deal_people).toEqual({ linked: 6, failed: 2 });
    const html = readFileSync(join(state, 'report', 'report.html'), 'utf8');
    expect(html).toContain('deal 30987654399 is not in the export');
    expect(html).toContain('person 20512345699 is not in the export');
    expect(outcomes).toHaveLength(5 + 9 + 6);

    // Companies: 5 imported + the untouched bystander; Acme kept its id and got the export's values.
    expect(dump.companies).toHaveLength(6);
    const acme = dump.companyByDomain('acme.com')!;
    expect(acme.attributes).toMatchObject({
      name: 'Acme Corporation',
      industry: 'COMPUTER_SOFTWARE',
      employee_count: 250,
    });
    expect(items(acme.attributes.domains).sort()).toEqual(['acme-corp.com', 'acme.com', 'acme.io']);
    const acmeOutcome = outcomes.find((o) => o.object === 'company' && o.source_id === '10234567801')!;
    expect(acmeOutcome.action).toBe('updated');
    expect(acmeOutcome.clarify_id).toBe(acme.id);
    // Globex had no domain column, only a URL → bare domain.
    expect(dump.companyByDomain('globex.com')?.attributes.name).toBe('Globex');
    expect(dump.companyByDomain('hooli.com')?.attributes).toMatchObject({
      name: 'Hooli',
      employee_count: 12000,
    });
    expect(dump.companyByDomain('HOOLI.COM')).toBeUndefined();
    expect(dump.companyByDomain('bystander.org')?.attributes.name).toBe('Bystander Ltd');
    for (const c of dump.companies) {
      for (const d of items(c.attributes.domains)) expect(d).toMatch(/^[a-z0-9.-]+$/);
    }

    // People: 8 imported (Barbara failed) + bystander; Grace updated in place.
    expect(dump.people).toHaveLength(9);
    const grace = dump.personByEmail('grace.hopper@globex.com')!;
    expect(grace.attributes).toMatchObject({
      first_name: 'Grace',
      last_name: 'Hopper',
      job_title: 'VP Engineering',
      status: 'Customer', // "customer" in the export, mapped to the workspace's exact option
    });
    expect(dump.companyOf(grace)?.attributes.name).toBe('Globex');
    expect(outcomes.find((o) => o.source_id === '20512345602')?.action).toBe('updated');
    const ada = dump.personByEmail('ada@acme.com')!;
    expect(ada.attributes).toMatchObject({
      first_name: 'Ada',
      job_title: 'CTO',
      status: 'Customer',
      company_id: acme.id,
    });
    // Invalid email not sent; the person exists without an email.
    const linus = dump.peopleByName('Linus', 'Torvalds');
    expect(linus).toHaveLength(1);
    expect(items(linus[0]!.attributes.email_addresses)).toEqual([]);
    expect(dump.companyOf(linus[0]!)?.attributes.name).toBe('Initech');
    expect(JSON.stringify(dump.raw)).not.toContain('linus(at)initech.com');
    expect(dump.personByEmail('margaret@umbrella-health.com')?.attributes.status).toBe('Qualified');
    // Company not in the export → person without company_id, and the planner's warning says why.
    const alan = dump.personByEmail('alan@bletchley.org')!;
    expect(alan.attributes.company_id ?? null).toBeNull();
    expect(outcomes.find((o) => o.source_id === '20512345605')?.reason).toBe(
      'company 99999999999 is not in the export; the person is imported without a company.',
    );
    // Excel-mangled id → not imported.
    expect(dump.personByEmail('barbara@hooli.com')).toBeUndefined();
    // Two companies, no primary → first one.
    expect(dump.companyOf(dump.personByEmail('ken@hooli.com')!)?.attributes.name).toBe('Hooli');
    expect(dump.personByEmail('dennis@acme.com')?.attributes.company_id).toBe(acme.id);
    // Lifecycle "other" has no option: not sent.
    expect(dump.personByEmail('frances@globex.com')?.attributes.status ?? null).toBeNull();
    expect(dump.personByEmail('zed@bystander.org')?.attributes.first_name).toBe('Zed');
    for (const p of dump.people) {
      const status = p.attributes.status;
      if (status != null) expect(['Lead', 'Qualified', 'Customer', 'Churned']).toContain(status);
    }

    // Deals: two "Annual renewal", one renamed; stages in the workspace's case; people links.
    expect(dump.deals).toHaveLength(6);
    const renewals = dump.deals.filter((d) => String(d.attributes.name).startsWith('Annual renewal'));
    expect(renewals).toHaveLength(2);
    const acmeRenewal = renewals.find((d) => d.attributes.company_id === acme.id)!;
    const globexRenewal = renewals.find((d) => d !== acmeRenewal)!;
    expect(acmeRenewal.attributes).toMatchObject({ name: 'Annual renewal', stage: 'Won', amount: 48000 });
    expect(globexRenewal.attributes.name).not.toBe('Annual renewal');
    expect(globexRenewal.attributes).toMatchObject({ stage: 'Won', amount: 52000.5 });
    expect(dump.companyOf(globexRenewal)?.attributes.name).toBe('Globex');
    expect(dump.dealPeopleEmails(acmeRenewal)).toEqual(['ada@acme.com', 'dennis@acme.com']);
    expect(dump.dealPeopleEmails(globexRenewal)).toEqual(['grace.hopper@globex.com']);
    const expansion = dump.dealsByName('Globex expansion')[0]!;
    expect(expansion.attributes.stage).toBe('Negotiation');
    expect(dump.dealPeopleEmails(expansion)).toEqual(['grace.hopper@globex.com']);
    const pilot = dump.dealsByName('Initech pilot')[0]!;
    expect(pilot.attributes.stage).toBe('Qualification');
    expect(pilot.relationships.people).toEqual([linus[0]!.id]);
    const bletchley = dump.dealsByName('Bletchley consulting')[0]!;
    expect(bletchley.attributes).toMatchObject({ stage: 'Lost', amount: 9000 });
    expect(bletchley.attributes.company_id ?? null).toBeNull();
    const hooliDeal = dump.dealsByName('Hooli platform')[0]!;
    expect(hooliDeal.attributes.stage).toBe('Qualification');
    expect(dump.dealPeopleEmails(hooliDeal)).toEqual(['ken@hooli.com']);

    // errors.csv: exactly the failed row, with its original values.
    expect(errors.map((e) => [e.object, e.source_id, e.action])).toEqual([
      ['person', '1.23457E+10', 'failed'],
    ]);
    expect(errors[0]!.original_values).toContain('barbara@hooli.com');
  });
});

describe('Salesforce fixtures into a workspace that already holds Initech and Ada', () => {
  it('updates, skips the catch-all account, and reports every row', async () => {
    const { state, result, summary, outcomes, errors, dump } = await importVendor('salesforce', {
      seedRecords: {
        company: [{ name: 'Initrode', domains: { items: ['initech.com'] }, industry: 'Paper' }],
        person: [
          {
            first_name: 'Augusta',
            last_name: 'King',
            email_addresses: { items: ['ada@acme.com'] },
            job_title: 'Countess',
          },
        ],
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(summary.source).toBe('salesforce');
    const dir = join(FIXTURES, 'salesforce');
    expect(counts(summary.objects.company!)).toEqual([dataRows(join(dir, 'Account.csv')), 3, 1, 0, 2, 0]);
    expect(counts(summary.objects.person!)).toEqual([
      dataRows(join(dir, 'Contact.csv')) + dataRows(join(dir, 'Lead.csv')),
      13,
      1,
      0,
      2,
      0,
    ]);
    expect(counts(summary.objects.deal!)).toEqual([dataRows(join(dir, 'Opportunity.csv')), 5, 0, 0, 1, 0]);
    // OpportunityContactRole lines 5 and 6 link a deleted opportunity and a deleted contact: neither link is
    // made; both are counted and explained, as for HubSpot's associations.
    expect(summary.links.deal_people.failed).toBe(2);
    const html = readFileSync(join(state, 'report', 'report.html'), 'utf8');
    expect(html).toMatch(/deal .*0065g00000Del04AAB.* is not imported \(The opportunity is marked deleted/);
    expect(html).toMatch(/person .*0035g00000Del09AAB.* is not imported \(The contact is marked deleted/);
    expect(outcomes).toHaveLength(6 + 16 + 6);

    // Companies: no catch-all, no deleted account; Initech updated in place.
    expect(dump.companies.map((c) => c.attributes.name).sort()).toEqual([
      'Acme Corporation',
      'Globex',
      'Hooli',
      'Initech',
    ]);
    expect(dump.companyByName('Website Leads')).toEqual([]);
    expect(dump.companyByName('Old Co')).toEqual([]);
    const initech = dump.companyByDomain('initech.com')!;
    expect(initech.attributes).toMatchObject({ name: 'Initech', industry: 'Finance', employee_count: 80 });
    const acme = dump.companyByDomain('acme.com')!;
    expect(acme.attributes.description).toBe('Key account.\nRenewal every March.');
    // URL website → bare domain.
    expect(items(dump.companyByDomain('hooli.com')!.attributes.domains)).toEqual(['hooli.com']);
    expect(items(dump.companyByDomain('globex.com')!.attributes.domains)).toEqual(['globex.com']);

    // People.
    expect(dump.people).toHaveLength(14);
    const ada = dump.personByEmail('ada@acme.com')!;
    expect(ada.attributes).toMatchObject({
      first_name: 'Ada',
      last_name: 'Lovelace',
      job_title: 'CTO',
      company_id: acme.id,
    });
    expect(outcomes.find((o) => o.source_id === '0035g00000Ada01AAB')?.action).toBe('updated');
    const linus = dump.peopleByName('Linus', 'Torvalds');
    expect(linus).toHaveLength(1);
    expect(items(linus[0]!.attributes.email_addresses)).toEqual([]);
    expect(linus[0]!.attributes.company_id).toBe(initech.id);
    for (const email of [
      'wanda@gmail.com',
      'walter@yahoo.com',
      'wilma@outlook.com',
      'wes@hotmail.com',
      'winona@gmail.com',
    ]) {
      const p = dump.personByEmail(email);
      expect(p, email).toBeDefined();
      expect(p!.attributes.company_id ?? null, email).toBeNull();
    }
    expect(dump.personByEmail('dennis@acme.com')).toBeUndefined();
    expect(dump.personByEmail('alan@bletchley.org')!.attributes.company_id ?? null).toBeNull();
    expect(dump.personByEmail('sol@trader.io')!.attributes.company_id ?? null).toBeNull();
    const hooli = dump.companyByDomain('hooli.com')!;
    expect(dump.personByEmail('margaret@hooli.com')!.attributes.company_id).toBe(hooli.id);
    // Leads: converted one skipped (Ada exists once), others linked by name / website.
    expect(dump.personByEmail('barbara@acme.com')!.attributes.company_id).toBe(acme.id);
    expect(dump.personByEmail('tony@stark.com')!.attributes.company_id ?? null).toBeNull();
    expect(dump.personByEmail('gavin@hooli.com')!.attributes.company_id).toBe(hooli.id);

    // Deals.
    expect(dump.deals).toHaveLength(5);
    const renewals = dump.deals.filter((d) => String(d.attributes.name).startsWith('Annual renewal'));
    expect(renewals).toHaveLength(2);
    const acmeRenewal = renewals.find((d) => d.attributes.company_id === acme.id)!;
    expect(acmeRenewal.attributes).toMatchObject({ name: 'Annual renewal', stage: 'Won', amount: 48000 });
    expect(dump.dealPeopleEmails(acmeRenewal)).toEqual(['ada@acme.com']);
    const globex = dump.companyByDomain('globex.com')!;
    const globexRenewal = renewals.find((d) => d !== acmeRenewal)!;
    expect(globexRenewal.attributes).toMatchObject({ stage: 'Won', company_id: globex.id });
    expect(dump.dealPeopleEmails(globexRenewal)).toEqual(['grace.hopper@globex.com']);
    const expansion = dump.dealsByName('Globex expansion')[0]!;
    expect(expansion.attributes).toMatchObject({ stage: 'Negotiation', company_id: globex.id });
    expect(dump.dealPeopleEmails(expansion)).toEqual(['grace.hopper@globex.com']);
    expect(dump.dealsByName('Initech pilot (deleted)')).toEqual([]);
    const web = dump.dealsByName('Website Leads bulk')[0]!;
    expect(web.attributes.company_id ?? null).toBeNull();
    expect(dump.dealsByName('Bletchley consulting')[0]!.attributes).toMatchObject({ stage: 'Lost' });

    expect(errors.map((e) => `${e.object} ${e.source_id} ${e.action} ${e.code}`).sort()).toEqual(
      [
        'company 0015g00000WebLdAAJ skipped CATCH_ALL_ACCOUNT',
        'company 0015g00000OldCoAAJ skipped DELETED_ROW',
        'person 0035g00000Del09AAB skipped DELETED_ROW',
        'person 00Q5g00000Cnv01EAB skipped CONVERTED_LEAD',
        'deal 0065g00000Del04AAB skipped DELETED_ROW',
      ].sort(),
    );
  });
});

describe('Pipedrive fixtures into a workspace that already holds Globex and Fox', () => {
  it('updates by domain and email, keeps the first valid email, and reports every row', async () => {
    const { state, result, summary, outcomes, errors, dump } = await importVendor('pipedrive', {
      seedRecords: {
        company: [{ name: 'Globex Old', domains: { items: ['globex.com'] }, employee_count: 1 }],
        person: [
          {
            first_name: 'F.',
            last_name: 'Mulder',
            email_addresses: { items: ['fox@initech.com'] },
            job_title: 'Agent',
          },
        ],
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(summary.source).toBe('pipedrive');
    const dir = join(FIXTURES, 'pipedrive');
    expect(counts(summary.objects.company!)).toEqual([
      dataRows(join(dir, 'organizations.csv')),
      3,
      1,
      0,
      0,
      0,
    ]);
    expect(counts(summary.objects.person!)).toEqual([dataRows(join(dir, 'people.csv')), 7, 1, 0, 0, 0]);
    expect(counts(summary.objects.deal!)).toEqual([dataRows(join(dir, 'deals.csv')), 8, 0, 0, 0, 0]);
    // Initech pilot names "Chris Smith", who is at Acme and at Globex but not at Initech; Mystery deal names
    // nobody in the people export. Neither link is guessed: both are counted and explained, as for the others.
    expect(summary.links.deal_people).toEqual({ linked: 5, failed: 2 });
    const html = readFileSync(join(state, 'report', 'report.html'), 'utf8');
    expect(html).toContain('AMBIGUOUS_LINK');
    expect(html).toContain('MISSING_PERSON');
    expect(outcomes).toHaveLength(4 + 8 + 8);
    expect(errors).toEqual([]);

    expect(dump.companies).toHaveLength(4);
    const acme = dump.companyByDomain('acme.com')!;
    expect(acme.attributes.name).toBe('Acme Corporation');
    expect(items(acme.attributes.domains)).toEqual(['acme.com']); // from https://www.acme.com/about
    const globex = dump.companyByDomain('globex.com')!;
    expect(globex.attributes).toMatchObject({ name: 'Globex', employee_count: 1200 });
    expect(outcomes.find((o) => o.object === 'company' && o.source_id === '2')?.action).toBe('updated');
    const initech = dump.companyByDomain('initech.com')!;
    const umbrella = dump.companyByName('Umbrella');
    expect(umbrella).toHaveLength(1);

    expect(dump.people).toHaveLength(8);
    const chrisAcme = dump.personByEmail('chris@acme.com')!;
    expect(chrisAcme.attributes).toMatchObject({
      first_name: 'Chris',
      last_name: 'Smith',
      job_title: 'CTO',
      company_id: acme.id,
    });
    expect(items(chrisAcme.attributes.email_addresses)).toEqual(['chris@acme.com']);
    expect(dump.personByEmail('chris.smith@gmail.com')).toBeUndefined();
    const chrisGlobex = dump.personByEmail('chris.smith@globex.com')!;
    expect(chrisGlobex.attributes).toMatchObject({ job_title: 'Buyer', company_id: globex.id });
    const dana = dump.personByEmail('dana@globex.com')!;
    expect(items(dana.attributes.email_addresses)).toEqual(['dana@globex.com']);
    expect(dana.attributes.company_id).toBe(globex.id); // "globex" matched case-insensitively
    const fox = dump.personByEmail('fox@initech.com')!;
    expect(fox.attributes).toMatchObject({
      first_name: 'Fox',
      last_name: 'Mulder',
      job_title: 'Analyst',
      company_id: initech.id,
    });
    expect(items(fox.attributes.email_addresses)).toEqual(['fox@initech.com']);
    expect(outcomes.find((o) => o.object === 'person' && o.source_id === '104')?.action).toBe('updated');
    expect(dump.personByEmail('walter@vandelay.com')!.attributes.company_id ?? null).toBeNull();
    const monica = dump.personByEmail('monica@reyes.io')!;
    expect(items(monica.attributes.phone_numbers)).toHaveLength(2);
    expect(monica.attributes.company_id ?? null).toBeNull();
    const alex = dump.peopleByName('Alex', 'Krycek');
    expect(alex).toHaveLength(1);
    expect(items(alex[0]!.attributes.email_addresses)).toEqual([]);
    expect(alex[0]!.attributes.company_id).toBe(umbrella[0]!.id);
    expect(JSON.stringify(dump.raw)).not.toContain('not-an-email');

    expect(dump.deals).toHaveLength(8);
    const byName = (n: string) => dump.dealsByName(n)[0]!;
    expect(byName('Acme renewal').attributes).toMatchObject({ stage: 'Negotiation', company_id: acme.id });
    expect(dump.dealPeopleEmails(byName('Acme renewal'))).toEqual(['chris@acme.com']);
    expect(dump.dealPeopleEmails(byName('Globex expansion'))).toEqual(['chris.smith@globex.com']);
    expect(byName('Globex expansion').attributes.stage).toBe('Proposal');
    expect(byName('Initech pilot').relationships.people).toEqual([]);
    const renewals = dump.deals.filter((d) => String(d.attributes.name).startsWith('Annual renewal'));
    expect(renewals).toHaveLength(2);
    const won = renewals.find((d) => d.attributes.company_id === acme.id)!;
    expect(won.attributes).toMatchObject({ name: 'Annual renewal', stage: 'Won' });
    const lost = renewals.find((d) => d !== won)!;
    expect(lost.attributes).toMatchObject({ stage: 'Lost', company_id: globex.id });
    expect(lost.attributes.name).not.toBe('Annual renewal');
    expect(dump.dealPeopleEmails(lost)).toEqual(['dana@globex.com']);
    expect(byName('Vandelay import').attributes.company_id ?? null).toBeNull();
    expect(dump.dealPeopleEmails(byName('Vandelay import'))).toEqual(['walter@vandelay.com']);
    expect(dump.dealPeopleEmails(byName('Umbrella deal'))).toEqual(['fox@initech.com']);
    expect(byName('Mystery deal').relationships.people).toEqual([]);
  });
});
