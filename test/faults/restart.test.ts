/**
 * Fault 5: the sandbox restarted mid-run. The sandbox keeps its data in a SQLite file (--db) on a fixed port; once
 * the run has written a few batches it is closed (every open connection dropped, requests in flight lost), stays
 * down for a moment (connection refused), and a new instance starts on the same file and port. The CLI either
 * rides it out (retries) or stops with exit 3 and is run again. The final workspace equals a clean run's, with
 * zero duplicates and every row accounted for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { spawnCli } from '../e2e/helpers.js';
import { progress } from '../e2e/journal-watch.js';
import { assertNoLeaks } from '../e2e/leaks.js';
import {
  cleanReference,
  dbFile,
  type Export,
  exitCodes,
  expectSameAsClean,
  faultsOf,
  freePort,
  makeExport,
  type Reference,
  reportFaults,
  runArgs,
  runUntilDone,
  sandboxOnPort,
  sleep,
  stateDir,
} from './helpers.js';

let exp: Export;
let reference: Reference;

beforeAll(async () => {
  exp = await makeExport({ companies: 15, contacts: 60, deals: 30, seed: 505, problems: true });
  reference = await cleanReference(exp);
});

afterAll(() => assertNoLeaks());

describe('the sandbox restarted mid-run (--db, same port)', () => {
  for (const downMs of [0, 1500]) {
    it(`down for ${downMs} ms: same workspace as a clean run, zero duplicates`, async () => {
      const db = dbFile();
      const port = await freePort();
      const instances: RunningSandbox[] = [];
      let api = await sandboxOnPort(port, { dbFile: db, latencyMs: 20 });
      instances.push(api);
      const stats = [];
      try {
        const state = stateDir(`restart-${downMs}`);
        const args = runArgs(api.url, state, exp.files);
        const first = spawnCli(args, { timeoutMs: 90_000 });
        let exited = false;
        void first.done.then(() => {
          exited = true;
        });
        // Mid-run: planned, and a few batches written.
        while (!exited && (progress(state)?.batchesDone ?? 0) < 3) await sleep(10);
        expect(exited, 'the run finished before the restart').toBe(false);
        const before = progress(state)!;
        stats.push(api.stats());
        await api.close();
        await sleep(downMs);
        api = await sandboxOnPort(port, { dbFile: db, latencyMs: 20 });
        instances.push(api);
        const firstResult = await first.done;
        const results = [firstResult];
        if (firstResult.code !== 0 && firstResult.code !== 1) {
          expect(firstResult.code, firstResult.stderr).toBe(3);
          results.push(...(await runUntilDone(() => args)));
        }
        expect(results.at(-1)!.code).toBe(reference.exit);
        stats.push(api.stats());
        reportFaults(`sandbox restart (down ${downMs} ms)`, {
          ...faultsOf(...stats),
          restarts: 1,
          restartedAfterBatches: before.batchesDone,
          exits: exitCodes(results),
        });
        expectSameAsClean(api.dump(), state, exp, reference);
      } finally {
        for (const instance of instances) await instance.close();
      }
    }, 90_000);
  }
});
