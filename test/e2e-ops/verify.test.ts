/**
 * `clarify-import verify` as a real process: after an import the workspace matches the exports (exit 0); a
 * record changed or deleted in the app, or a link taken off, makes it exit 1 naming the row, the field, the
 * expected and the actual value. Rows the import skipped or failed on purpose are reported as skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import {
  api,
  cleanupTmp,
  dealByName,
  FIXTURES,
  importExports,
  personByEmail,
  readJson,
  runCli,
  sandboxFor,
  target,
  tmpDir,
  verify,
} from './helpers.js';

interface Counts {
  rows: number;
  matching: number;
  differing: number;
  missing: number;
  skipped: number;
}

interface VerifyJson {
  ok: boolean;
  source: string;
  objects: Record<string, Counts>;
  links: { deal_people: { expected: number; found: number; missing: number; skipped: number } };
  differences: Array<{ object: string; source_id: string; field: string; expected: string; actual: string }>;
  missing: Array<{ object: string; source_id: string; line: number; reason: string }>;
  missing_links: Array<{ deal_source_id: string; person_source_id: string; reason: string }>;
  skipped: number | Array<{ object: string; source_id: string; reason: string }>;
}

const sandboxes: RunningSandbox[] = [];
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  cleanupTmp();
});

async function imported(vendor: string) {
  const sandbox = await sandboxFor({
    seedRecords: {
      company: [{ name: 'ACME (old name)', domains: { items: ['acme.com'] }, industry: 'Old industry' }],
      person: [
        {
          first_name: 'Gracie',
          last_name: 'H.',
          email_addresses: { items: ['grace.hopper@globex.com'] },
          job_title: 'Intern',
        },
      ],
    },
  });
  sandboxes.push(sandbox);
  const state = tmpDir(`${vendor}-`);
  const paths = [join(FIXTURES, vendor)];
  const run = await importExports(sandbox, state, paths);
  expect([0, 1], run.stderr).toContain(run.code);
  return { sandbox, state, paths };
}

describe('verify (HubSpot)', () => {
  it('matches after an import, then names what was changed, deleted or unlinked in the app', async () => {
    const { sandbox, state, paths } = await imported('hubspot');

    const clean = await verify(sandbox, state, paths);
    expect(clean.code, clean.stderr).toBe(0);
    const summary = JSON.parse(clean.stdout) as VerifyJson;
    expect(summary.ok).toBe(true);
    expect(summary.source).toBe('hubspot');
    expect(summary.objects.company).toEqual({ rows: 5, matching: 5, differing: 0, missing: 0, skipped: 0 });
    // The Excel-mangled contact id was never imported on purpose: skipped, not missing.
    expect(summary.objects.person).toEqual({ rows: 9, matching: 8, differing: 0, missing: 0, skipped: 1 });
    expect(summary.objects.deal).toEqual({ rows: 6, matching: 6, differing: 0, missing: 0, skipped: 0 });
    expect(summary.links.deal_people).toEqual({ expected: 6, found: 6, missing: 0, skipped: 0 });
    const report = readJson<VerifyJson>(join(state, 'report', 'verify.json'));
    expect(report.ok).toBe(true);
    expect(report.skipped).toEqual([expect.objectContaining({ object: 'person', source_id: '1.23457E+10' })]);
    // A fresh throw-away journal, never the import's own.
    expect(existsSync(join(state, 'verify', 'journal.db'))).toBe(true);

    // Someone edits Grace, deletes a deal and takes Dennis off the Acme renewal.
    const grace = personByEmail(sandbox, 'grace.hopper@globex.com')!;
    const patched = await api(sandbox, 'PATCH', `/objects/person/records/${grace.id}`, {
      data: { id: grace.id, type: 'person', attributes: { job_title: 'Janitor' } },
    });
    expect(patched.status).toBe(200);
    const hooli = dealByName(sandbox, 'Hooli platform')!;
    expect((await api(sandbox, 'DELETE', `/objects/deal/records/${hooli.id}`)).status).toBe(204);
    const renewal = dealByName(sandbox, 'Annual renewal')!;
    const dennis = personByEmail(sandbox, 'dennis@acme.com')!;
    const unlinked = await api(
      sandbox,
      'DELETE',
      `/objects/deal/records/${renewal.id}/relationships/people`,
      {
        data: [{ id: dennis.id, type: 'person' }],
      },
    );
    expect(unlinked.status).toBe(204);

    const after = await verify(sandbox, state, paths);
    expect(after.code, after.stderr).toBe(1);
    const changed = JSON.parse(after.stdout) as VerifyJson;
    expect(changed.ok).toBe(false);
    expect(changed.objects.person).toMatchObject({ matching: 7, differing: 1, missing: 0, skipped: 1 });
    expect(changed.objects.deal).toMatchObject({ matching: 5, differing: 0, missing: 1 });
    expect(changed.differences).toEqual([
      expect.objectContaining({
        object: 'person',
        source_id: '20512345602',
        field: 'job_title',
        expected: 'VP Engineering',
        actual: 'Janitor',
      }),
    ]);
    expect(changed.missing).toEqual([
      expect.objectContaining({ object: 'deal', source_id: '30987654306', line: 7 }),
    ]);
    expect(changed.missing[0]!.reason).toContain('Hooli platform');
    expect(changed.missing_links.map((l) => [l.deal_source_id, l.person_source_id]).sort()).toEqual([
      ['30987654301', '20512345608'],
      ['30987654306', '20512345607'],
    ]);
    expect(changed.links.deal_people).toMatchObject({ expected: 6, found: 4, missing: 2 });

    // verify.csv: one line per differing field, missing row and missing link.
    const csv = readFileSync(join(state, 'report', 'verify.csv'), 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('object,file,line,source_id,field,expected,actual');
    expect(csv).toHaveLength(1 + 1 + 1 + 2);
    expect(csv.some((line) => /^person,.*,3,20512345602,job_title,VP Engineering,Janitor$/.test(line))).toBe(
      true,
    );
  });

  it('prints a table without --json', async () => {
    const { sandbox, state, paths } = await imported('hubspot');
    const grace = personByEmail(sandbox, 'grace.hopper@globex.com')!;
    await api(sandbox, 'PATCH', `/objects/person/records/${grace.id}`, {
      data: { id: grace.id, type: 'person', attributes: { job_title: 'Janitor' } },
    });
    const result = await runCli(['verify', ...paths, ...target(sandbox, state)]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/object\s+rows\s+matching\s+differing\s+missing\s+skipped/);
    expect(result.stdout).toMatch(/person\s+9\s+7\s+1\s+0\s+1/);
    expect(result.stdout).toContain('(20512345602) job_title: expected "VP Engineering", actual "Janitor"');
  });
});

describe('verify (Salesforce)', () => {
  it('matches after an import; the catch-all account and deleted rows count as skipped', async () => {
    const { sandbox, state, paths } = await imported('salesforce');
    const result = await verify(sandbox, state, paths);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as VerifyJson;
    expect(summary.ok).toBe(true);
    expect(summary.source).toBe('salesforce');
    for (const counts of Object.values(summary.objects)) {
      expect(counts.differing + counts.missing).toBe(0);
      expect(counts.matching + counts.skipped).toBe(counts.rows);
    }
    expect(summary.objects.company!.skipped).toBeGreaterThan(0);
    expect(summary.links.deal_people.missing).toBe(0);
    expect(summary.links.deal_people.found).toBeGreaterThan(0);

    // A deleted person is missing, and so are its links.
    const person = personByEmail(sandbox, 'ada@acme.com')!;
    expect((await api(sandbox, 'DELETE', `/objects/person/records/${person.id}`)).status).toBe(204);
    const after = await verify(sandbox, state, paths);
    expect(after.code).toBe(1);
    const changed = JSON.parse(after.stdout) as VerifyJson;
    expect(changed.missing).toEqual([expect.objectContaining({ object: 'person' })]);
    expect(changed.missing[0]!.reason).toContain('ada@acme.com');
  });
});
