import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING } from '../../src/core/mapping.js';
import { mappingSchema } from '../../src/core/mapping-schema.js';
import { createHubspotAdapter } from '../../src/sources/hubspot/adapter.js';
import { HUBSPOT_DEFAULT_VALUE_MAPS } from '../../src/sources/hubspot/value-maps.js';
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

const DIR = join(FIXTURES, 'hubspot');

describe('HubSpot adapter on the fixture export', async () => {
  const files = await exportFiles(DIR);
  const adapter = createHubspotAdapter(DEFAULT_MAPPING);
  const out = await run(adapter, files);

  it('recognises the three files by their headers', () => {
    expect(adapter.roles(files).map((role) => role.object)).toEqual(['company', 'person', 'deal']);
    expect(adapter.score(files)).toBeGreaterThan(30);
  });

  it('accounts for every data row exactly once, companies then people then deals, links as they are found', () => {
    for (const file of files) {
      const events = out.records.filter((r) => r.origin.file === file.path).length;
      const skips = out.skips.filter((s) => s.origin.file === file.path).length;
      expect(events + skips, file.path).toBe(dataRowCount(file.path));
    }
    // Records in import order; links go out as they are found, between the records.
    expect(phaseOrder(out.events.filter((event) => event.kind !== 'link'))).toEqual([
      'company',
      'person',
      'deal',
    ]);
    expect(out.events.some((event) => event.kind === 'link')).toBe(true);
    expect(out.records.filter((r) => r.object === 'company')).toHaveLength(5);
    expect(out.records.filter((r) => r.object === 'person')).toHaveLength(8);
    expect(out.records.filter((r) => r.object === 'deal')).toHaveLength(6);
  });

  it('maps company columns, with Additional Domains split and Website URL only as a fallback', () => {
    const acme = byId(out.records, '10234567801');
    expect(acme.fields).toEqual({
      name: 'Acme Corporation',
      domains: ['acme.com', 'acme.io', 'acme-corp.com'],
      industry: 'COMPUTER_SOFTWARE',
      employee_count: '250',
      annual_revenue: '25000000',
    });
    expect(byId(out.records, '10234567802').fields.domains).toEqual(['https://www.globex.com/about']);
    expect(byId(out.records, '10234567805').fields.domains).toEqual(['HOOLI.COM']);
    expect(acme.raw['Company owner']).toBe('Jane Owner');
    expect(acme.origin.line).toBe(2);
  });

  it('maps contacts with raw emails, phones and lifecycle stage as status', () => {
    const ada = byId(out.records, '20512345601');
    expect(ada.fields).toEqual({
      first_name: 'Ada',
      last_name: 'Lovelace',
      email_addresses: ['ada@acme.com'],
      phone_numbers: ['+1 415 555 0101'],
      job_title: 'CTO',
      status: 'Customer',
    });
    expect(ada.companySourceId).toBe('10234567801');
    expect(ada.issues).toEqual([]);
    expect(byId(out.records, '20512345602').fields.status).toBe('customer');
    // invalid emails are passed on raw: normalizeRecord reports INVALID_EMAIL
    expect(byId(out.records, '20512345603').fields.email_addresses).toEqual(['linus(at)initech.com']);
  });

  it('passes on the company a person names even when the export does not have it: the planner says so', () => {
    // test/e2e/vendors.test.ts checks the planner's MISSING_COMPANY for this row, and the person without company.
    const alan = byId(out.records, '20512345605');
    expect(alan.companySourceId).toBe('99999999999');
    expect(alan.issues).toEqual([]);
  });

  it('links a contact with several companies and no primary to the first, with a warning', () => {
    const ken = byId(out.records, '20512345607');
    expect(ken.companySourceId).toBe('10234567805');
    expect(codes(ken.issues)).toEqual(['AMBIGUOUS_LINK']);
  });

  it('skips an Excel-mangled Record ID with an error issue', () => {
    expect(out.skips).toHaveLength(1);
    expect(out.skips[0]).toMatchObject({ object: 'person', sourceId: '1.23457E+10', origin: { line: 7 } });
    expect(out.skips[0]?.issue).toMatchObject({ code: 'EXCEL_MANGLED_ID', severity: 'error' });
  });

  it('maps deals, including two deals with the same name at different companies', () => {
    const renewals = out.records.filter((r) => r.object === 'deal' && r.fields.name === 'Annual renewal');
    expect(renewals.map((r) => r.companySourceId)).toEqual(['10234567801', '10234567802']);
    expect(byId(out.records, '30987654302').fields).toEqual({
      name: 'Annual renewal',
      stage: 'closed won',
      amount: '52000.50',
      close_date: '2024-04-15',
    });
    const bletchley = byId(out.records, '30987654305');
    expect(bletchley.companySourceId).toBe('88888888888');
    expect(bletchley.issues).toEqual([]);
  });

  it('emits person–deal links from both sides, deduplicated, and leaves links to missing records to the planner', () => {
    const pairs = out.links.map((l) => `${l.dealSourceId}-${l.personSourceId}`);
    expect(pairs).toEqual([
      '30987654301-20512345601',
      '30987654302-20512345602',
      '30987654303-20512345602',
      // Deal 30987654399 and contact 20512345699 are not in the export: the planner, which sees every row,
      // reports these links (MISSING_DEAL, MISSING_PERSON); test/e2e/vendors.test.ts checks that it does.
      '30987654399-20512345608',
      '30987654301-20512345608',
      '30987654303-20512345699',
      '30987654304-20512345603',
      '30987654306-20512345607',
    ]);
    expect(byId(out.records, '20512345608').issues).toEqual([]);
    expect(byId(out.records, '30987654303').issues).toEqual([]);
  });

  it('reports one UNKNOWN_COLUMN issue per file, naming the columns not imported', () => {
    const unknown = out.issues.filter((issue) => issue.code === 'UNKNOWN_COLUMN');
    expect(unknown).toHaveLength(3);
    expect(unknown[0]?.message).toContain('Company owner, Create Date');
    expect(unknown[0]?.message).not.toContain('Associated');
    expect(unknown[2]?.message).toContain('Pipeline, Deal owner, Create Date');
    expect(out.issues.filter((issue) => issue.code !== 'UNKNOWN_COLUMN')).toEqual([]);
  });
});

