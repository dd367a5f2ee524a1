/**
 * Issue test 4: `kill -9` at several points of a run (watched through the journal), then re-runs with the same
 * --state until the import finishes. The final workspace must equal a clean run's, with zero duplicates.
 * Also: `status` after a kill shows per-phase progress and that the run can resume.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../src/sandbox/index.js';
import { type GeneratedExport, generateHubSpot } from './generated.js';
import {
  assertSummaryConsistent,
  type CliResult,
  canonical,
  dataRows,
  duplicateKeys,
  readOutcomes,
  readSummary,
  runArgs,
  runCli,
  type Summary,
  sandboxFor,
  spawnCli,
  tmpDir,
} from './helpers.js';
import { type Progress, progress } from './journal-watch.js';
import { assertNoLeaks } from './leaks.js';

const BATCH = ['--batch-size', '10'];

let generated: GeneratedExport;
let cleanCanonical: ReturnType<typeof canonical>;
let cleanSummary: Summary;
let cleanExit: number | null;

/** Starts `run`, SIGKILLs it as soon as `when` holds; returns whether the kill happened before it finished. */
async function runAndKill(args: string[], state: string, when: (p: Progress) => boolean): Promise<CliResult> {
  const { child, done } = spawnCli(args);
  let finished = false;
  void done.then(() => {
    finished = true;
  });
  while (!finished) {
    const p = progress(state);
    if (p && when(p)) {
      child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return done;
}

async function resumeUntilDone(args: string[]): Promise<CliResult[]> {
  const results: CliResult[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    const result = await runCli(args);
    results.push(result);
    if (result.code === 0 || result.code === 1) return results;
  }
  throw new Error(`the run never finished: ${results.map((r) => `${r.code} ${r.stderr}`).join('\n')}`);
}

beforeAll(async () => {
  generated = generateHubSpot({ contacts: 120, companies: 40, deals: 50, seed: 13 });
  const sandbox = await sandboxFor();
  try {
    const state = tmpDir('kill-clean-');
    const result = await runCli(runArgs(sandbox, state, generated.files, BATCH));
    expect([0, 1], result.stderr).toContain(result.code);
    cleanExit = result.code;
    cleanSummary = readSummary(state);
    expect(duplicateKeys(sandbox.dump())).toEqual([]);
    cleanCanonical = canonical(sandbox.dump());
  } finally {
    await sandbox.close();
  }
}, 60_000);

afterAll(() => {
  assertNoLeaks();
});

const KILL_POINTS: { name: string; when: (p: Progress) => boolean; sandbox?: SandboxOptions }[] = [
  { name: 'right after planning', when: (p) => p.planned },
  { name: 'after 2 batches (companies)', when: (p) => p.batchesDone >= 2 },
  { name: 'after 10 batches (people)', when: (p) => p.batchesDone >= 10 },
  { name: 'after 18 batches (deals)', when: (p) => p.batchesDone >= 18 },
  { name: 'during the links', when: (p) => p.linksDone >= 10 },
  {
    name: 'after 8 batches, with lost responses',
    when: (p) => p.batchesDone >= 8,
    sandbox: { lostResponseRate: 0.1, seed: 21 },
  },
];

describe('kill -9 and resume', () => {
  for (const point of KILL_POINTS) {
    it(`killed ${point.name}: resumes to the same workspace as a clean run`, async () => {
      const sandbox = await sandboxFor({ latencyMs: 30, ...point.sandbox });
      try {
        const state = tmpDir('kill-state-');
        const args = runArgs(sandbox, state, generated.files, BATCH);
        const killed = await runAndKill(args, state, point.when);
        expect(killed.signal, `the run finished before the kill point: ${killed.stderr}`).toBe('SIGKILL');

        const status = await runCli(['status', '--state', state]);
        expect(status.code, status.stderr).toBe(0);
        expect(status.stdout).toMatch(/Can resume/);
        for (const phase of ['company', 'person', 'deal', 'links']) {
          expect(status.stdout).toMatch(new RegExp(`^\\s+${phase}\\s+\\d+\\s+\\d+\\s+\\d+\\s*$`, 'm'));
        }
        const statusJson = await runCli(['status', '--state', state, '--json']);
        const parsed = JSON.parse(statusJson.stdout) as {
          resumable: boolean;
          phases: Record<string, { done: number; pending: number; failed: number }>;
        };
        expect(parsed.resumable).toBe(true);
        const pending = Object.values(parsed.phases).reduce((n, p) => n + p.pending, 0);
        expect(pending).toBeGreaterThan(0);

        const results = await resumeUntilDone(args);
        const last = results.at(-1)!;
        expect(last.code, last.stderr).toBe(cleanExit);

        const dump = sandbox.dump();
        expect(duplicateKeys(dump)).toEqual([]);
        expect(canonical(dump)).toEqual(cleanCanonical);

        const summary = readSummary(state);
        const outcomes = readOutcomes(state);
        expect(assertSummaryConsistent(summary, outcomes)).toEqual([]);
        expect(outcomes).toHaveLength(generated.files.reduce((n, f) => n + dataRows(f), 0));
        expect(summary.objects).toEqual(cleanSummary.objects);
        expect(summary.links).toEqual(cleanSummary.links);

        const after = await runCli(['status', '--state', state]);
        expect(after.stdout).not.toMatch(/Can resume/);
        expect(after.stdout).toMatch(/finished/i);
      } finally {
        await sandbox.close();
      }
    }, 60_000);
  }
});
