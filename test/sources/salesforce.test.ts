import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING } from '../../src/core/mapping.js';
import { mappingSchema } from '../../src/core/mapping-schema.js';
import { normalizeSalesforceId as sf } from '../../src/normalize/index.js';
import { createSalesforceAdapter } from '../../src/sources/salesforce/adapter.js';
import {
  byId,
  codes,
  dataRowCount,
  exportFiles,
  FIXTURES,
  memoryExport,
  phaseOrder,
  run,
} from './helpers.js';

const DIR = join(FIXTURES, 'salesforce');
const ID = {
  acme: '0015g00000AcmeAAAR',
  globex: '0015g00000GlobXAAR',
  web: '0015g00000WebLdAAJ',
  old: '0015g00000OldCoAAJ',
  hooli: '0015g00000HooLiAAJ',
  missing: '0015g00000MissGAAR',
  c1: '0035g00000Ada01AAB',
  c2: '0035g00000Grc02AAB',
  c9: '0035g00000Del09AAB',
  c10: '0035g00000Alan1AAB',
  c11: '0035g00000Solo1AAB',
};

describe('Salesforce adapter on the fixture Data Export', async () => {
  const files = await exportFiles(DIR);
  const adapter = createSalesforceAdapter(DEFAULT_MAPPING);
  const out = await run(adapter, files);
  const records = (object: string) => out.records.filter((r) => r.object === object);
  const skips = (object: string) => out.skips.filter((s) => s.object === object);

  it('recognises every file by its headers', () => {
    expect(adapter.roles(files).map((r) => `${r.role}:${r.object}`)).toEqual([
      'Account:company',
      'AccountContactRelation:ignored',
      'Contact:person',
      'Lead:person',
      'Opportunity:deal',
      'OpportunityContactRole:link',
    ]);
  });

  it('accounts for every data row of the object files, in object order', () => {
    for (const file of files.filter((f) => /Account\.csv|Contact\.csv|Lead|Opportunity\.csv/.test(f.path))) {
      const n = out.records.filter((r) => r.origin.file === file.path).length;
      const s = out.skips.filter((r) => r.origin.file === file.path).length;
      expect(n + s, file.path).toBe(dataRowCount(file.path));
    }
    expect(phaseOrder(out.events)).toEqual(['company', 'person', 'deal', 'link']);
    expect([records('company').length, skips('company').length]).toEqual([4, 2]);
    expect([records('person').length, skips('person').length]).toEqual([14, 2]);
    expect([records('deal').length, skips('deal').length]).toEqual([5, 1]);
  });

  it('maps accounts, keeping multi-line descriptions and URL websites raw', () => {
    expect(byId(out.records, ID.acme).fields).toEqual({
      name: 'Acme Corporation',
      domains: ['www.acme.com'],
      industry: 'Technology',
      annual_revenue: '25000000',
      employee_count: '250',
      description: 'Key account.\nRenewal every March.',
    });
    expect(byId(out.records, ID.hooli).fields.domains).toEqual(['https://www.hooli.com/about']);
  });

  it('skips deleted rows and the catch-all account, whose contacts lose their company link', () => {
    const old = out.skips.find((s) => s.sourceId === ID.old);
    expect(old?.issue).toMatchObject({ code: 'DELETED_ROW', severity: 'info' });
    const web = out.skips.find((s) => s.sourceId === ID.web);
    expect(web?.issue).toMatchObject({ code: 'CATCH_ALL_ACCOUNT', severity: 'warning' });
    expect(web?.reason).toContain('holding 5 contact(s)');
    const webform = records('person').filter((r) => r.fields.last_name === 'Webform');
    expect(webform).toHaveLength(5);
    for (const person of webform) {
      expect(person.companySourceId).toBeUndefined();
      expect(codes(person.issues)).toEqual(['CATCH_ALL_CONTACT']);
    }
    expect(out.skips.find((s) => s.sourceId === ID.c9)?.issue.code).toBe('DELETED_ROW');
  });

  it('maps contacts and reports an account missing from the export', () => {
    const ada = byId(out.records, ID.c1);
    expect(ada.fields).toEqual({
      first_name: 'Ada',
      last_name: 'Lovelace',
      phone_numbers: ['(415) 555-0101'],
      email_addresses: ['ada@acme.com'],
      job_title: 'CTO',
    });
    expect(ada.companySourceId).toBe(ID.acme);
    const alan = byId(out.records, ID.c10);
    expect(alan.companySourceId).toBeUndefined();
    expect(alan.issues).toMatchObject([{ code: 'MISSING_COMPANY', severity: 'warning', value: ID.missing }]);
    expect(byId(out.records, ID.c11).issues).toEqual([]);
  });

  it('skips converted leads and links unconverted ones by account name or website only', () => {
    const converted = out.skips.find((s) => s.issue.code === 'CONVERTED_LEAD');
    expect(converted?.reason).toContain(`into contact ${ID.c1}`);
    const leads = records('person').filter((r) => r.origin.file.endsWith('Lead.csv'));
    expect(leads.map((l) => [l.fields.last_name, l.companySourceId ?? null])).toEqual([
      ['Liskov', ID.acme],
      ['Stark', null],
      ['Belson', ID.hooli],
    ]);
    expect(leads[1]?.issues).toMatchObject([
      { code: 'MISSING_COMPANY', severity: 'info', value: 'Stark Industries' },
    ]);
    expect(records('company').map((r) => r.fields.name)).not.toContain('Stark Industries');
  });

  it('joins 15-character ids with 18-character ones', () => {
    const expansion = records('deal').find((r) => r.fields.name === 'Globex expansion');
    expect(expansion?.companySourceId).toBe(ID.globex);
    expect(expansion?.raw.AccountId).toBe('0015g00000GlobX');
  });

  it('maps opportunities: two deals with the same name at different companies, stage kept raw', () => {
    const renewals = records('deal').filter((r) => r.fields.name === 'Annual renewal');
    expect(renewals.map((r) => [r.companySourceId, r.fields.stage])).toEqual([
      [ID.acme, 'Closed Won'],
      [ID.globex, 'closed won'],
    ]);
    expect(renewals[1]?.fields).toEqual({
      name: 'Annual renewal',
      stage: 'closed won',
      amount: '52000.50',
      close_date: '2024-04-15',
    });
    const bulk = records('deal').find((r) => r.fields.name === 'Website Leads bulk');
    expect(bulk?.companySourceId).toBeUndefined();
    expect(codes(bulk?.issues ?? [])).toEqual(['CATCH_ALL_ACCOUNT']);
    expect(
      codes(records('deal').find((r) => r.fields.name === 'Bletchley consulting')?.issues ?? []),
    ).toEqual(['MISSING_COMPANY']);
  });

  it('passes on the links of Opportunity.ContactId and OpportunityContactRole, deduplicated, unchecked', () => {
    // The deleted opportunity's link (line 5) and the deleted contact's (line 6) go on as well: the planner,
    // which knows every row's fate, reports them and counts them as failed (test/e2e/vendors.test.ts).
    expect(out.links.map((l) => `${l.dealSourceId}-${l.personSourceId}`)).toEqual([
      `0065g00000Ren01AAB-${ID.c1}`,
      `0065g00000Ren02AAB-${ID.c2}`,
      `0065g00000Exp03AAB-${ID.c2}`,
      `0065g00000Del04AAB-${ID.c1}`,
      `0065g00000Ren01AAB-${ID.c9}`,
    ]);
    expect(out.issues.filter((i) => i.code === 'MISSING_DEAL' || i.code === 'MISSING_PERSON')).toEqual([]);
  });

  it('without the Contact export, warns once per linking file and passes on no link', async () => {
    const { files, reader } = memoryExport({
      'Opportunity.csv': [
        ['Id', 'Name', 'StageName', 'CloseDate', 'Amount', 'ContactId'],
        ['0065g00000Ren01AAB', 'Renewal', 'Closed Won', '2024-01-31', '100', '0035g00000Ada01AAB'],
      ],
      'OpportunityContactRole.csv': [
        ['Id', 'OpportunityId', 'ContactId'],
        ['00K5g00000Ocr01EAB', '0065g00000Ren01AAB', '0035g00000Ada01AAB'],
      ],
    });
    const alone = await run(createSalesforceAdapter(DEFAULT_MAPPING), files, reader);
    expect(alone.links).toEqual([]);
    const warnings = alone.issues.filter((i) => i.code === 'SOURCE_MISSING_FILE');
    expect(warnings.map((i) => i.file)).toEqual(['Opportunity.csv', 'OpportunityContactRole.csv']);
    expect(warnings[0]?.message).toContain('Add Contact.csv');
  });

  it('reports the ignored AccountContactRelation file and unknown columns', () => {
    const ignored = out.issues.filter((i) => i.code === 'SOURCE_UNKNOWN_FILE');
    expect(ignored).toHaveLength(1);
    expect(ignored[0]).toMatchObject({ severity: 'warning' });
    expect(ignored[0]?.file).toMatch(/AccountContactRelation\.csv$/);
    expect(out.issues.filter((i) => i.code === 'UNKNOWN_COLUMN')).toHaveLength(4);
    expect(out.issues.find((i) => i.code === 'UNKNOWN_COLUMN')?.message).toContain('BillingStreet');
  });
});

