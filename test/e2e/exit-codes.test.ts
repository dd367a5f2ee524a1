/**
 * Issue test 5: exit codes and `status` (design.md §2): no key → 2, wrong key → 3 without echoing the key,
 * plain-http API URL → 2, Ctrl-C (SIGINT) mid-run → 4 and then a resume that finishes.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHubSpot } from './generated.js';
import {
  assertSummaryConsistent,
  canonical,
  duplicateKeys,
  FIXTURES,
  readErrors,
  readOutcomes,
  readSummary,
  runArgs,
  runCli,
  sandboxFor,
  spawnCli,
  tmpDir,
  WORKSPACE,
} from './helpers.js';
import { progress } from './journal-watch.js';
import { assertNoLeaks } from './leaks.js';

afterAll(() => {
  assertNoLeaks();
});

const HUBSPOT = join(FIXTURES, 'hubspot');
let interruptedStatus: { text: string; json: { finished_at: string | null } } | undefined;

describe('exit codes', () => {
  it('no API key → 2 with a clear message, nothing sent', async () => {
    const sandbox = await sandboxFor();
    try {
      const state = tmpDir('nokey-');
      const result = await runCli(runArgs(sandbox, state, [HUBSPOT]), { noKey: true });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/no API key/i);
      expect(result.stderr).toMatch(/CLARIFY_API_KEY/);
      expect(sandbox.stats().requests).toBe(0);
      expect(sandbox.dump().person).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('wrong API key → 3 with a message that does not contain the key', async () => {
    const sandbox = await sandboxFor();
    const wrongKey = 'sk_wrong_e2e_0123456789abcdefXYZ';
    try {
      const state = tmpDir('wrongkey-');
      const result = await runCli(runArgs(sandbox, state, [HUBSPOT]), { env: { CLARIFY_API_KEY: wrongKey } });
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/key|auth|401|unauthori[sz]ed/i);
      expect(result.stderr + result.stdout).not.toContain(wrongKey);
      expect(result.stderr + result.stdout).not.toContain(wrongKey.slice(0, 12));
      expect(sandbox.dump().person).toEqual([]);
      expect(sandbox.dump().company).toEqual([]);
      if (existsSync(state)) {
        const { leaksIn } = await import('./leaks.js');
        expect(leaksIn([state], [], wrongKey)).toEqual([]);
      }
    } finally {
      await sandbox.close();
    }
  });

  it('plain http to a remote host → refused with 2 (the key would travel in clear)', async () => {
    const state = tmpDir('insecure-');
    const result = await runCli([
      'run',
      HUBSPOT,
      '--api-url',
      'http://example.com/v1',
      '--workspace',
      WORKSPACE,
      '--state',
      state,
      '--yes',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/https/i);
    expect(result.stderr).toContain('example.com');
  });

  it('a full disk while writing the plan → 3, naming the file and what to do, and no half plan left', async () => {
    const sandbox = await sandboxFor();
    const state = tmpDir('plan-full-');
    try {
      // The plan is written to plan.jsonl.partial first: pointed at /dev/full, every write fails with ENOSPC.
      symlinkSync('/dev/full', join(state, 'plan.jsonl.partial'));
      const args = runArgs(sandbox, state, [HUBSPOT]).map((arg) => (arg === 'run' ? 'plan' : arg));
      const result = await runCli(args);
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).toContain(`cannot write the plan ${join(state, 'plan.jsonl')}`);
      expect(result.stderr).toMatch(/ENOSPC|no space left/i);
      expect(result.stderr).toContain(
        'hint: check that --state points to a writable directory with free space',
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(state).filter((name) => name.startsWith('plan.'))).toEqual([]);
      expect(existsSync(join(state, 'report'))).toBe(false);
    } finally {
      // Should the product leave it, the link must still go: the leak check reads every state file, and
      // /dev/full reads without end.
      rmSync(join(state, 'plan.jsonl.partial'), { force: true });
      await sandbox.close();
    }
  });

  it('a full disk while writing the reports → 3, naming the file and what to do, and no half report left', async () => {
    const sandbox = await sandboxFor();
    const state = tmpDir('report-full-');
    const partial = join(state, 'report', 'outcomes.csv.tmp');
    try {
      mkdirSync(join(state, 'report'));
      symlinkSync('/dev/full', partial);
      const args = runArgs(sandbox, state, [HUBSPOT]).map((arg) => (arg === 'run' ? 'plan' : arg));
      const result = await runCli(args);
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).toContain(`cannot write the report ${join(state, 'report', 'outcomes.csv')}`);
      expect(result.stderr).toMatch(/ENOSPC|no space left/i);
      expect(result.stderr).toContain(
        'hint: check that --state points to a writable directory with free space',
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(state, 'report'))).toBe(false);
    } finally {
      rmSync(partial, { force: true }); // /dev/full reads without end (see above)
      await sandbox.close();
    }
  });

  it('SIGINT while planning on the reader thread → 4, nothing written, and a new plan finishes', async () => {
    // 20,000 contacts: over the 2 MB from which the exports are read on a second thread.
    const generated = generateHubSpot({ contacts: 20_000, companies: 2_000, deals: 2_000, seed: 9 });
    const sandbox = await sandboxFor();
    try {
      const state = tmpDir('plan-sigint-');
      const args = runArgs(sandbox, state, generated.files).map((arg) => (arg === 'run' ? 'plan' : arg));
      const { child, done } = spawnCli(args.filter((arg) => arg !== '--json'));
      let stderr = '';
      child.stderr?.on('data', (chunk: string) => {
        stderr += chunk;
      });
      while (!stderr.includes('exports read on a second thread')) await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGINT');
      const interrupted = await done;
      expect(interrupted.code, interrupted.stderr).toBe(4);
      expect(interrupted.stderr).toContain('nothing was written to the workspace');
      // The reports begun while planning are gone, directory included (nothing else was in it).
      expect(existsSync(join(state, 'report'))).toBe(false);
      // So is the half-written plan: no plan.jsonl, and no partial one.
      expect(readdirSync(state).filter((name) => name.startsWith('plan.'))).toEqual([]);
      expect(Object.keys(sandbox.stats().byRoute).filter((route) => !route.startsWith('GET '))).toEqual([]);

      const again = await runCli(args);
      expect([0, 1], again.stderr).toContain(again.code);
      expect(readSummary(state).objects.person?.rows).toBe(20_000);
      expect(readdirSync(state).filter((name) => name.startsWith('plan.'))).toEqual(['plan.jsonl']);
    } finally {
      await sandbox.close();
    }
  });

  it('SIGINT mid-run → 4, status says it can resume, and the resume finishes the import', async () => {
    const generated = generateHubSpot({ contacts: 80, companies: 25, deals: 30, seed: 5 });
    const extra = ['--batch-size', '5'];
    // Reference: the same exports into a clean, fast sandbox.
    const clean = await sandboxFor();
    let expected: ReturnType<typeof canonical>;
    let cleanCode: number | null;
    try {
      const result = await runCli(runArgs(clean, tmpDir('sigint-clean-'), generated.files, extra));
      cleanCode = result.code;
      expect([0, 1], result.stderr).toContain(cleanCode);
      expected = canonical(clean.dump());
    } finally {
      await clean.close();
    }

    const sandbox = await sandboxFor({ latencyMs: 60 });
    try {
      const state = tmpDir('sigint-');
      const args = runArgs(sandbox, state, generated.files, extra);
      const { child, done } = spawnCli(args);
      let finished = false;
      void done.then(() => {
        finished = true;
      });
      while (!finished && (progress(state)?.batchesDone ?? 0) < 3) await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGINT');
      const interrupted = await done;
      expect(interrupted.code, interrupted.stderr).toBe(4);
      // Something was written, but not everything.
      const partial = sandbox.dump();
      expect(partial.company!.length).toBeGreaterThan(0);
      expect(partial.deal!.length).toBeLessThan(30);

      const status = await runCli(['status', '--state', state]);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/interrupted/);
      expect(status.stdout).toMatch(/Can resume/);
      expect(status.stdout).toMatch(/phase\s+done\s+pending\s+failed/);
      // Rows the run stopped before sending fail as NOT_SENT with a reason that says how to finish them,
      // never under a note or warning they happen to carry, and summary.json says how many they are.
      const printed = JSON.parse(interrupted.stdout) as { not_sent: Record<string, number> };
      const notSent = readErrors(state).filter((row) => row.code === 'NOT_SENT');
      expect(notSent.length).toBeGreaterThan(0);
      expect(notSent.length).toBe(
        printed.not_sent.company! + printed.not_sent.person! + printed.not_sent.deal!,
      );
      expect(readSummary(state)).toMatchObject({ not_sent: printed.not_sent });
      for (const row of notSent) {
        expect(row.action).toBe('failed');
        expect(row.reason).toBe(
          'not sent: the run stopped before this row was sent; run again with the same --state to resume',
        );
      }
      expect(readErrors(state).filter((row) => row.action === 'failed' && row.code === '')).toEqual([]);
      interruptedStatus = {
        text: status.stdout,
        json: JSON.parse((await runCli(['status', '--state', state, '--json'])).stdout) as {
          finished_at: string | null;
        },
      };

      const resumed = await runCli(args);
      expect(resumed.code, resumed.stderr).toBe(cleanCode);
      const dump = sandbox.dump();
      expect(duplicateKeys(dump)).toEqual([]);
      expect(canonical(dump)).toEqual(expected);
      expect(assertSummaryConsistent(readSummary(state), readOutcomes(state))).toEqual([]);
      const finishedStatus = await runCli(['status', '--state', state, '--json']);
      const parsed = JSON.parse(finishedStatus.stdout) as { status: string; resumable: boolean };
      expect(parsed).toMatchObject({ status: 'finished', resumable: false });
    } finally {
      await sandbox.close();
    }
  }, 90_000);

  it('status of the interrupted run above shows no finish time', () => {
    // Product bug: Journal.setRunStatus stamps finished_at on 'planned' and COALESCE keeps it when the run
    // goes 'running' → 'interrupted', so status prints "finished: <end of planning>" for an unfinished run.
    expect(interruptedStatus, 'the SIGINT test did not run').toBeDefined();
    expect(interruptedStatus!.text).not.toMatch(/finished:/);
    expect(interruptedStatus!.json.finished_at).toBeNull();
  });

  it('status on a directory without a journal → 2', async () => {
    const result = await runCli(['status', '--state', tmpDir('empty-state-')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no import/);
  });
});
