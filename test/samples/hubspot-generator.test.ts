import { createReadStream, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/issues.js';
import { DEFAULT_MAPPING } from '../../src/core/mapping.js';
import type { SourceEvent } from '../../src/core/source-adapter.js';
import { isFreeMailDomain, normalizeDomain, normalizeEmail } from '../../src/normalize/index.js';
import { inspectCsv, readCsvRows } from '../../src/read/index.js';
import { main, parseGenerateArgs } from '../../src/samples/generate-cli.js';
import {
  DEMO_SAMPLE_OPTIONS,
  demoWorkspaceSeed,
  type HubSpotSampleOptions,
  hubSpotSampleFileNames,
  type PlantedProblems,
  writeHubSpotSample,
} from '../../src/samples/index.js';
import { defaultSchemaBody } from '../../src/sandbox/schema/default-schema.js';
import { createHubspotAdapter } from '../../src/sources/hubspot/adapter.js';
import { classifyHubspotFile } from '../../src/sources/hubspot/columns.js';

const BUNDLED = new URL('../../samples/hubspot/', import.meta.url).pathname;

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'clarify-samples-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

type Row = Record<string, string>;
interface Parsed {
  headers: string[];
  rows: Row[];
}

/** Strict RFC 4180 parse: every row must have exactly the header's number of cells. */
function readCsv(path: string): Parsed {
  const text = readFileSync(path, 'utf8');
  const [headers = [], ...cells] = parse(text) as string[][];
  return {
    headers,
    rows: cells.map((record) => Object.fromEntries(headers.map((h, i) => [h, record[i] ?? '']))),
  };
}

const ids = (cell: string | undefined) => (cell ? cell.split(';') : []);

const LIFECYCLE_EXACT = new Set([
  ...['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer'],
  ...['evangelist', 'other'],
  ...['Subscriber', 'Lead', 'Marketing Qualified Lead', 'Sales Qualified Lead', 'Opportunity', 'Customer'],
  ...['Evangelist', 'Other'],
]);
const STAGE_EXACT = new Set([
  ...['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin'],
  ...['contractsent', 'closedwon', 'closedlost'],
  ...['Appointment Scheduled', 'Qualified To Buy', 'Presentation Scheduled', 'Decision Maker Bought-In'],
  ...['Contract Sent', 'Closed Won', 'Closed Lost'],
]);
const lowerSet = (set: Set<string>) => new Set([...set].map((v) => v.toLowerCase()));

interface Export {
  companies: Parsed;
  contacts: Parsed;
  deals: Parsed;
}

function readExport(files: { companies: string; contacts: string; deals: string }): Export {
  return {
    companies: readCsv(files.companies),
    contacts: readCsv(files.contacts),
    deals: readCsv(files.deals),
  };
}

/** Recounts every kind of planted problem from the files alone (independently of the generator's counters). */
function recount(data: Export): PlantedProblems {
  const companyIds = new Set(data.companies.rows.map((r) => r['Record ID']!));
  const contactIds = new Set(data.contacts.rows.map((r) => r['Record ID']!));
  const seenEmails = new Set<string>();
  let duplicateEmails = 0;
  for (const row of data.contacts.rows) {
    const email = row.Email!.toLowerCase();
    if (email === '') continue;
    if (seenEmails.has(email)) duplicateEmails++;
    seenEmails.add(email);
  }
  const dealNames = new Map<string, number>();
  for (const row of data.deals.rows)
    dealNames.set(row['Deal Name']!, (dealNames.get(row['Deal Name']!) ?? 0) + 1);
  return {
    invalidEmails: data.contacts.rows.filter((r) => r.Email !== '' && !normalizeEmail(r.Email!).ok).length,
    wrongCaseStages:
      data.contacts.rows.filter((r) => !LIFECYCLE_EXACT.has(r['Lifecycle Stage']!)).length +
      data.deals.rows.filter((r) => !STAGE_EXACT.has(r['Deal Stage']!)).length,
    duplicateDealNames: [...dealNames.values()].filter((n) => n > 1).length,
    missingCompanyLinks: data.contacts.rows.filter((r) =>
      ids(r['Associated Company IDs']).some((id) => !companyIds.has(id)),
    ).length,
    missingContactLinks: data.deals.rows.filter((r) =>
      ids(r['Associated Contact IDs']).some((id) => !contactIds.has(id)),
    ).length,
    urlDomains: data.companies.rows.filter((r) => /[/:]|^www\./.test(r['Company Domain Name']!)).length,
    freeMailDomains: data.companies.rows.filter(
      (r) => r['Company Domain Name'] !== '' && isFreeMailDomain(r['Company Domain Name']!),
    ).length,
    duplicateEmails,
    contactsWithoutEmail: data.contacts.rows.filter((r) => r.Email === '' && r['First Name'] !== '').length,
  };
}

async function runAdapter(dir: string) {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.csv')).sort();
  const files = await Promise.all(
    names.map(async (name) => ({
      path: join(dir, name),
      headers: (await inspectCsv(join(dir, name))).headers,
    })),
  );
  const adapter = createHubspotAdapter(DEFAULT_MAPPING);
  const events: SourceEvent[] = [];
  for await (const event of adapter.read(files, (path) => readCsvRows(path), {})) events.push(event);
  const issues: Issue[] = [];
  for (const event of events) {
    if (event.kind === 'issue') issues.push(event.issue);
    if (event.kind === 'record') issues.push(...event.record.issues);
  }
  return { adapter, files, events, issues };
}

const SMALL: HubSpotSampleOptions = { companies: 300, contacts: 2000, deals: 700, seed: 7, problems: true };

describe('writeHubSpotSample', async () => {
  const dir = await tempDir();
  const result = await writeHubSpotSample(dir, SMALL);
  const data = readExport(result.files);

  it('names the files like HubSpot downloads and writes the requested number of rows', () => {
    expect(Object.values(result.files).map((path) => path.slice(dir.length + 1))).toEqual([
      'hubspot-crm-exports-all-companies-2026-11-27.csv',
      'hubspot-crm-exports-all-contacts-2026-11-27.csv',
      'hubspot-crm-exports-all-deals-2026-11-27.csv',
    ]);
    expect(data.companies.rows).toHaveLength(SMALL.companies);
    expect(data.contacts.rows).toHaveLength(SMALL.contacts);
    expect(data.deals.rows).toHaveLength(SMALL.deals);
  });

  it('writes UTF-8 without BOM, LF line ends, quoting only where RFC 4180 needs it', () => {
    for (const path of Object.values(result.files)) {
      const bytes = readFileSync(path);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
      const text = bytes.toString('utf8');
      expect(text.includes('\r')).toBe(false);
      expect(text.endsWith('\n')).toBe(true);
    }
    // Some company names carry ", Inc." and must come back intact through a strict parser.
    expect(data.companies.rows.some((r) => r['Company name']!.endsWith(', Inc.'))).toBe(true);
    expect(readFileSync(result.files.companies, 'utf8')).toMatch(/,"[^"\n]+, Inc\.",/);
    expect(data.contacts.rows.some((r) => /[^\x00-\x7f]/.test(r['First Name']! + r['Last Name']!))).toBe(
      true,
    );
  });

  it('uses unique 9–11 digit Record IDs', () => {
    for (const file of [data.companies, data.contacts, data.deals]) {
      const all = file.rows.map((r) => r['Record ID']!);
      for (const id of all) expect(id).toMatch(/^\d{9,11}$/);
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it('writes realistic values: dates, stages, pipeline, amounts, phones, domains and URLs', () => {
    for (const r of data.contacts.rows) expect(r['Create Date']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    for (const r of data.deals.rows) {
      expect(r['Close Date']).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(r.Pipeline).toBe('Sales Pipeline');
      expect(r.Amount).toMatch(/^(\d+(\.\d\d)?)?$/);
    }
    expect(data.deals.rows.some((r) => r.Amount === '')).toBe(true);
    const stages = new Set(data.deals.rows.map((r) => r['Deal Stage']));
    for (const stage of ['Appointment Scheduled', 'Closed Won', 'closedwon']) expect(stages).toContain(stage);
    const lifecycle = new Set(data.contacts.rows.map((r) => r['Lifecycle Stage']));
    for (const value of ['Lead', 'Marketing Qualified Lead', 'customer', 'salesqualifiedlead']) {
      expect(lifecycle).toContain(value);
    }
    const phones = data.contacts.rows.map((r) => r['Phone Number']!);
    expect(phones.some((p) => /^\+1 \d{3} 555 \d{4}$/.test(p))).toBe(true);
    expect(phones.some((p) => /^\(\d{3}\) 555-\d{4}$/.test(p))).toBe(true);
    const websiteOnly = data.companies.rows.filter((r) => r['Company Domain Name'] === '');
    expect(websiteOnly.length).toBeGreaterThan(0);
    for (const r of websiteOnly) expect(r['Website URL']).toMatch(/^https:\/\/www\.[a-z0-9.-]+\/about$/);
    // Most contacts write from their company's domain; some from free mail.
    const companyDomain = new Map(
      data.companies.rows.map((r) => {
        const normalized = normalizeDomain(r['Company Domain Name'] || r['Website URL']!);
        return [r['Record ID']!, normalized.ok ? normalized.value : ''];
      }),
    );
    const withCompany = data.contacts.rows.filter((r) =>
      companyDomain.has(r['Associated Company IDs (Primary)']!),
    );
    const fromCompany = withCompany.filter(
      (r) =>
        r.Email!.toLowerCase().split('@')[1] === companyDomain.get(r['Associated Company IDs (Primary)']!),
    );
    expect(fromCompany.length / withCompany.length).toBeGreaterThan(0.85);
    expect(data.contacts.rows.some((r) => /@gmail\.com$/.test(r.Email!))).toBe(true);
  });

  it('plants every kind of problem at least once, in about 1–3% of rows, and counts them exactly', () => {
    expect(recount(data)).toEqual(result.planted);
    for (const [kind, count] of Object.entries(result.planted)) expect(count, kind).toBeGreaterThan(0);
    const total = Object.values(result.planted).reduce((a, b) => a + b, 0);
    const rows = SMALL.companies + SMALL.contacts + SMALL.deals;
    expect(total / rows).toBeGreaterThan(0.01);
    expect(total / rows).toBeLessThan(0.035);
  });

  it('plants problems that import as warnings, not failures', () => {
    // Wrong-case stages still name a real stage; duplicate names are at different companies; duplicate
    // e-mails repeat the same person.
    const lifecycle = lowerSet(LIFECYCLE_EXACT);
    for (const r of data.contacts.rows) expect(lifecycle).toContain(r['Lifecycle Stage']!.toLowerCase());
    const stages = lowerSet(STAGE_EXACT);
    for (const r of data.deals.rows) expect(stages).toContain(r['Deal Stage']!.toLowerCase());
    const byName = new Map<string, Row[]>();
    for (const r of data.deals.rows) byName.set(r['Deal Name']!, [...(byName.get(r['Deal Name']!) ?? []), r]);
    for (const group of byName.values()) {
      if (group.length < 2) continue;
      const companies = group.map((r) => r['Associated Company IDs (Primary)']);
      expect(new Set(companies).size).toBe(companies.length);
    }
    const byEmail = new Map<string, Row>();
    for (const r of data.contacts.rows) {
      if (r.Email === '') continue;
      const first = byEmail.get(r.Email!.toLowerCase());
      if (first) {
        expect([r['First Name'], r['Last Name']]).toEqual([first['First Name'], first['Last Name']]);
        expect(r['Record ID']).not.toBe(first['Record ID']);
      } else byEmail.set(r.Email!.toLowerCase(), r);
    }
    for (const r of data.contacts.rows) expect(r['First Name']! + r['Last Name']!).not.toBe('');
    for (const r of data.deals.rows) expect(r['Deal Name']).not.toBe('');
  });

  it('links records consistently: every association resolves except the planted dangling ones', () => {
    const companyIds = new Set(data.companies.rows.map((r) => r['Record ID']!));
    const contactIds = new Set(data.contacts.rows.map((r) => r['Record ID']!));
    const dealIds = new Set(data.deals.rows.map((r) => r['Record ID']!));
    const dealContacts = new Set<string>();
    for (const deal of data.deals.rows) {
      expect(companyIds).toContain(deal['Associated Company IDs (Primary)']);
      expect(deal['Associated Company IDs']).toBe(deal['Associated Company IDs (Primary)']);
      for (const id of ids(deal['Associated Contact IDs'])) {
        if (contactIds.has(id)) dealContacts.add(`${deal['Record ID']}>${id}`);
      }
    }
    const contactDeals = new Set<string>();
    const contactsOfCompany = new Map<string, string[]>();
    let dangling = 0;
    for (const contact of data.contacts.rows) {
      const all = ids(contact['Associated Company IDs']);
      const primary = contact['Associated Company IDs (Primary)']!;
      if (all.length > 0) expect(all[0]).toBe(primary);
      if (primary !== '' && !companyIds.has(primary)) dangling++;
      else if (primary !== '') {
        for (const id of all) expect(companyIds).toContain(id);
        contactsOfCompany.set(primary, [...(contactsOfCompany.get(primary) ?? []), contact['Record ID']!]);
      }
      for (const id of ids(contact['Associated Deal IDs'])) {
        expect(dealIds).toContain(id);
        contactDeals.add(`${id}>${contact['Record ID']}`);
      }
    }
    expect(dangling).toBe(result.planted.missingCompanyLinks);
    expect(contactDeals).toEqual(dealContacts);
    // A deal names 1–3 people, all of its own company.
    const primaryOf = new Map(
      data.contacts.rows.map((r) => [r['Record ID']!, r['Associated Company IDs (Primary)']]),
    );
    for (const deal of data.deals.rows) {
      const people = ids(deal['Associated Contact IDs']).filter((id) => contactIds.has(id));
      expect(people.length).toBeLessThanOrEqual(3);
      for (const id of people) expect(primaryOf.get(id)).toBe(deal['Associated Company IDs (Primary)']);
    }
    for (const company of data.companies.rows) {
      expect(ids(company['Associated Contact IDs'])).toEqual(
        contactsOfCompany.get(company['Record ID']!) ?? [],
      );
    }
  });

  it('is read by the HubSpot adapter: all three files recognised, every row a record, only warnings', async () => {
    const { adapter, files, events, issues } = await runAdapter(dir);
    for (const file of files) expect(classifyHubspotFile(file.headers), file.path).toBeDefined();
    expect(adapter.roles(files).map((role) => role.object)).toEqual(['company', 'person', 'deal']);
    const records = events.flatMap((e) => (e.kind === 'record' ? [e.record] : []));
    expect(records.filter((r) => r.object === 'company')).toHaveLength(SMALL.companies);
    expect(records.filter((r) => r.object === 'person')).toHaveLength(SMALL.contacts);
    expect(records.filter((r) => r.object === 'deal')).toHaveLength(SMALL.deals);
    expect(events.filter((e) => e.kind === 'skip')).toEqual([]);
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    // The planted associations to rows the export does not have go on as the export gives them (the planner
    // reports them): contacts naming a company that is not a record, deals linked to a contact that is not.
    const companyIds = new Set(records.filter((r) => r.object === 'company').map((r) => r.sourceId));
    const personIds = new Set(records.filter((r) => r.object === 'person').map((r) => r.sourceId));
    const unknownCompany = records.filter(
      (r) => r.object === 'person' && r.companySourceId !== undefined && !companyIds.has(r.companySourceId),
    );
    expect(unknownCompany).toHaveLength(result.planted.missingCompanyLinks);
    const links = events.flatMap((e) => (e.kind === 'link' ? [e.link] : []));
    const dealsLinkedToUnknown = new Set(
      links.filter((link) => !personIds.has(link.personSourceId)).map((link) => link.dealSourceId),
    );
    expect(dealsLinkedToUnknown.size).toBe(result.planted.missingContactLinks);
    expect(issues.filter((issue) => issue.code === 'AMBIGUOUS_LINK')).toEqual([]);
  });

  it('plants nothing with problems: false', async () => {
    const clean = await writeHubSpotSample(await tempDir(), { ...SMALL, problems: false });
    expect(Object.values(clean.planted).every((n) => n === 0)).toBe(true);
    expect(recount(readExport(clean.files))).toEqual(clean.planted);
  });
});

describe('determinism', () => {
  it('gives byte-identical files for the same seed and different files for another seed', async () => {
    const options = { ...SMALL, contacts: 500 };
    const [a, b, c] = await Promise.all([
      writeHubSpotSample(await tempDir(), options),
      writeHubSpotSample(await tempDir(), options),
      writeHubSpotSample(await tempDir(), { ...options, seed: 8 }),
    ]);
    for (const key of ['companies', 'contacts', 'deals'] as const) {
      expect(readFileSync(a.files[key]).equals(readFileSync(b.files[key])), key).toBe(true);
      expect(readFileSync(a.files[key]).equals(readFileSync(c.files[key])), key).toBe(false);
    }
    expect(a.planted).toEqual(b.planted);
  });

  it('handles empty and tiny exports', async () => {
    const empty = await writeHubSpotSample(await tempDir(), {
      companies: 0,
      contacts: 0,
      deals: 0,
      seed: 1,
      problems: true,
    });
    expect(readFileSync(empty.files.contacts, 'utf8').split('\n')).toHaveLength(2);
    const tiny = await writeHubSpotSample(await tempDir(), {
      companies: 1,
      contacts: 3,
      deals: 2,
      seed: 1,
      problems: true,
    });
    const data = readExport(tiny.files);
    expect(data.contacts.rows).toHaveLength(3);
    expect(recount(data)).toEqual(tiny.planted);
    await expect(
      writeHubSpotSample(await tempDir(), { companies: -1, contacts: 0, deals: 0, seed: 1, problems: false }),
    ).rejects.toThrow(/companies/);
  });
});

describe('bundled demo set (samples/hubspot)', () => {
  it('is exactly what seed 42 generates', async () => {
    const fresh = await writeHubSpotSample(await tempDir(), DEMO_SAMPLE_OPTIONS);
    const names = hubSpotSampleFileNames();
    for (const key of ['companies', 'contacts', 'deals'] as const) {
      expect(readFileSync(join(BUNDLED, names[key])).equals(readFileSync(fresh.files[key])), key).toBe(true);
    }
    const readme = readFileSync(join(BUNDLED, 'README.md'), 'utf8');
    for (const [kind, count] of Object.entries(fresh.planted)) {
      expect(count, kind).toBeGreaterThan(0);
      expect(readme, kind).toContain(`| \`${kind}\` | ${count} |`);
    }
  });

  it('imports with warnings only', async () => {
    const { events, issues } = await runAdapter(BUNDLED);
    expect(events.filter((e) => e.kind === 'skip')).toEqual([]);
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  });

  it('demoWorkspaceSeed: records that match rows of the bundled export, with default-schema attributes', () => {
    const seed = demoWorkspaceSeed();
    expect(seed.company).toHaveLength(3);
    expect(seed.person).toHaveLength(5);
    expect(seed.deal).toHaveLength(1);
    const names = hubSpotSampleFileNames();
    const data = readExport({
      companies: join(BUNDLED, names.companies),
      contacts: join(BUNDLED, names.contacts),
      deals: join(BUNDLED, names.deals),
    });
    const domains = new Set(data.companies.rows.map((r) => r['Company Domain Name']));
    for (const company of seed.company) {
      expect(domains).toContain((company.domains as { items: string[] }).items[0]);
    }
    const emails = new Set(data.contacts.rows.map((r) => r.Email!.toLowerCase()));
    for (const person of seed.person) {
      const [email] = (person.email_addresses as { items: string[] }).items;
      expect(emails).toContain(email);
      expect(normalizeEmail(email!)).toEqual({ ok: true, value: email });
    }
    expect(data.deals.rows.filter((r) => r['Deal Name'] === seed.deal[0]!.name)).toHaveLength(1);
    // Attribute names and select options exist in the sandbox default schema.
    const schema = defaultSchemaBody().data;
    for (const object of ['company', 'person', 'deal'] as const) {
      const entity = schema.find((e) => e.attributes.$id === `entities/${object}`)!;
      const properties = entity.attributes.properties as Record<string, { enum?: string[] }>;
      for (const record of seed[object]) {
        for (const [attribute, value] of Object.entries(record)) {
          expect(Object.keys(properties), `${object}.${attribute}`).toContain(attribute);
          const options = properties[attribute]?.enum;
          if (options) expect(options).toContain(value);
        }
      }
    }
  });
});

describe('generate-cli', () => {
  it('parses its options and writes the files', async () => {
    const dir = await tempDir();
    expect(parseGenerateArgs(['--dir', dir, '--contacts', '50', '--seed', '3', '--no-problems'])).toEqual({
      dir,
      options: { companies: 40, contacts: 50, deals: 60, seed: 3, problems: false },
    });
    expect(() => parseGenerateArgs(['--contacts', '5'])).toThrow(/--dir/);
    expect(() => parseGenerateArgs(['--dir', dir, '--contacts', 'many'])).toThrow(/whole number/);
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      expect(await main(['--dir', dir, '--companies', '5', '--contacts', '20', '--deals', '8'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(readCsv(join(dir, hubSpotSampleFileNames().contacts)).rows).toHaveLength(20);
  });
});

async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path)) {
    for (const byte of chunk as Buffer) if (byte === 10) lines++;
  }
  return lines;
}

describe('large exports', () => {
  it('writes 100,000 contacts with bounded memory', async () => {
    const dir = await tempDir();
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const options = { companies: 10_000, contacts: 100_000, deals: 30_000, seed: 11, problems: true };
    let files: { companies: string; contacts: string; deals: string };
    try {
      ({ files } = await writeHubSpotSample(dir, options));
    } finally {
      clearInterval(timer);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(peak).toBeLessThan(300 * 1024 * 1024);
    expect(await countLines(files.contacts)).toBe(options.contacts + 1);
    expect(await countLines(files.companies)).toBe(options.companies + 1);
    expect(await countLines(files.deals)).toBe(options.deals + 1);
  });
});
