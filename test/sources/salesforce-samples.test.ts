import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING } from '../../src/core/mapping.js';
import { detectSource } from '../../src/sources/index.js';
import { SHARED_SALESFORCE_SAMPLES } from '../shared-samples.js';
import { dataRowCount, exportFiles, run } from './helpers.js';

/** The real public Salesforce samples (see /work/shared/samples/SOURCES.md); read in place, never copied. */
const SAMPLES = SHARED_SALESFORCE_SAMPLES;

describe.each([
  [
    'data-cloud-workshop__',
    { company: 22, person: 102 + 60, deal: 50 },
    ['Account', 'AccountContactRelation', 'Contact', 'Lead', 'Opportunity'],
  ],
  [
    'salesforce-migration-app-pack__',
    { company: 83, person: 133, deal: 774 },
    ['Account', 'Contact', 'Opportunity'],
  ],
])('real Salesforce sample %s', async (prefix, rowsPerObject, roles) => {
  const files = await exportFiles(SAMPLES, (name) => name.startsWith(prefix));
  const detected = detectSource(files, undefined, DEFAULT_MAPPING);
  const out = await run(detected.adapter, files);

  it('is detected as Salesforce by its headers', () => {
    expect(detected.adapter.name).toBe('salesforce');
    expect(detected.roles.map((r) => r.role)).toEqual(roles);
  });

  it('accounts for every data row: records + skips = rows, per file and per object', () => {
    for (const file of files.filter((f) => !f.path.includes('AccountContactRelation'))) {
      const records = out.records.filter((r) => r.origin.file === file.path).length;
      const skips = out.skips.filter((s) => s.origin.file === file.path).length;
      expect(records + skips, file.path).toBe(dataRowCount(file.path));
    }
    for (const [object, rows] of Object.entries(rowsPerObject)) {
      const n =
        out.records.filter((r) => r.object === object).length +
        out.skips.filter((s) => s.object === object).length;
      expect(n, object).toBe(rows);
    }
    expect(out.records.every((r) => r.sourceId.length === 18)).toBe(true);
  });

  it('links what the export links and explains the rest', () => {
    const people = out.records.filter((r) => r.object === 'person');
    const linked = people.filter((p) => p.companySourceId !== undefined);
    expect(linked.length).toBeGreaterThan(0);
    for (const person of people) {
      if (person.companySourceId) {
        expect(out.records.some((r) => r.object === 'company' && r.sourceId === person.companySourceId)).toBe(
          true,
        );
      }
    }
    const deals = out.records.filter((r) => r.object === 'deal');
    expect(deals.filter((d) => d.companySourceId).length).toBeGreaterThan(deals.length / 2);
    expect(deals.every((d) => typeof d.fields.name === 'string' && typeof d.fields.stage === 'string')).toBe(
      true,
    );
  });
});

describe('data-cloud-workshop specifics', async () => {
  const files = await exportFiles(SAMPLES, (name) => name.startsWith('data-cloud-workshop__'));
  const out = await run(detectSource(files).adapter, files);

  it('treats the account all 60 leads point to ("Lead Account", no website) as a catch-all', () => {
    const lead = out.skips.find((s) => s.object === 'company');
    expect(lead).toMatchObject({ sourceId: '001Ec00000GINb1IAH', issue: { code: 'CATCH_ALL_ACCOUNT' } });
    expect(lead?.reason).toContain('holding 60 contact(s)');
    expect(out.skips).toHaveLength(1);
    const leads = out.records.filter((r) => r.origin.file.endsWith('Lead.csv'));
    expect(leads).toHaveLength(60);
    expect(leads.every((l) => l.companySourceId === undefined)).toBe(true);
    expect(leads[0]?.issues).toMatchObject([{ code: 'CATCH_ALL_CONTACT', severity: 'info' }]);
  });

  it('reports the AccountContactRelation file as not imported', () => {
    expect(out.issues.find((i) => i.code === 'SOURCE_UNKNOWN_FILE')?.file).toMatch(/AccountContactRelation/);
  });
});

describe('salesforce-migration-app-pack specifics', async () => {
  const files = await exportFiles(SAMPLES, (name) => name.startsWith('salesforce-migration-app-pack__'));
  const out = await run(detectSource(files).adapter, files);

  it('imports every row, every contact and opportunity linked to its account', () => {
    expect(out.skips).toEqual([]);
    const people = out.records.filter((r) => r.object === 'person');
    const deals = out.records.filter((r) => r.object === 'deal');
    expect(people.filter((p) => p.companySourceId).length).toBe(133);
    expect(deals.filter((d) => d.companySourceId).length).toBe(774);
    expect(out.records.flatMap((r) => r.issues)).toEqual([]);
  });

  it('keeps multi-line account descriptions whole (83 records from 168 lines)', () => {
    const companies = out.records.filter((r) => r.object === 'company');
    expect(companies).toHaveLength(83);
    expect(
      companies.some((c) => typeof c.fields.description === 'string' && c.fields.description.includes('\n')),
    ).toBe(true);
  });
});
