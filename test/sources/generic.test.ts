import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ImportError } from '../../src/core/errors.js';
import { mappingSchema } from '../../src/core/mapping-schema.js';
import { createGenericAdapter } from '../../src/sources/generic/adapter.js';
import { detectSource } from '../../src/sources/index.js';
import {
  byId,
  collect,
  dataRowCount,
  exportFiles,
  FIXTURES,
  memoryExport,
  phaseOrder,
  run,
} from './helpers.js';

const DIR = join(FIXTURES, 'generic');
const mapping = mappingSchema.parse(parseYaml(readFileSync(join(DIR, 'mapping.yaml'), 'utf8')));

describe('generic adapter driven by mapping.yaml', async () => {
  const files = await exportFiles(DIR);
  const detected = detectSource(files, undefined, mapping);
  const out = await run(detected.adapter, files);

  it('is chosen by the mapping and gives each matched file its entry', () => {
    expect(detected.adapter.name).toBe('generic');
    expect(detected.roles.map((r) => `${r.path.split('/').pop()}:${r.object}`)).toEqual([
      'Accounts_001.csv:company',
      'Contacts_001.csv:person',
      'Deal_Contacts.csv:link',
      'Deals_001.csv:deal',
    ]);
  });

  it('reports a file that matches no entry as an error, saying how to add it', () => {
    const unknown = out.issues.filter((i) => i.code === 'SOURCE_UNKNOWN_FILE');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ severity: 'error' });
    expect(unknown[0]?.message).toContain('- match: Notes_001.csv');
  });

  it('accounts for every row of the object files, in object order', () => {
    for (const file of files.filter((f) => /(Accounts|Contacts|Deals)_001/.test(f.path))) {
      expect(out.records.filter((r) => r.origin.file === file.path).length).toBe(dataRowCount(file.path));
    }
    expect(phaseOrder(out.events)).toEqual(['company', 'person', 'deal', 'link']);
  });

  it('maps columns in mapping order, collections from several columns', () => {
    expect(byId(out.records, '4876876000000111').fields).toEqual({
      name: 'Acme Corporation',
      domains: ['https://www.acme.com/about'],
      industry: 'Software',
      employee_count: '250',
    });
    const ada = byId(out.records, '4876876000000201');
    expect(ada.fields).toEqual({
      first_name: 'Ada',
      last_name: 'Lovelace',
      email_addresses: ['ada@acme.com', 'ada.l@gmail.com'],
      job_title: 'CTO',
    });
    expect(ada.companySourceId).toBe('4876876000000111');
    expect(byId(out.records, '4876876000000302').fields).toMatchObject({
      amount: '$12,400.00',
      stage: 'closed won',
    });
  });

  it('resolves companies by id and by name, and reports what it cannot resolve', () => {
    const alan = byId(out.records, '4876876000000204');
    expect(alan.companySourceId).toBeUndefined();
    expect(alan.issues).toMatchObject([{ code: 'MISSING_COMPANY', value: '4876876000000199' }]);
    const deals = out.records.filter((r) => r.object === 'deal');
    expect(deals.map((d) => d.companySourceId ?? null)).toEqual([
      '4876876000000111',
      '4876876000000112',
      null,
    ]);
    expect(deals[2]?.issues).toMatchObject([{ code: 'MISSING_COMPANY', value: 'Initech Ltd' }]);
  });

  it('links people to deals from the deal rows (by name) and the link file (by e-mail), deduplicated', () => {
    expect(out.links.map((l) => `${l.dealSourceId.slice(-3)}-${l.personSourceId.slice(-3)}`)).toEqual([
      '301-201',
      '302-202',
      '303-203',
      '303-202',
    ]);
    const missing = out.issues.filter((i) => i.code === 'MISSING_PERSON');
    expect(missing).toMatchObject([{ value: 'linus@initech.com', line: 3 }]);
  });

  it('lists the columns no entry imports, once per file', () => {
    const unknown = out.issues.filter((i) => i.code === 'UNKNOWN_COLUMN').map((i) => i.message);
    expect(unknown).toHaveLength(3);
    expect(unknown[1]).toContain('2 column(s) are not imported: Account Name, Contact Owner.');
  });
});

