/**
 * One command at a time per --state directory. Before the lock, a second `run` started while the first was
 * still sending took it for an interrupted run and "resumed" it, with the same pending batches in its hands.
 * Now every command that writes the state (run, plan, verify, rollback) says who has it and exits 2 before
 * any request; `status` still answers, and says a command is working there. A `run` killed with SIGKILL
 * leaves no lock behind: the next `run` resumes at once.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHubSpot } from './generated.js';
import {
  canonical,
  duplicateKeys,
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

const generated = generateHubSpot({ contacts: 60, companies: 20, deals: 20, seed: 11 });
const EXTRA = ['--batch-size', '2'];

/** Starts `run` and returns once it has sent two batches, still running (the test fails if it ended first). */
async function runningImport(args: string[], state: string): Promise<ReturnType<typeof spawnCli>> {
  const started = spawnCli(args);
  let finished = false;
  void started.done.then(() => {
    finished = true;
  });
  while ((progress(state)?.batchesDone ?? 0) < 2 && !finished) await new Promise((r) => setTimeout(r, 5));
  expect(finished, 'the run ended before the test could act on it').toBe(false);
  return started;
}

describe('a state directory is used by one command at a time', () => {
  it('a command that stops before its work (no API key) leaves no state directory behind', async () => {
    const state = join(tmpDir('lock-nokey-'), 'state');
    const result = await runCli(
      [
        'plan',
        ...generated.files,
        '--api-url',
        'http://127.0.0.1:9/v1',
        '--workspace',
        WORKSPACE,
        '--state',
        state,
      ],
      {
        noKey: true,
      },
    );
    expect(result.code, result.stderr).toBe(2);
    expect(existsSync(state)).toBe(false);
  });

  it('while a run sends, run/plan/verify/rollback on its state exit 2 naming it; status says it is in progress', async () => {
    const sandbox = await sandboxFor({ latencyMs: 40 });
    const decoy = await sandboxFor();
    try {
      const state = tmpDir('lock-');
      const args = runArgs(sandbox, state, generated.files, EXTRA);
      const first = await runningImport(args, state);
      const pid = first.child.pid!;
      // Paused mid-run (SIGSTOP), it keeps the state however long the other commands take to start.
      first.child.kill('SIGSTOP');

      // The refused commands talk to a sandbox of their own, so what they send can be told apart.
      const api = ['--api-url', decoy.url, '--workspace', WORKSPACE, '--state', state];
      const others = [
        runArgs(decoy, state, generated.files, EXTRA),
        ['plan', ...generated.files, ...api],
        ['verify', ...generated.files, ...api],
        ['rollback', ...api, '--yes'],
      ];
      for (const other of others) {
        const result = await runCli(other);
        expect(result.code, `${other[0]}: ${result.stderr}`).toBe(2);
        expect(result.stderr).toContain(`${state} is in use by clarify-import run (process ${pid}`);
        expect(result.stderr).toMatch(/hint: wait for that command to finish/);
      }
      // Turned away before connecting: not even the schema was asked for.
      expect(decoy.stats().requests).toBe(0);

      const status = await runCli(['status', '--state', state]);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toContain(`In progress: clarify-import run (process ${pid}`);
      expect(status.stdout).not.toMatch(/Can resume/);
      const json = JSON.parse((await runCli(['status', '--state', state, '--json'])).stdout) as {
        resumable: boolean;
        in_progress: { command: string; pid: number } | null;
      };
      expect(json.in_progress).toMatchObject({ command: 'run', pid });
      expect(json.resumable).toBe(false);

      first.child.kill('SIGCONT');
      const result = await first.done;
      expect([0, 1], result.stderr).toContain(result.code);
      expect(duplicateKeys(sandbox.dump())).toEqual([]);

      // The lock went with the first run: the same state takes a new command, and status has no one in it.
      const again = await runCli(args);
      expect([0, 1], again.stderr).toContain(again.code);
      const after = JSON.parse((await runCli(['status', '--state', state, '--json'])).stdout) as {
        in_progress: unknown;
      };
      expect(after.in_progress).toBeNull();
    } finally {
      await sandbox.close();
      await decoy.close();
    }
  }, 90_000);

  it('a run killed with SIGKILL leaves no lock: status says it stopped, and the next run resumes and finishes', async () => {
    const clean = await sandboxFor();
    let expected: ReturnType<typeof canonical>;
    try {
      const result = await runCli(runArgs(clean, tmpDir('lock-clean-'), generated.files, EXTRA));
      expect([0, 1], result.stderr).toContain(result.code);
      expected = canonical(clean.dump());
    } finally {
      await clean.close();
    }

    const sandbox = await sandboxFor({ latencyMs: 40 });
    try {
      const state = tmpDir('lock-kill-');
      const args = runArgs(sandbox, state, generated.files, EXTRA);
      const first = await runningImport(args, state);
      first.child.kill('SIGKILL');
      expect((await first.done).signal).toBe('SIGKILL');

      const status = await runCli(['status', '--state', state]);
      expect(status.stdout).toMatch(/running \(stopped: no command is working here now\)/);
      expect(status.stdout).toMatch(/Can resume/);

      const resumed = await runCli(args);
      expect([0, 1], resumed.stderr).toContain(resumed.code);
      expect(resumed.stderr).not.toMatch(/in use/);
      expect(duplicateKeys(sandbox.dump())).toEqual([]);
      expect(canonical(sandbox.dump())).toEqual(expected);
    } finally {
      await sandbox.close();
    }
  }, 90_000);
});