describe('Salesforce adapter, other shapes', () => {
  const header = ['Id', 'IsDeleted', 'AccountId', 'FirstName', 'LastName', 'Email'];
  const bigExport = (website: string, contacts: number, elsewhere: number) => {
    const rows = [header];
    for (let i = 0; i < contacts; i++)
      rows.push([`0035g0000000${String(i).padStart(3, '0')}`, '', '001000000000AAA', 'P', `${i}`, '']);
    for (let i = 0; i < elsewhere; i++)
      rows.push([`0035g0000001${String(i).padStart(3, '0')}`, '', '001000000000BBB', 'Q', `${i}`, '']);
    return memoryExport({
      'Account.csv': [
        ['Id', 'Name', 'Website', 'Industry'],
        ['001000000000AAA', 'Globo Holdings', website, ''],
        ['001000000000BBB', 'Real Co', 'real.co', ''],
      ],
      'Contact.csv': rows,
    });
  };

  it('treats an account holding an outsized share of contacts and no website as catch-all', async () => {
    const { files, reader } = bigExport('', 20, 30);
    const out = await run(createSalesforceAdapter(DEFAULT_MAPPING), files, reader);
    expect(out.skips.map((s) => [s.issue.code, s.sourceId])).toEqual([
      ['CATCH_ALL_ACCOUNT', sf('001000000000AAA')],
    ]);
    expect(out.skips[0]?.reason).toContain('40% of all contacts');
    expect(out.records.filter((r) => r.issues.some((i) => i.code === 'CATCH_ALL_CONTACT'))).toHaveLength(20);
  });

  it('keeps such an account when it has a website, or below 20 contacts, or when told to import catch-alls', async () => {
    const withSite = bigExport('globo.com', 20, 30);
    expect(
      (await run(createSalesforceAdapter(DEFAULT_MAPPING), withSite.files, withSite.reader)).skips,
    ).toEqual([]);
    const small = bigExport('', 19, 1);
    expect((await run(createSalesforceAdapter(DEFAULT_MAPPING), small.files, small.reader)).skips).toEqual(
      [],
    );
    const forced = bigExport('', 20, 30);
    const out = await run(createSalesforceAdapter(DEFAULT_MAPPING), forced.files, forced.reader, {
      importCatchAll: true,
    });
    expect(out.skips).toEqual([]);
    expect(out.records.filter((r) => r.companySourceId === sf('001000000000AAA'))).toHaveLength(20);
  });

  it("passes on each row's country as its region, the ISO code column before the name", async () => {
    const { files, reader } = memoryExport({
      'Account.csv': [
        ['Id', 'Name', 'Website', 'Industry', 'BillingCountry'],
        ['001000000000AAA', 'Acme', 'acme.de', '', 'Germany'],
      ],
      'Contact.csv': [
        [
          'Id',
          'IsDeleted',
          'AccountId',
          'FirstName',
          'LastName',
          'Email',
          'MailingCountry',
          'MailingCountryCode',
        ],
        ['003000000000AAA', '', '001000000000AAA', 'P', 'Lee', '', 'Deutschland', 'DE'],
        ['003000000000BBB', '', '001000000000AAA', 'Q', 'Ray', '', 'United Kingdom', ''],
      ],
      'Lead.csv': [
        ['Id', 'LastName', 'Company', 'Phone', 'Country', 'IsConverted'],
        ['00Q000000000AAA', 'Kim', 'Else', '(415) 555-0101', 'USA', 'false'],
      ],
    });
    const out = await run(createSalesforceAdapter(DEFAULT_MAPPING), files, reader);
    expect(out.records.map((r) => [r.object, r.region])).toEqual([
      ['company', 'Germany'],
      ['person', 'DE'],
      ['person', 'United Kingdom'],
      ['person', 'USA'],
    ]);
  });

  it('takes extra catch-all names from the mapping options', async () => {
    const mapping = mappingSchema.parse({ options: { catch_all_names: ['real co'] } });
    const { files, reader } = bigExport('globo.com', 2, 2);
    const out = await run(createSalesforceAdapter(mapping), files, reader);
    expect(out.skips.map((s) => s.sourceId)).toEqual([sf('001000000000BBB')]);
  });

  it('reads report exports with field labels, linking by Account ID or by Account Name', async () => {
    const { files, reader } = memoryExport({
      'accounts report.csv': [
        ['Account Name', 'Account ID', 'Billing City', 'Website'],
        ['Acme', '001000000000AAA', 'Paris', 'acme.fr'],
      ],
      'contacts report.csv': [
        ['First Name', 'Last Name', 'Email', 'Account Name', 'Contact ID'],
        ['Ann', 'Lee', 'ann@acme.fr', 'Acme', '003000000000AAA'],
        ['Bob', 'Ray', 'bob@else.fr', 'Elsewhere', '003000000000BBB'],
      ],
      'opportunities report.csv': [
        ['Opportunity Name', 'Account ID', 'Stage', 'Close Date', 'Amount', 'Opportunity ID'],
        ['Big', sf('001000000000AAA'), 'Closed Won', '3/31/2024', '1000', '006000000000AAA'],
      ],
    });
    const adapter = createSalesforceAdapter(DEFAULT_MAPPING);
    expect(adapter.roles(files).map((r) => r.role)).toEqual(['Account', 'Contact', 'Opportunity']);
    const out = await run(adapter, files, reader);
    expect(out.records.map((r) => [r.object, r.sourceId, r.companySourceId ?? null])).toEqual([
      ['company', sf('001000000000AAA'), null],
      ['person', sf('003000000000AAA'), sf('001000000000AAA')],
      ['person', sf('003000000000BBB'), null],
      ['deal', sf('006000000000AAA'), sf('001000000000AAA')],
    ]);
    expect(out.records[2]?.issues).toMatchObject([{ code: 'MISSING_COMPANY', value: 'Elsewhere' }]);
    expect(out.records[3]?.fields).toEqual({
      name: 'Big',
      stage: 'Closed Won',
      close_date: '3/31/2024',
      amount: '1000',
    });
  });

  it('reports a row the reader could not read as a failed skip, never drops it', async () => {
    const { files, reader } = memoryExport({
      'Contact.csv': [
        ['Id', 'IsDeleted', 'AccountId', 'FirstName', 'LastName', 'Email'],
        ['003000000000AAA', '0', '', 'Ann', 'Lee', 'ann@x.com'],
        ['003000000000BBB', '0', '', 'Bob', 'Ray'],
      ],
    });
    const broken: typeof reader = async function* (path) {
      for await (const row of reader(path)) {
        yield row.line === 3
          ? { ...row, error: { code: 'CSV_RAGGED_ROW', severity: 'error', message: 'ragged' } }
          : row;
      }
    };
    const out = await run(createSalesforceAdapter(DEFAULT_MAPPING), files, broken);
    expect(out.records).toHaveLength(1);
    expect(out.skips).toMatchObject([
      {
        object: 'person',
        sourceId: sf('003000000000BBB'),
        issue: { code: 'CSV_RAGGED_ROW', severity: 'error' },
      },
    ]);
  });
});
