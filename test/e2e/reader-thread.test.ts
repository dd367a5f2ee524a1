/**
 * Large exports are read on a worker thread. The vendor fixtures are small, so the threshold is set to 0 here:
 * the same import through the thread must leave the same workspace and write the same reports as in one
 * thread, for every vendor, with the CLI run as a process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import {
  canonical,
  FIXTURES,
  ROOT,
  readSummary,
  runArgs,
  runCli,
  sandboxFor,
  tmpDir,
  WORKSPACE,
} from './helpers.js';
import { assertNoLeaks } from './leaks.js';

const sandboxes: RunningSandbox[] = [];
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  assertNoLeaks();
});

const withoutIds = (text: string) => text.replace(/\b[a-z]{3,4}_[0-9A-Z]{26}\b/g, '<id>');

async function importWith(vendor: string, threadMinBytes: string) {
  const sandbox = await sandboxFor();
  sandboxes.push(sandbox);
  const state = tmpDir(`${vendor}-thread-`);
  // Without --json, so the stages (one of them says where the exports are read) are printed.
  const args = runArgs(sandbox, state, [join(FIXTURES, vendor)]).filter((arg) => arg !== '--json');
  const result = await runCli(args, {
    env: { CLARIFY_IMPORT_THREAD_MIN_BYTES: threadMinBytes },
  });
  const { duration_ms: _ms, ...summary } = readSummary(state) as unknown as Record<string, unknown>;
  return {
    code: result.code,
    stderr: result.stderr,
    summary,
    // Clarify ids are the sandbox's, random per record: the rest of each line must match.
    outcomes: withoutIds(readFileSync(join(state, 'report', 'outcomes.csv'), 'utf8')),
    errors: withoutIds(readFileSync(join(state, 'report', 'errors.csv'), 'utf8')),
    workspace: canonical(sandbox.dump()),
  };
}

/** A plan of the exports in `dir`: its errors.csv and plan.jsonl, which hold the original values of problem rows. */
async function planWith(dir: string, threadMinBytes: string) {
  const sandbox = await sandboxFor();
  sandboxes.push(sandbox);
  const state = tmpDir('plan-thread-');
  const args = ['plan', dir, '--api-url', sandbox.url, '--workspace', WORKSPACE, '--state', state];
  const result = await runCli(args, { env: { CLARIFY_IMPORT_THREAD_MIN_BYTES: threadMinBytes } });
  return {
    code: result.code,
    errors: readFileSync(join(state, 'report', 'errors.csv'), 'utf8'),
    plan: readFileSync(join(state, 'plan.jsonl'), 'utf8'),
  };
}

describe('reading on a worker thread, through the CLI', () => {
  // The main thread builds a row's original values only when it reads them (skipped and failed rows):
  // they must come out the same as when they were built for every row in one thread.
  // The bundled HubSpot samples have contacts the planner merges; the Salesforce fixtures rows the adapter skips.
  for (const dir of [join(ROOT, 'samples', 'hubspot'), join(FIXTURES, 'salesforce')]) {
    it(`plans ${dir.split('/').slice(-2).join('/')} with the same errors.csv and plan.jsonl, original values included`, async () => {
      const threaded = await planWith(dir, '0');
      const single = await planWith(dir, String(2 ** 40));
      expect(threaded.code).toBe(single.code);
      expect(threaded.errors).toBe(single.errors);
      expect(threaded.plan).toBe(single.plan);
      expect(threaded.plan).toMatch(/"raw":\{"/);
    });
  }

  for (const vendor of ['hubspot', 'salesforce', 'pipedrive']) {
    it(`imports ${vendor} exactly as reading in one thread does`, async () => {
      const threaded = await importWith(vendor, '0');
      const single = await importWith(vendor, String(2 ** 40));
      expect(threaded.code).toBe(single.code);
      expect(threaded.summary).toEqual(single.summary);
      expect(threaded.outcomes).toBe(single.outcomes);
      expect(threaded.errors).toBe(single.errors);
      expect(threaded.workspace).toEqual(single.workspace);
      const records = Object.values(threaded.workspace).reduce(
        (n, byKey) => n + Object.keys(byKey).length,
        0,
      );
      expect(records).toBeGreaterThan(5);
      expect(threaded.stderr).toContain('exports read on a second thread');
      expect(single.stderr).not.toContain('second thread');
    });
  }
});
