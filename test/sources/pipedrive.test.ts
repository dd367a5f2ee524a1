import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING } from '../../src/core/mapping.js';
import { createPipedriveAdapter } from '../../src/sources/pipedrive/adapter.js';
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

const DIR = join(FIXTURES, 'pipedrive');

describe('Pipedrive adapter on the fixture export', async () => {
  const files = await exportFiles(DIR);
  const adapter = createPipedriveAdapter(DEFAULT_MAPPING);
  const out = await run(adapter, files);

  it('recognises organizations, people and deals by their Entity - Field headers', () => {
    expect(adapter.roles(files).map((r) => `${r.path.split('/').pop()}:${r.object}`)).toEqual([
      'deals.csv:deal',
      'organizations.csv:company',
      'people.csv:person',
    ]);
  });

  it('accounts for every row and keeps the object order', () => {
    for (const file of files) {
      expect(out.records.filter((r) => r.origin.file === file.path).length).toBe(dataRowCount(file.path));
    }
    expect(out.skips).toEqual([]);
    expect(phaseOrder(out.events)).toEqual(['company', 'person', 'deal', 'link']);
  });

  it('maps organizations with URL websites kept raw', () => {
    expect(byId(out.records, '1').fields).toEqual({
      name: 'Acme Corporation',
      domains: ['https://www.acme.com/about'],
      industry: 'Software',
      employee_count: '250',
      annual_revenue: '25000000',
    });
  });

  it('keeps the first valid e-mail of a comma-joined cell and reports the others as dropped', () => {
    const chris = byId(out.records, '101');
    expect(chris.fields).toEqual({
      first_name: 'Chris',
      last_name: 'Smith',
      job_title: 'CTO',
      email_addresses: ['chris@acme.com'],
      phone_numbers: ['+1 415 555 0201'],
    });
    expect(chris.issues).toMatchObject([
      { code: 'DROPPED_EMAIL', severity: 'warning', value: 'chris.smith@gmail.com' },
    ]);
    // Not sent, but still used to find the person already in the workspace.
    expect(chris.matchEmails).toEqual(['chris.smith@gmail.com']);
    expect(byId(out.records, '107').matchEmails).toBeUndefined();
    const dana = byId(out.records, '103');
    expect(dana.fields.email_addresses).toEqual(['dana@globex.com']);
    expect(dana.issues[0]?.message).toContain('not-an-email (not a valid address)');
    expect(byId(out.records, '104').issues).toMatchObject([
      { code: 'DROPPED_EMAIL', value: 'fox.mulder@gmail.com' },
    ]);
    // only an invalid address: passed on raw so that normalization reports INVALID_EMAIL
    expect(byId(out.records, '107').fields.email_addresses).toEqual(['alex@krycek']);
    expect(byId(out.records, '107').issues).toEqual([]);
  });

  it('keeps every phone of a comma-joined cell', () => {
    expect(byId(out.records, '106').fields.phone_numbers).toEqual(['+1 555 0106', '+1 555 0107']);
  });

  it('links people to organizations by name: exact, else case-insensitive when unique, else a warning', () => {
    expect(byId(out.records, '101').companySourceId).toBe('1');
    expect(byId(out.records, '102').companySourceId).toBe('2');
    expect(byId(out.records, '103').companySourceId).toBe('2');
    const walter = byId(out.records, '105');
    expect(walter.companySourceId).toBeUndefined();
    expect(walter.issues).toMatchObject([{ code: 'MISSING_COMPANY', value: 'Vandelay Industries' }]);
    expect(byId(out.records, '106').companySourceId).toBeUndefined();
    expect(byId(out.records, '106').issues).toEqual([]);
  });

  it('maps deals: Won/Lost status overrides the stage, Organization/Person columns are not used for the deal', () => {
    expect(byId(out.records, '201').fields).toEqual({
      name: 'Acme renewal',
      amount: '48000',
      stage: 'Negotiations Started',
      close_date: '2024-06-30',
    });
    expect(byId(out.records, '204').fields.stage).toBe('Won');
    expect(byId(out.records, '205').fields.stage).toBe('Lost');
    const renewals = out.records.filter((r) => r.fields.name === 'Annual renewal');
    expect(renewals.map((r) => r.companySourceId)).toEqual(['1', '2']);
    const unknown = out.issues.filter((i) => i.code === 'UNKNOWN_COLUMN');
    expect(unknown).toHaveLength(3);
    expect(unknown.find((i) => i.file?.endsWith('deals.csv'))?.message).toContain(
      'Deal - Currency, Deal - Pipeline, Deal - Owner, Organization - Website, Person - Email',
    );
  });

  it("resolves the contact person among the deal organization's people first, then globally if unique", () => {
    expect(out.links.map((l) => `${l.dealSourceId}-${l.personSourceId}`)).toEqual([
      '201-101',
      '202-102',
      '203-',
      '205-103',
      '206-105',
      '207-104',
      '208-',
    ]);
    // A name that stays ambiguous, or names nobody, is never guessed: the link carries the problem to the
    // planner, which reports it on the deal's link line and counts it as failed.
    const pilot = byId(out.records, '203');
    expect(pilot.companySourceId).toBe('3');
    expect(pilot.issues).toEqual([]);
    const ambiguous = out.links.find((l) => l.dealSourceId === '203')!;
    expect(ambiguous.problem).toMatchObject({
      code: 'AMBIGUOUS_LINK',
      severity: 'warning',
      value: 'Chris Smith',
    });
    expect(ambiguous.problem?.message).toContain('Chris Smith (Acme Corporation); Chris Smith (Globex)');
    expect(codes(byId(out.records, '206').issues)).toEqual(['MISSING_COMPANY']);
    expect(byId(out.records, '208').issues).toEqual([]);
    expect(out.links.find((l) => l.dealSourceId === '208')?.problem).toMatchObject({
      code: 'MISSING_PERSON',
      value: 'Jane Nobody',
    });
  });
});