describe('generic mapping errors', () => {
  const files = {
    'accounts.csv': [
      ['Id', 'Account Name', 'Web Site'],
      ['1', 'Acme', 'acme.com'],
    ],
  };

  it('names the mapping key, the missing column, the closest match and the available columns', async () => {
    const bad = mappingSchema.parse({
      files: [{ match: 'accounts*.csv', object: 'company', id: 'Id', columns: { name: 'Acount Name' } }],
    });
    const { files: exported, reader } = memoryExport(files);
    const error = await collect(createGenericAdapter(bad).read(exported, reader, {})).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'MAPPING' });
    const message = (error as ImportError).message;
    expect(message).toContain('files[0] (match "accounts*.csv") columns.name');
    expect(message).toContain('column "Acount Name" is not in accounts.csv');
    expect(message).toContain('Did you mean "Account Name"?');
    expect(message).toContain('Available columns: Id, Account Name, Web Site.');
  });

  it('warns of an entry that matches no file, and of one shadowed by an earlier entry for a file', async () => {
    const twice = mappingSchema.parse({
      files: [
        { match: 'accounts*.csv', object: 'company', id: 'Id', columns: { name: 'Account Name' } },
        { match: 'accounts.csv', object: 'company', id: 'Id', columns: { domains: 'Web Site' } },
        { match: 'contacts.csv', object: 'person', id: 'Id', columns: { email_addresses: 'Email' } },
      ],
    });
    const { files: exported, reader } = memoryExport(files);
    const { issues } = await collect(createGenericAdapter(twice).read(exported, reader, {}));
    const shadowed = issues.find((issue) => issue.code === 'SOURCE_UNKNOWN_FILE');
    expect(shadowed).toMatchObject({ severity: 'warning', file: 'accounts.csv' });
    expect(shadowed?.message).toContain('files[0] (match "accounts*.csv") matches it first and is used');
    const unused = issues.find((issue) => issue.code === 'SOURCE_MISSING_FILE');
    expect(unused?.message).toContain(
      'files[2] (match "contacts.csv") in the mapping matches none of the files',
    );
  });

  it('without a companies file, warns once for the file and not on each row naming a company', async () => {
    const people = mappingSchema.parse({
      files: [
        {
          match: 'people.csv',
          object: 'person',
          company: 'Company',
          company_by: 'name',
          columns: { name: 'Name' },
        },
      ],
    });
    const { files: exported, reader } = memoryExport({
      'people.csv': [
        ['Name', 'Company'],
        ['Ann Lee', 'Acme'],
        ['Bob Ray', 'Globex'],
      ],
    });
    const out = await collect(createGenericAdapter(people).read(exported, reader, {}));
    expect(out.records.map((record) => [record.companySourceId, record.issues])).toEqual([
      [undefined, []],
      [undefined, []],
    ]);
    expect(out.issues.filter((issue) => issue.code === 'SOURCE_MISSING_FILE')).toHaveLength(1);
  });

  it('rejects a link entry without deal and person columns', async () => {
    const bad = mappingSchema.parse({ files: [{ match: 'accounts.csv', object: 'link', deal: 'Id' }] });
    const { files: exported, reader } = memoryExport(files);
    await expect(collect(createGenericAdapter(bad).read(exported, reader, {}))).rejects.toMatchObject({
      code: 'MAPPING',
    });
  });

  it('synthesizes ids without an id column and resolves companies by domain', async () => {
    const domainMapping = mappingSchema.parse({
      files: [
        { match: 'accounts.csv', object: 'company', columns: { name: 'Account Name', domains: 'Web Site' } },
        {
          match: 'people.csv',
          object: 'person',
          columns: { name: 'Name' },
          company: 'Email',
          company_by: 'domain',
        },
      ],
    });
    const { files: exported, reader } = memoryExport({
      ...files,
      'people.csv': [
        ['Name', 'Email'],
        ['Ann Lee', 'https://www.acme.com/team'],
      ],
    });
    const out = await run(createGenericAdapter(domainMapping), exported, reader);
    expect(out.records.map((r) => [r.sourceId, r.companySourceId ?? null])).toEqual([
      ['accounts.csv#2', null],
      ['people.csv#2', 'accounts.csv#2'],
    ]);
    expect(out.records[1]?.fields).toEqual({ name: 'Ann Lee' });
  });
});
