import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { mappingSchema } from '../../src/core/mapping-schema.js';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js';
import { API_KEY, cleanupTmp, FIXTURES, readSummary, runCli, tmpDir } from './helpers.js';

const WORKSPACE = 'mapping-ws';
let sandbox: RunningSandbox;
const connection = () => ['--api-url', sandbox.url, '--workspace', WORKSPACE];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, workspace: WORKSPACE, apiKey: API_KEY });
});
afterAll(async () => {
  await sandbox.close();
  cleanupTmp();
});

const VENDORS = ['hubspot', 'salesforce', 'pipedrive', 'generic'] as const;
const GENERIC_MAPPING = join(FIXTURES, 'generic/mapping.yaml');
const startFrom = (vendor: string) => (vendor === 'generic' ? ['--mapping', GENERIC_MAPPING] : []);

function headersOf(path: string): string[] {
  const first =
    readFileSync(path, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0] ?? '';
  return first.split(',').map((cell) => cell.replace(/^"|"$/g, '').trim());
}

async function initMapping(vendor: string, extra: string[] = []): Promise<{ file: string; text: string }> {
  const file = join(tmpDir(), 'clarify-mapping.yaml');
  const result = await runCli([
    'init-mapping',
    join(FIXTURES, vendor),
    ...connection(),
    '--out',
    file,
    ...startFrom(vendor),
    ...extra,
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`Wrote ${file}`);
  return { file, text: readFileSync(file, 'utf8') };
}

describe.each(VENDORS)('init-mapping on the %s fixtures', (vendor) => {
  let file: string;
  let text: string;
  beforeAll(async () => {
    ({ file, text } = await initMapping(vendor));
  });

  it('writes YAML that the mapping schema accepts', () => {
    const parsed = mappingSchema.safeParse(parseYaml(text));
    expect(parsed.success, parsed.error?.message).toBe(true);
    expect(parsed.data?.source).toBe(vendor);
  });

  it('names every column of every recognised export file', () => {
    const files = ['hubspot', 'salesforce', 'pipedrive'].includes(vendor)
      ? text
          .match(/^# {3}(\S+\.csv): (company|person|deal)/gm)
          ?.map((line) => line.split(' ')[3]?.replace(/:$/, ''))
      : ['Accounts_001.csv', 'Contacts_001.csv', 'Deals_001.csv'];
    expect(files?.length).toBeGreaterThan(0);
    for (const name of files ?? []) {
      for (const header of headersOf(join(FIXTURES, vendor, name as string))) {
        if (header === '') continue;
        expect(text, `${name}: ${header}`).toContain(vendor === 'generic' ? header : JSON.stringify(header));
      }
    }
  });

  it('gives the same plan with the mapping as without it', async () => {
    const without = tmpDir();
    const withIt = tmpDir();
    const base = ['plan', join(FIXTURES, vendor), ...connection(), '--json'];
    const a = await runCli([...base, '--state', without, ...startFrom(vendor)]);
    const b = await runCli([...base, '--state', withIt, '--mapping', file]);
    expect(b.stderr.replace(/^.*(warning|not a).*$/gm, '').trim()).toBe(
      a.stderr.replace(/^.*(warning|not a).*$/gm, '').trim(),
    );
    expect(b.code).toBe(a.code);
    expect(readSummary(withIt).objects).toEqual(readSummary(without).objects);
    expect(readSummary(withIt).links).toEqual(readSummary(without).links);
  });
});

describe('init-mapping --source generic without a files: section', () => {
  const draftGeneric = (dir: string, out: string) =>
    runCli(['init-mapping', dir, ...connection(), '--source', 'generic', '--out', out]);

  it('drafts one from the file names and headers, and a plan with it imports every row, linked', async () => {
    const dir = tmpDir();
    writeFileSync(
      join(dir, 'accounts.csv'),
      'Account ID,Account Name,Website,Industry\nA1,Acme Corp,https://www.acme.com,Software\nA2,Globex,globex.com,Energy\n',
    );
    writeFileSync(
      join(dir, 'contacts.csv'),
      'Contact ID,First Name,Last Name,Email,Work Phone,Mobile,Account ID\nC1,Ann,Lee,ann@acme.com,+1 415 555 0101,,A1\nC2,Bob,Ray,bob@globex.com,,+1 312 555 0102,A2\n',
    );
    writeFileSync(
      join(dir, 'opportunities.csv'),
      'Opportunity ID,Opportunity Name,Amount,Close Date,Account ID,Contact Email\nO1,Acme renewal,12000,2024-05-01,A1,ann@acme.com\n',
    );
    const file = join(tmpDir(), 'generic.yaml');
    const drafted = await draftGeneric(dir, file);
    expect(drafted.code, drafted.stderr).toBe(0);
    const mapping = mappingSchema.parse(parseYaml(readFileSync(file, 'utf8')));
    expect(mapping.files).toMatchObject([
      {
        match: 'accounts.csv',
        object: 'company',
        id: 'Account ID',
        columns: { name: 'Account Name', domains: 'Website' },
      },
      {
        match: 'contacts.csv',
        object: 'person',
        id: 'Contact ID',
        company: 'Account ID',
        company_by: 'id',
        columns: { email_addresses: 'Email', phone_numbers: ['Work Phone', 'Mobile'] },
      },
      {
        match: 'opportunities.csv',
        object: 'deal',
        id: 'Opportunity ID',
        person: 'Contact Email',
        person_by: 'email',
        columns: { name: 'Opportunity Name', amount: 'Amount' },
      },
    ]);
    const state = tmpDir();
    const plan = await runCli(['plan', dir, ...connection(), '--mapping', file, '--state', state, '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const summary = readSummary(state);
    expect([
      summary.objects.company?.created,
      summary.objects.person?.created,
      summary.objects.deal?.created,
    ]).toEqual([2, 2, 1]);
    expect(summary.links.deal_people).toEqual({ linked: 1, failed: 0 });
  });

  it('refuses files none of whose names or columns says what they hold, naming them', async () => {
    const dir = tmpDir();
    writeFileSync(join(dir, 'export-1.csv'), 'Col A,Col B\n1,2\n');
    const result = await draftGeneric(dir, join(tmpDir(), 'x.yaml'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('could not tell what any of the files holds');
    expect(result.stderr).toContain('export-1.csv');
  });
});

describe('init-mapping proposals', () => {
  it('maps HubSpot select values onto the workspace options (closedwon → Won)', async () => {
    // The fixture writes labels ("Closed Won"); HubSpot's internal values are what many exports hold.
    const dir = tmpDir();
    for (const name of ['companies', 'contacts', 'deals']) {
      const source = join(FIXTURES, `hubspot/hubspot-crm-exports-all-${name}-2024-05-01.csv`);
      const body = readFileSync(source, 'utf8')
        .replace(/Closed Won/g, 'closedwon')
        .replace(/Contract Sent/g, 'Verbal yes');
      writeFileSync(join(dir, `hubspot-crm-exports-all-${name}-2024-05-01.csv`), body);
    }
    const file = join(tmpDir(), 'm.yaml');
    const result = await runCli(['init-mapping', dir, ...connection(), '--out', file]);
    expect(result.code, result.stderr).toBe(0);
    const mapping = mappingSchema.parse(parseYaml(readFileSync(file, 'utf8')));
    expect(mapping.values['deal.stage']?.closedwon).toBe('Won');
    expect(mapping.values['person.status']?.marketingqualifiedlead).toBe('Qualified');
    // No option matches: written empty, with the allowed options in a comment.
    const text = readFileSync(file, 'utf8');
    expect(mapping.values['deal.stage']?.['Verbal yes']).toBe('');
    expect(text).toMatch(
      /"Verbal yes": ""\s+# no option matches; allowed: "Prospecting", "Qualification", "Proposal", "Negotiation", "Won", "Lost"/,
    );
  });

  it('writes unknown columns commented out, with the closest attribute when one is close', async () => {
    const dir = tmpDir();
    const source = join(FIXTURES, 'hubspot/hubspot-crm-exports-all-contacts-2024-05-01.csv');
    const [header, ...rows] = readFileSync(source, 'utf8').split('\n');
    writeFileSync(
      join(dir, 'hubspot-crm-exports-all-contacts-2024-05-01.csv'),
      [
        `${header},Favourite Colour,Job Titel`,
        ...rows.map((row) => (row.trim() ? `${row},blue,CTO` : row)),
      ].join('\n'),
    );
    const { text } = await (async () => {
      const file = join(tmpDir(), 'm.yaml');
      const result = await runCli(['init-mapping', dir, ...connection(), '--out', file]);
      expect(result.code, result.stderr).toBe(0);
      return { text: readFileSync(file, 'utf8') };
    })();
    // Nothing in the schema is like it: no suggestion rather than a wrong one.
    expect(text).toMatch(/^ {4}# "Favourite Colour": null {3}# no attribute — /m);
    expect(text).toMatch(/^ {4}# "Job Titel": null {3}# no attribute; closest: job_title/m);
    expect(text).toMatch(/^ {4}"Job Title": job_title/m);
  });

  it('explains every option', async () => {
    const { text } = await initMapping('hubspot');
    for (const option of [
      'date_order',
      'decimal',
      'default_country',
      'catch_all_names',
      'import_catch_all',
      'deal_rename',
    ]) {
      const at = text.indexOf(`${option}:`);
      expect(at, option).toBeGreaterThan(0);
      const before = text.slice(0, at).trimEnd().split('\n').pop() ?? '';
      expect(before.trimStart().startsWith('#'), option).toBe(true);
    }
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const file = join(tmpDir(), 'existing.yaml');
    writeFileSync(file, 'keep me\n');
    const refused = await runCli(['init-mapping', join(FIXTURES, 'hubspot'), ...connection(), '--out', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists');
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    const forced = await runCli([
      'init-mapping',
      join(FIXTURES, 'hubspot'),
      ...connection(),
      '--out',
      file,
      '--force',
    ]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('version: 1');
  });

  it('works offline from a saved schema body (--schema-file), without a key', async () => {
    const dir = tmpDir();
    const schemaFile = join(dir, 'schema.json');
    const response = await fetch(`${sandbox.url}/workspaces/${WORKSPACE}/schemas`, {
      headers: { Authorization: `api-key ${API_KEY}` },
    });
    expect(response.status).toBe(200);
    writeFileSync(schemaFile, await response.text());
    const file = join(dir, 'offline.yaml');
    const result = await runCli(
      ['init-mapping', join(FIXTURES, 'pipedrive'), '--offline', '--schema-file', schemaFile, '--out', file],
      { CLARIFY_API_KEY: '' },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(mappingSchema.safeParse(parseYaml(readFileSync(file, 'utf8'))).success).toBe(true);
    const noFile = await runCli([
      'init-mapping',
      join(FIXTURES, 'pipedrive'),
      '--offline',
      '--out',
      join(dir, 'x.yaml'),
    ]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('--schema-file');
  });
});