describe('Pipedrive adapter, other shapes', () => {
  it('reads import-template headers and synthesizes stable ids when there is no ID column', async () => {
    const { files, reader } = memoryExport({
      'people.csv': [
        [
          'Person - Name*',
          'Person - Email (Work)',
          'Person - Email (Home)',
          'Person - Phone (Mobile)',
          'Person - Organization',
        ],
        ['Ann Lee', 'ann@acme.com', 'ann@home.net', '+1 555 1', 'ACME'],
      ],
      'deals.csv': [
        ['Deal - Title*', 'Deal - Value', 'Deal - Stage (pipeline)', 'Deal - Contact person'],
        ['Big', '100', 'Lead In', 'ann lee'],
      ],
    });
    const adapter = createPipedriveAdapter(DEFAULT_MAPPING);
    const out = await run(adapter, files, reader);
    expect(out.records.map((r) => [r.object, r.sourceId])).toEqual([
      ['person', 'people.csv#2'],
      ['deal', 'deals.csv#2'],
    ]);
    expect(out.records[0]?.fields).toEqual({
      name: 'Ann Lee',
      email_addresses: ['ann@acme.com'],
      phone_numbers: ['+1 555 1'],
    });
    // No organizations export: its one file-level warning (below) says so, not a note on every row.
    expect(codes(out.records[0]?.issues ?? [])).toEqual(['DROPPED_EMAIL']);
    expect(out.records[1]?.fields).toEqual({ name: 'Big', amount: '100', stage: 'Lead In' });
    expect(out.links).toMatchObject([{ dealSourceId: 'deals.csv#2', personSourceId: 'people.csv#2' }]);
    expect(out.issues.filter((i) => i.code === 'SOURCE_MISSING_FILE')).toHaveLength(1);
  });

  it('never guesses between organizations with the same name', async () => {
    const { files, reader } = memoryExport({
      'orgs.csv': [
        ['Organization - ID', 'Organization - Name'],
        ['1', 'Acme'],
        ['2', 'acme'],
      ],
      'people.csv': [
        ['Person - ID', 'Person - Name', 'Person - Organization'],
        ['10', 'Ann', 'ACME'],
        ['11', 'Bob', 'acme'],
      ],
    });
    const out = await run(createPipedriveAdapter(DEFAULT_MAPPING), files, reader);
    expect(out.records.filter((r) => r.object === 'person').map((r) => r.companySourceId ?? null)).toEqual([
      null,
      '2',
    ]);
    expect(byId(out.records, '10').issues).toMatchObject([{ code: 'AMBIGUOUS_LINK', value: 'ACME' }]);
  });

  it('skips a placeholder organization as a catch-all; its people and deals go without a company, with a note', async () => {
    const { files, reader } = memoryExport({
      'orgs.csv': [
        ['Organization - ID', 'Organization - Name'],
        ['1', 'Unknown Company'],
        ['2', 'Acme'],
      ],
      'people.csv': [
        ['Person - ID', 'Person - Name', 'Person - Organization'],
        ['10', 'Ann', 'Unknown Company'],
        ['11', 'Bob', 'Acme'],
      ],
      'deals.csv': [
        ['Deal - ID', 'Deal - Title', 'Deal - Organization'],
        ['20', 'Big', 'unknown company'],
      ],
    });
    const out = await run(createPipedriveAdapter(DEFAULT_MAPPING), files, reader);
    expect(out.skips.map((s) => [s.sourceId, s.issue.code])).toEqual([['1', 'CATCH_ALL_ACCOUNT']]);
    expect(byId(out.records, '10').companySourceId).toBeUndefined();
    expect(byId(out.records, '10').issues).toMatchObject([{ code: 'CATCH_ALL_CONTACT', severity: 'info' }]);
    expect(byId(out.records, '11').companySourceId).toBe('2');
    expect(byId(out.records, '20').issues).toMatchObject([{ code: 'CATCH_ALL_ACCOUNT', severity: 'info' }]);
    const imported = await run(
      createPipedriveAdapter({
        ...DEFAULT_MAPPING,
        options: { ...DEFAULT_MAPPING.options, import_catch_all: true },
      }),
      files,
      reader,
    );
    expect(imported.skips).toEqual([]);
    expect(byId(imported.records, '10').companySourceId).toBe('1');
  });
});
