/**
 * Fault 4: slow responses past the client timeout. The CLI runs with `--timeout 1000`. The sandbox's latency is
 * global to an instance, so "slow for part of the run" is three instances on one SQLite file (--db) and one port:
 * fast (20 ms) while the run reads the workspace and plans; then slow (1500 ms on every response, added after the write
 * is committed) for at least 3 s and until creates were committed there, so every request times out on the client although its creates were committed; then fast
 * again (0 ms). A create that timed out is uncertain: it is reconciled by unique key, never resent blindly. The CLI
 * either rides it out or stops with exit 3 and is run again. The final workspace equals a clean run's, with zero
 * duplicates and every row accounted for.
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

const TIMEOUT = ['--timeout', '1000'];
const SLOW_FOR_MS = 3_000;

let exp: Export;
let reference: Reference;

beforeAll(async () => {
  exp = await makeExport({ companies: 15, contacts: 60, deals: 30, seed: 404, problems: true });
  reference = await cleanReference(exp);
});

afterAll(() => assertNoLeaks());

function recordCount(api: RunningSandbox): number {
  return Object.values(api.dump()).reduce((n, records) => n + records.length, 0);
}

describe('slow responses past the client timeout (latency 1500 ms, --timeout 1000)', () => {
  it('timed-out creates are reconciled: same workspace as a clean run, zero duplicates', async () => {
    const db = dbFile();
    const port = await freePort();
    const instances: RunningSandbox[] = [];
    const start = async (latencyMs: number) => {
      const api = await sandboxOnPort(port, { dbFile: db, latencyMs });
      instances.push(api);
      return api;
    };
    try {
      const fast = await start(20);
      const state = stateDir('slow');
      const args = runArgs(fast.url, state, exp.files, TIMEOUT);
      const first = spawnCli(args, { timeoutMs: 90_000 });
      let exited = false;
      void first.done.then(() => {
        exited = true;
      });
      // Planned (the snapshot read), nothing written yet: the first creates meet the slow instance.
      while (!exited && !progress(state)?.planned) await sleep(5);
      expect(exited, 'the run finished before the slow phase').toBe(false);
      await fast.close();
      const beforeSlow = recordCount(await start(1500));
      const slow = instances.at(-1)!;
      // Slow until creates were committed there (their answers come 1500 ms later, past the client's timeout), and
      // for at least SLOW_FOR_MS; then for one more latency so that none of them is answered before the switch.
      const slowSince = Date.now();
      while (
        Date.now() - slowSince < 20_000 &&
        (recordCount(slow) === beforeSlow || Date.now() - slowSince < SLOW_FOR_MS)
      ) {
        await sleep(50);
      }
      await sleep(1_600);
      const slowForMs = Date.now() - slowSince;
      const committedWhileSlow = recordCount(slow) - beforeSlow;
      await slow.close();
      const again = await start(0);
      const firstResult = await first.done;
      const results = [firstResult];
      if (firstResult.code !== 0 && firstResult.code !== 1) {
        expect(firstResult.code, firstResult.stderr).toBe(3);
        results.push(...(await runUntilDone(() => args)));
      }
      expect(results.at(-1)!.code).toBe(reference.exit);
      reportFaults('slow responses past the client timeout', {
        ...faultsOf(...instances.map((i) => i.stats())),
        slowForMs,
        committedWhileSlow,
        exits: exitCodes(results),
      });
      // Records were committed while every answer came too late (1500 ms > the 1000 ms timeout; the sandbox does
      // not even count a request whose client gave up): the reconciliation is what kept them single.
      expect(committedWhileSlow).toBeGreaterThan(0);
      expectSameAsClean(again.dump(), state, exp, reference);
    } finally {
      for (const instance of instances) await instance.close();
    }
  }, 90_000);
});
