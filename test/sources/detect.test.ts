import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/core/errors.js';
import { DEFAULT_MAPPING } from '../../src/core/mapping.js';
import { mappingSchema } from '../../src/core/mapping-schema.js';
import type { ExportFile } from '../../src/core/source-adapter.js';
import {
  ADAPTERS,
  createAdapter,
  defaultValueMaps,
  detectSource,
  readExport,
} from '../../src/sources/index.js';
import { collect, exportFiles, FIXTURES, fileReader } from './helpers.js';

const load = (vendor: string, filter?: (name: string) => boolean) =>
  exportFiles(join(FIXTURES, vendor), filter);

function detectError(files: ExportFile[], forced?: Parameters<typeof detectSource>[1]): ImportError {
  try {
    detectSource(files, forced);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('detectSource did not throw');
}

describe('detectSource', () => {
  it.each([
    ['hubspot', 'hubspot'],
    ['salesforce', 'salesforce'],
    ['pipedrive', 'pipedrive'],
  ])('detects the %s fixture export by its headers', async (vendor, expected) => {
    const files = await load(vendor);
    const detected = detectSource(files);
    expect(detected.adapter.name).toBe(expected);
    expect(detected.roles.length).toBe(files.length);
    expect(detected.issues).toEqual([]);
  });

  it('lists one adapter per source, the generic one matching nothing without a mapping', async () => {
    expect(ADAPTERS.map((a) => a.name)).toEqual(['hubspot', 'salesforce', 'pipedrive', 'generic']);
    expect(ADAPTERS[3]?.score(await load('hubspot'))).toBe(0);
  });

  it('refuses a mix of vendors, naming the odd files', async () => {
    const files = [...(await load('hubspot')), ...(await load('pipedrive', (n) => n === 'people.csv'))];
    const error = detectError(files);
    expect(error.code).toBe('INPUT');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('people.csv (Pipedrive)');
    expect(error.hint).toContain('--source');
  });

  it('refuses files nothing recognises, naming them and suggesting --source or --mapping', async () => {
    const files = await load('generic', (n) => n.startsWith('Notes'));
    const error = detectError(files);
    expect(error.code).toBe('INPUT');
    expect(error.message).toContain('Notes_001.csv');
    expect(error.hint).toMatch(/--source.*--mapping/);
  });

  it('refuses a forced source that recognises none of the files', async () => {
    const error = detectError(await load('pipedrive'), 'salesforce');
    expect(error.message).toContain('looks like a Salesforce export');
  });

  it('says that --source generic needs a mapping, not that no file matches it, when none was given', async () => {
    const error = detectError(await load('pipedrive'), 'generic');
    expect(error.code).toBe('USAGE');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('--source generic reads files through a mapping, and none was given.');
    expect(error.hint).toContain('--mapping');
  });

  it('honours a forced source and the mapping source', async () => {
    const files = await load('hubspot');
    expect(detectSource(files, 'hubspot').adapter.name).toBe('hubspot');
    const mapping = mappingSchema.parse({ source: 'hubspot' });
    expect(detectSource(files, undefined, mapping).adapter.name).toBe('hubspot');
  });

  it('works with a deals file alone: deals without company, and SOURCE_MISSING_FILE warnings instead of one per row', async () => {
    const files = await load('hubspot', (n) => n.includes('deals'));
    const { adapter } = detectSource(files);
    const out = await collect(readExport(files, adapter, fileReader));
    expect(out.records).toHaveLength(6);
    expect(out.records.every((r) => r.companySourceId === undefined)).toBe(true);
    expect(out.records.every((r) => r.issues.length === 0)).toBe(true);
    expect(out.issues.filter((i) => i.code === 'SOURCE_MISSING_FILE').map((i) => i.severity)).toEqual([
      'warning',
      'warning',
    ]);
    expect(out.links).toEqual([]);
  });

  it('works with a contacts file alone: one SOURCE_MISSING_FILE warning each for the companies and the deals', async () => {
    const files = await load('hubspot', (n) => n.includes('contacts'));
    const { adapter } = detectSource(files);
    const out = await collect(readExport(files, adapter, fileReader));
    expect(out.records.length).toBeGreaterThan(3);
    expect(out.records.every((r) => r.companySourceId === undefined)).toBe(true);
    const missing = out.issues.filter((i) => i.code === 'SOURCE_MISSING_FILE').map((i) => i.message);
    expect(missing).toHaveLength(2);
    expect(missing[0]).toContain('refers to companies but no HubSpot companies export was given');
    expect(missing[1]).toContain('refers to deals but no HubSpot deals export was given');
    expect(out.links).toEqual([]);
  });

  it('works with a Salesforce Opportunity file alone', async () => {
    const files = await load('salesforce', (n) => n === 'Opportunity.csv');
    const adapter = createAdapter('salesforce', DEFAULT_MAPPING);
    const out = await collect(readExport(files, adapter, fileReader));
    expect(out.records.filter((r) => r.object === 'deal')).toHaveLength(5);
    expect(out.records.every((r) => r.companySourceId === undefined)).toBe(true);
    expect(out.issues.map((i) => i.code)).toContain('SOURCE_MISSING_FILE');
  });

  it('exposes default value maps per source', () => {
    expect(defaultValueMaps('hubspot')['deal.stage']?.closedwon).toBe('Won');
    expect(defaultValueMaps('salesforce')['deal.stage']?.['negotiation/review']).toBe('Negotiation');
    expect(defaultValueMaps('pipedrive')['deal.stage']?.won).toBe('Won');
    expect(defaultValueMaps('generic')).toEqual({});
  });
});

describe('DEFAULT_MAPPING', () => {
  it('is what the mapping schema makes of an empty mapping file', () => {
    // Written out so that a plan without --mapping loads no schema library; this keeps the two in step.
    expect(DEFAULT_MAPPING).toEqual(mappingSchema.parse({}));
  });
});
