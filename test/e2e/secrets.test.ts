/**
 * Issue test 7: the API key never lands in the state directory (journal, reports) nor in the CLI's output,
 * including verbose output, an aborted run (API gone mid-run) and a key read from --api-key-file.
 * (Every other e2e file runs the same check over its own state dirs and outputs in afterAll.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { generateHubSpot } from './generated.js';
import {
  API_KEY,
  allOutputs,
  FIXTURES,
  filesUnder,
  runArgs,
  runCli,
  sandboxFor,
  spawnCli,
  tmpDir,
} from './helpers.js';
import { progress } from './journal-watch.js';
import { assertNoLeaks, leaksIn } from './leaks.js';

afterAll(() => {
  assertNoLeaks();
});

describe('the API key stays secret', () => {
  it('verbose run with the key in --api-key-file, then plan and status', async () => {
    const sandbox = await sandboxFor();
    try {
      // Not a tracked tmp dir: the key file is the one place the key is supposed to be.
      const keyDir = mkdtempSync(join(tmpdir(), 'clarify-keyfile-'));
      onTestFinished(() => rmSync(keyDir, { recursive: true, force: true }));
      const keyFile = join(keyDir, 'key.txt');
      writeFileSync(keyFile, `${API_KEY}\n`, { mode: 0o600 });
      const state = tmpDir('secret-state-');
      const run = await runCli(
        runArgs(
          sandbox,
          state,
          [join(FIXTURES, 'pipedrive')],
          ['--api-key-file', keyFile, '--verbose'],
        ).filter((a) => a !== '--json'),
        { noKey: true },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(sandbox.dump().person!.length).toBeGreaterThan(0);
      const plan = await runCli(
        [
          'plan',
          join(FIXTURES, 'pipedrive'),
          '--api-url',
          sandbox.url,
          '--workspace',
          'e2e-ws',
          '--state',
          tmpDir('secret-plan-'),
        ],
        {},
      );
      expect([0, 1], plan.stderr).toContain(plan.code);
      const status = await runCli(['status', '--state', state, '--json']);
      expect(status.code).toBe(0);
      expect(filesUnder(state).length).toBeGreaterThan(3);
      expect(leaksIn([state], [run.stdout, run.stderr, plan.stdout, plan.stderr, status.stdout])).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('a run aborted because the API went away (exit 3) leaves no key behind', async () => {
    const generated = generateHubSpot({ contacts: 60, companies: 20, deals: 20, seed: 9 });
    const sandbox = await sandboxFor({ latencyMs: 80 });
    const state = tmpDir('secret-abort-');
    const { done } = spawnCli(
      runArgs(sandbox, state, generated.files, ['--batch-size', '5', '--timeout', '2000']),
    );
    let finished = false;
    void done.then(() => {
      finished = true;
    });
    while (!finished && (progress(state)?.batchesDone ?? 0) < 2) await new Promise((r) => setTimeout(r, 5));
    await sandbox.close();
    const result = await done;
    expect(result.code, result.stderr).toBe(3);
    expect(leaksIn([state], [result.stdout, result.stderr])).toEqual([]);
    expect(allOutputs.length).toBeGreaterThan(0);
  }, 60_000);
});