describe('HubSpot adapter, other shapes', () => {
  it('reads Spanish headers (with the English association columns)', async () => {
    const files = await exportFiles(join(DIR, 'spanish'));
    const adapter = createHubspotAdapter(DEFAULT_MAPPING);
    expect(
      adapter
        .roles(files)
        .map((r) => r.object)
        .sort(),
    ).toEqual(['company', 'person']);
    const out = await run(adapter, files);
    expect(byId(out.records, '10600000001').fields).toEqual({
      name: 'Ejemplo S.A.',
      domains: ['ejemplo.es'],
      industry: 'Retail',
    });
    const jose = byId(out.records, '20600000001');
    expect(jose.fields).toEqual({
      first_name: 'José',
      last_name: 'García Pérez',
      email_addresses: ['jose.garcia@ejemplo.es'],
      job_title: 'Director comercial',
      phone_numbers: ['+34 600 000 001'],
    });
    expect(jose.companySourceId).toBe('10600000001');
  });

  it("passes on the row's Country/Region as its region (for its phone numbers), not as an attribute", async () => {
    const { files, reader } = memoryExport({
      'contacts.csv': [
        ['Record ID', 'First Name', 'Phone Number', 'Country/Region'],
        ['101', 'Ann', '(415) 555-0101', 'United States'],
        ['102', 'Bob', '030 1234567', ''],
      ],
    });
    const out = await run(createHubspotAdapter(DEFAULT_MAPPING), files, reader);
    expect(out.records.map((r) => [r.sourceId, r.region, r.fields])).toEqual([
      ['101', 'United States', { first_name: 'Ann', phone_numbers: ['(415) 555-0101'] }],
      ['102', undefined, { first_name: 'Bob', phone_numbers: ['030 1234567'] }],
    ]);
  });

  it('matches headers after NFC, whitespace and case folding, and internal property names', async () => {
    const { files, reader } = memoryExport({
      'contacts.csv': [
        [
          'hs_object_id',
          'FIRSTNAME',
          '  lastname ',
          'E-mail',
          'Nu\u0301mero de tele\u0301fono',
          'lifecyclestage',
        ],
        ['101', 'Ann', 'Lee', 'ann@x.com', '+1 555', 'salesqualifiedlead'],
      ],
    });
    const out = await run(createHubspotAdapter(DEFAULT_MAPPING), files, reader);
    expect(out.records[0]?.fields).toEqual({
      first_name: 'Ann',
      last_name: 'Lee',
      email_addresses: ['ann@x.com'],
      phone_numbers: ['+1 555'],
      status: 'salesqualifiedlead',
    });
  });

  it('applies the user mapping: extra columns, overrides and ignored columns', async () => {
    const mapping = mappingSchema.parse({
      columns: { person: { 'Contact owner': 'owner_name', 'Job Title': null, 'Lead Status': 'status' } },
    });
    const { files, reader } = memoryExport({
      'contacts.csv': [
        [
          'Record ID',
          'First Name',
          'Job Title',
          'Contact owner',
          'Lead Status',
          'Lifecycle Stage',
          'Create Date',
        ],
        ['101', 'Ann', 'CEO', 'Jane', 'OPEN', 'lead', '2024-01-01'],
      ],
    });
    const out = await run(createHubspotAdapter(mapping), files, reader);
    expect(out.records[0]?.fields).toEqual({ first_name: 'Ann', owner_name: 'Jane', status: 'OPEN' });
    const unknown = out.issues.find((i) => i.code === 'UNKNOWN_COLUMN');
    expect(unknown?.message).toContain('1 column(s) are not imported: Create Date.');
  });

  it('turns a row the reader could not read into a failed skip, and warns once when the companies file is missing', async () => {
    const { files, reader } = memoryExport({
      'deals.csv': [
        ['Record ID', 'Deal Name', 'Deal Stage', 'Associated Company IDs (Primary)'],
        ['301', 'Big deal', 'closedwon', '101'],
        ['302', 'Broken', 'closedwon', '101'],
      ],
    });
    const broken: typeof reader = async function* (path) {
      for await (const row of reader(path)) {
        if (row.line === 3)
          yield { ...row, error: { code: 'CSV_RAGGED_ROW', severity: 'error', message: 'ragged' } };
        else yield row;
      }
    };
    const out = await run(createHubspotAdapter(DEFAULT_MAPPING), files, broken);
    expect(out.records).toHaveLength(1);
    // The file-level SOURCE_MISSING_FILE says the deals go without a company; no warning on each row.
    expect(out.records[0]?.companySourceId).toBeUndefined();
    expect(out.records[0]?.issues).toEqual([]);
    expect(out.skips).toMatchObject([
      { sourceId: '302', reason: 'ragged', issue: { code: 'CSV_RAGGED_ROW', severity: 'error', line: 3 } },
    ]);
    expect(out.issues.map((i) => i.code)).toContain('SOURCE_MISSING_FILE');
  });

  it('skips a company with a placeholder name as a catch-all, unless the mapping imports them', async () => {
    const { files, reader } = memoryExport({
      'companies.csv': [
        ['Record ID', 'Company name', 'Company Domain Name'],
        ['101', 'Unknown', ''],
        ['102', 'Acme', 'acme.com'],
        ['103', 'Misc Leads', ''],
      ],
    });
    const withNames = (options: Partial<typeof DEFAULT_MAPPING.options>) => ({
      ...DEFAULT_MAPPING,
      options: { ...DEFAULT_MAPPING.options, ...options },
    });
    const plain = await run(createHubspotAdapter(DEFAULT_MAPPING), files, reader);
    expect(plain.skips.map((s) => [s.sourceId, s.issue.code])).toEqual([['101', 'CATCH_ALL_ACCOUNT']]);
    expect(plain.skips[0]?.issue).toMatchObject({ value: 'Unknown', line: 2 });
    expect(plain.records.map((r) => r.sourceId)).toEqual(['102', '103']);
    const named = await run(
      createHubspotAdapter(withNames({ catch_all_names: ['misc leads'] })),
      files,
      reader,
    );
    expect(named.skips.map((s) => s.sourceId)).toEqual(['101', '103']);
    const imported = await run(createHubspotAdapter(withNames({ import_catch_all: true })), files, reader);
    expect(imported.skips).toEqual([]);
    expect(imported.records).toHaveLength(3);
  });

  it('exports default value maps for lifecycle stages and deal stages', () => {
    expect(HUBSPOT_DEFAULT_VALUE_MAPS['person.status']?.marketingqualifiedlead).toBe('Qualified');
    expect(HUBSPOT_DEFAULT_VALUE_MAPS['person.status']?.customer).toBe('Customer');
    expect(HUBSPOT_DEFAULT_VALUE_MAPS['person.status']?.other).toBeUndefined();
    expect(HUBSPOT_DEFAULT_VALUE_MAPS['deal.stage']?.['closed won']).toBe('Won');
    expect(HUBSPOT_DEFAULT_VALUE_MAPS['deal.stage']?.contractsent).toBe('Negotiation');
  });
});
