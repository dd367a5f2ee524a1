/**
 * Issue test 2: idempotence. A second run of the same exports (same --state, then a new --state without the
 * journal) writes nothing; editing one row of the export updates exactly that record with one PATCH.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox, WorkspaceDump } from '../../src/sandbox/index.js';
import {
  assertSummaryConsistent,
  copyFixtures,
  Dump,
  duplicateKeys,
  methodCount,
  postCount,
  readErrors,
  readOutcomes,
  readSummary,
  runArgs,
  runCli,
  type Summary,
  sandboxFor,
  tmpDir,
} from './helpers.js';
import { assertNoLeaks } from './leaks.js';

const CONTACTS = 'hubspot-crm-exports-all-contacts-2024-05-01.csv';

let sandbox: RunningSandbox;
let exportDir: string;
let stateA: string;
let first: Summary;
let firstDump: WorkspaceDump;

beforeAll(async () => {
  sandbox = await sandboxFor({
    seedRecords: {
      company: [{ name: 'ACME (old)', domains: { items: ['acme.com'] } }],
      person: [
        { first_name: 'G', email_addresses: { items: ['grace.hopper@globex.com'] }, job_title: 'Intern' },
      ],
    },
  });
  exportDir = copyFixtures('hubspot');
  stateA = tmpDir('rerun-state-a-');
  const result = await runCli(runArgs(sandbox, stateA, [exportDir]));
  expect(result.code, result.stderr).toBe(1); // the Excel-mangled contact fails every time
  first = readSummary(stateA);
  firstDump = sandbox.dump();
  expect(first.objects.company!.created + first.objects.company!.updated).toBe(5);
});

/** Reads of a deal's people (one per existing deal when the journal does not know its links). */
function relationshipReads(sandbox: RunningSandbox): number {
  return Object.entries(sandbox.stats().byRoute)
    .filter(([route]) => route.startsWith('GET ') && route.includes('/relationships/'))
    .reduce((sum, [, n]) => sum + n, 0);
}

afterAll(async () => {
  await sandbox?.close();
  assertNoLeaks();
});

/** After a no-op run: nothing created or updated; skipped/failed rows as before, the rest unchanged. */
function expectNothingChanged(summary: Summary): void {
  for (const [object, s] of Object.entries(summary.objects)) {
    const before = first.objects[object]!;
    expect(s.rows, object).toBe(before.rows);
    expect(s.created, object).toBe(0);
    expect(s.updated, object).toBe(0);
    expect(s.failed, object).toBe(before.failed);
    expect(s.skipped, object).toBe(before.skipped);
    expect(s.unchanged, object).toBe(before.created + before.updated + before.unchanged);
  }
}

describe('running the same exports again', () => {
  it('with the same --state sends no POST and changes nothing', async () => {
    const postsBefore = postCount(sandbox);
    const patchesBefore = methodCount(sandbox, 'PATCH');
    const relationshipReadsBefore = relationshipReads(sandbox);
    const result = await runCli(runArgs(sandbox, stateA, [exportDir]));
    expect(result.code, result.stderr).toBe(1);
    expect(postCount(sandbox) - postsBefore).toBe(0);
    expect(methodCount(sandbox, 'PATCH') - patchesBefore).toBe(0);
    expect(methodCount(sandbox, 'DELETE')).toBe(0);
    expect(sandbox.dump()).toEqual(firstDump);
    const summary = readSummary(stateA);
    expectNothingChanged(summary);
    expect(assertSummaryConsistent(summary, readOutcomes(stateA))).toEqual([]);
    expect(readErrors(stateA).map((e) => e.source_id)).toEqual(['1.23457E+10']);
    // The links the first run made are known to the journal: counted as in place, not made, and not asked for.
    expect(first.links.deal_people.linked).toBeGreaterThan(0);
    expect(summary.links.deal_people).toEqual({ linked: 0, failed: first.links.deal_people.failed });
    expect(summary.links_unchanged).toEqual({ deal_people: first.links.deal_people.linked });
    expect(relationshipReads(sandbox) - relationshipReadsBefore).toBe(0);
  });

  it('with a new --state (journal gone) creates nothing and duplicates nothing', async () => {
    const stateB = tmpDir('rerun-state-b-');
    const postsBefore = postCount(sandbox);
    const patchesBefore = methodCount(sandbox, 'PATCH');
    const result = await runCli(runArgs(sandbox, stateB, [exportDir]));
    expect(result.code, result.stderr).toBe(1);
    expect(postCount(sandbox) - postsBefore).toBe(0);
    expect(methodCount(sandbox, 'PATCH') - patchesBefore).toBe(0);
    expect(sandbox.dump()).toEqual(firstDump);
    expect(duplicateKeys(sandbox.dump())).toEqual([]);
    const summary = readSummary(stateB);
    expectNothingChanged(summary);
    // Only the two links whose deal or contact the export does not have fail, as in the first run: every
    // link that can be made is found already made (without a journal, by reading each deal's people), so it
    // counts as in place, not as made.
    expect(first.links.deal_people.failed).toBe(2);
    expect(summary.links.deal_people).toEqual({ linked: 0, failed: first.links.deal_people.failed });
    expect(summary.links_unchanged).toEqual({ deal_people: first.links.deal_people.linked });
    expect(assertSummaryConsistent(summary, readOutcomes(stateB))).toEqual([]);
  });

  it('after editing one job title updates exactly that record with one PATCH', async () => {
    const file = join(exportDir, CONTACTS);
    const text = readFileSync(file, 'utf8');
    const edited = text.replace(',Principal Engineer,', ',Distinguished Engineer,');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);

    const before = sandbox.dump();
    const postsBefore = postCount(sandbox);
    const patchesBefore = methodCount(sandbox, 'PATCH');
    const result = await runCli(runArgs(sandbox, stateA, [exportDir]));
    expect(result.code, result.stderr).toBe(1);
    expect(postCount(sandbox) - postsBefore).toBe(0);
    expect(methodCount(sandbox, 'PATCH') - patchesBefore).toBe(1);

    const after = sandbox.dump();
    const ken = new Dump(before).personByEmail('ken@hooli.com')!;
    const kenAfter = new Dump(after).personByEmail('ken@hooli.com')!;
    expect(kenAfter.id).toBe(ken.id);
    expect(kenAfter.attributes).toEqual({ ...ken.attributes, job_title: 'Distinguished Engineer' });
    // Everything else is byte-for-byte the same (ids, attributes, timestamps, relationships).
    const withoutKen = (d: WorkspaceDump) => ({
      ...d,
      person: (d.person ?? []).filter((p) => p.id !== ken.id),
    });
    expect(withoutKen(after)).toEqual(withoutKen(before));

    const summary = readSummary(stateA);
    expect(summary.objects.person!.updated).toBe(1);
    expect(summary.objects.person!.created).toBe(0);
    expect(summary.objects.company).toMatchObject({ created: 0, updated: 0 });
    expect(summary.objects.deal).toMatchObject({ created: 0, updated: 0 });
    const outcome = readOutcomes(stateA).find((o) => o.source_id === '20512345607')!;
    expect(outcome.action).toBe('updated');
    expect(outcome.clarify_id).toBe(ken.id);
  });
});
