/**
 * `clarify-import rollback` as a real process, after a HubSpot import into a workspace that already held some
 * of its records: what the run created is deleted, what it only updated stays (listed with its old values),
 * the people it linked to an existing deal are taken off (and only those), a second rollback sends nothing,
 * and a rollback killed half-way finishes when run again.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningSandbox, SandboxOptions } from '../../src/sandbox/index.js';
import {
  api,
  cleanupTmp,
  companyByDomain,
  dealByName,
  FIXTURES,
  importExports,
  methodCount,
  personByEmail,
  readJson,
  records,
  runCli,
  sandboxFor,
  spawnCli,
  target,
  tmpDir,
  waitFor,
} from './helpers.js';

interface RollbackJson {
  status: string;
  links: { deal_people: { removed: number; already_gone: number; failed: number } };
  objects: Record<string, { created: number; deleted: number; already_gone: number; failed: number }>;
  kept_updated: Array<{
    object: string;
    source_id: string;
    changes: Array<{ field: string; old: unknown; new?: unknown }>;
  }>;
}

const sandboxes: RunningSandbox[] = [];
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  cleanupTmp();
});

const SEED: SandboxOptions['seedRecords'] = {
  company: [
    { name: 'ACME (old name)', domains: { items: ['acme.com'] }, industry: 'Old industry' },
    { name: 'Bystander Ltd', domains: { items: ['bystander.org'] } },
  ],
  person: [
    {
      first_name: 'Gracie',
      last_name: 'H.',
      email_addresses: { items: ['grace.hopper@globex.com'] },
      job_title: 'Intern',
    },
    { first_name: 'Zed', last_name: 'Bystander', email_addresses: { items: ['zed@bystander.org'] } },
  ],
  // The export links Grace to this deal; Zed was on it before the import.
  deal: [{ name: 'Globex expansion' }],
};

async function importedInto(options: SandboxOptions = {}) {
  const sandbox = await sandboxFor({ seedRecords: SEED, ...options });
  sandboxes.push(sandbox);
  const zed = personByEmail(sandbox, 'zed@bystander.org')!;
  const expansion = dealByName(sandbox, 'Globex expansion')!;
  const linked = await api(sandbox, 'POST', `/objects/deal/records/${expansion.id}/relationships/people`, {
    data: [{ id: zed.id, type: 'person' }],
  });
  expect(linked.status).toBe(200);
  const seeded = Object.fromEntries(
    ['company', 'person', 'deal'].map((object) => [
      object,
      records(sandbox, object)
        .map((r) => r.id)
        .sort(),
    ]),
  );
  const state = tmpDir('rollback-');
  const run = await importExports(sandbox, state, [join(FIXTURES, 'hubspot')]);
  expect(run.code, run.stderr).toBe(1); // one contact row fails on purpose (Excel-mangled id)
  expect(dealByName(sandbox, 'Globex expansion')!.relationships.people).toContain(
    personByEmail(sandbox, 'grace.hopper@globex.com')!.id,
  );
  return { sandbox, state, seeded, zed, expansion };
}

function rollbackArgs(state: string, extra: string[] = []): string[] {
  return ['rollback', '--state', state, ...extra];
}

function ids(sandbox: RunningSandbox, object: string): string[] {
  return records(sandbox, object)
    .map((r) => r.id)
    .sort();
}

describe('rollback', () => {
  it('deletes what the run created, keeps what it updated, unlinks only the people it added', async () => {
    const { sandbox, state, seeded, zed, expansion } = await importedInto();
    // A created person someone already deleted by hand: its batch answers 404 and it counts as deleted.
    const ada = personByEmail(sandbox, 'ada@acme.com')!;
    expect((await api(sandbox, 'DELETE', `/objects/person/records/${ada.id}`)).status).toBe(204);

    // stdin is not a terminal: no --yes needed.
    const result = await runCli(rollbackArgs(state));
    expect(result.code, result.stderr).toBe(0);
    for (const object of ['company', 'person', 'deal']) expect(ids(sandbox, object)).toEqual(seeded[object]);
    // Updated records remain with the run's values (rollback lists them, it does not restore them).
    expect(companyByDomain(sandbox, 'acme.com')!.attributes.name).toBe('Acme Corporation');
    expect(personByEmail(sandbox, 'grace.hopper@globex.com')!.attributes.job_title).toBe('VP Engineering');
    expect(result.stderr).toContain('industry: was "Old industry", set to "COMPUTER_SOFTWARE"');
    expect(result.stderr).toContain('job_title: was "Intern", set to "VP Engineering"');
    // Grace taken off the existing deal; Zed, who was there before, stays.
    expect(dealByName(sandbox, 'Globex expansion')!.relationships.people).toEqual([zed.id]);
    expect(dealByName(sandbox, 'Globex expansion')!.id).toBe(expansion.id);

    const report = readJson<RollbackJson>(join(state, 'report', 'rollback.json'));
    expect(report.status).toBe('finished');
    expect(report.links.deal_people).toEqual({ removed: 1, already_gone: 0, failed: 0 });
    expect(report.objects.company).toEqual({ created: 4, deleted: 4, already_gone: 0, failed: 0 });
    expect(report.objects.person).toEqual({ created: 7, deleted: 6, already_gone: 1, failed: 0 });
    expect(report.objects.deal).toEqual({ created: 5, deleted: 5, already_gone: 0, failed: 0 });
    expect(report.kept_updated.map((r) => `${r.object}:${r.source_id}`).sort()).toEqual([
      'company:10234567801',
      'deal:30987654303',
      'person:20512345602',
    ]);
    const acme = report.kept_updated.find((r) => r.object === 'company')!;
    expect(acme.changes).toContainEqual({ field: 'industry', old: 'Old industry', new: 'COMPUTER_SOFTWARE' });

    // A second rollback is a no-op: not one request.
    sandbox.resetStats();
    const again = await runCli(rollbackArgs(state, ['--json']));
    expect(again.code, again.stderr).toBe(0);
    expect(sandbox.stats().requests).toBe(0);
    expect((JSON.parse(again.stdout) as RollbackJson).objects.deal!.deleted).toBe(5);

    // status tells that the run was rolled back, and that a new run would create the records again ...
    const status = await runCli(['status', '--state', state]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(
      /Rolled back at \S+: deleted the 4 companies, 7 people, 5 deals this import created; removed the 1 deal–person link it added to existing deals\./,
    );
    expect(status.stdout).toContain('A new `run` with the same exports creates them again');
    expect(status.stdout).not.toContain('changes nothing');
    const json = JSON.parse((await runCli(['status', '--state', state, '--json'])).stdout) as {
      rolled_back: { deleted: Record<string, number>; links_removed: number; complete: boolean } | null;
    };
    expect(json.rolled_back).toMatchObject({
      deleted: { company: 4, person: 7, deal: 5 },
      links_removed: 1,
      complete: true,
    });
    // ... which it does; after that run, status no longer speaks of the rollback.
    const rerun = await importExports(sandbox, state, [join(FIXTURES, 'hubspot')]);
    const summary = JSON.parse(rerun.stdout) as { objects: Record<string, { created: number }> };
    expect(summary.objects.deal!.created).toBe(5);
    // The link rollback took off the existing deal is made again, though an earlier run had made it.
    expect(dealByName(sandbox, 'Globex expansion')!.relationships.people).toContain(
      personByEmail(sandbox, 'grace.hopper@globex.com')!.id,
    );
    const after = await runCli(['status', '--state', state, '--json']);
    expect((JSON.parse(after.stdout) as { rolled_back: unknown }).rolled_back).toBeNull();
  });

  it('after rolling back an interrupted run, the next run plans a new import instead of resuming it', async () => {
    const sandbox = await sandboxFor({ seedRecords: SEED, latencyMs: 60 });
    sandboxes.push(sandbox);
    const state = tmpDir('rollback-interrupted-');
    const runArgs = ['run', join(FIXTURES, 'hubspot'), ...target(sandbox, state), '--yes', '--json'];
    const { child, done } = spawnCli([...runArgs, '--batch-size', '1']);
    let exited: string | undefined;
    void done.then((r) => {
      exited = `exited early (${r.code}): ${r.stderr}`;
    });
    await waitFor(() => methodCount(sandbox, 'POST') >= 3 || exited !== undefined);
    expect(exited).toBeUndefined();
    child.kill('SIGINT');
    expect((await done).code).toBe(4);
    const rollback = await runCli(rollbackArgs(state));
    expect(rollback.code, rollback.stderr).toBe(0);
    const status = JSON.parse((await runCli(['status', '--state', state, '--json'])).stdout) as {
      resumable: boolean;
      rolled_back: unknown;
    };
    expect(status.rolled_back).not.toBeNull();
    expect(status.resumable).toBe(false);

    // A resume would take the deleted companies for created and fail the people and deals that point at them.
    const rerun = await runCli(runArgs);
    expect(rerun.stderr).toContain('was rolled back: it is not resumed, a new import is planned');
    expect(rerun.code, rerun.stderr).toBe(1); // the one contact row that fails on purpose, as in a clean run
    const summary = JSON.parse(rerun.stdout) as {
      objects: Record<string, { created: number; failed: number }>;
    };
    expect(summary.objects.company).toMatchObject({ created: 4, failed: 0 });
    expect(summary.objects.person).toMatchObject({ failed: 1 });
    expect(summary.objects.deal).toMatchObject({ created: 5, failed: 0 });
    expect(dealByName(sandbox, 'Globex expansion')!.relationships.people).toContain(
      personByEmail(sandbox, 'grace.hopper@globex.com')!.id,
    );
  });

  it('refuses another workspace than the one the run wrote to', async () => {
    const { sandbox, state, seeded } = await importedInto();
    const result = await runCli(rollbackArgs(state, ['--workspace', 'someone-else', '--yes']));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('someone-else');
    expect(ids(sandbox, 'deal').length).toBeGreaterThan(seeded.deal!.length);
  });

  it('resumes after being killed mid-way (SIGKILL) and finishes', async () => {
    const { sandbox, state, seeded, zed } = await importedInto({ latencyMs: 40 });
    sandbox.resetStats();
    const { child, done } = spawnCli(rollbackArgs(state, ['--batch-size', '1', '--yes']));
    let exited: string | undefined;
    void done.then((r) => {
      exited = `exited early (${r.code}): ${r.stderr}`;
    });
    await waitFor(() => methodCount(sandbox, 'DELETE') >= 6 || exited !== undefined);
    expect(exited).toBeUndefined();
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');
    const left = ids(sandbox, 'person').length + ids(sandbox, 'company').length + ids(sandbox, 'deal').length;
    expect(left).toBeGreaterThan(seeded.company!.length + seeded.person!.length + seeded.deal!.length);

    const resumed = await runCli(rollbackArgs(state));
    expect(resumed.code, resumed.stderr).toBe(0);
    for (const object of ['company', 'person', 'deal']) expect(ids(sandbox, object)).toEqual(seeded[object]);
    expect(dealByName(sandbox, 'Globex expansion')!.relationships.people).toEqual([zed.id]);
    const report = readJson<RollbackJson>(join(state, 'report', 'rollback.json'));
    for (const object of ['company', 'person', 'deal']) {
      const counts = report.objects[object]!;
      expect(counts.deleted + counts.already_gone).toBe(counts.created);
    }

    sandbox.resetStats();
    expect((await runCli(rollbackArgs(state))).code).toBe(0);
    expect(methodCount(sandbox, 'DELETE')).toBe(0);
  });
});
