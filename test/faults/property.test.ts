/**
 * Fault 7, property-based: for arbitrary small HubSpot exports (1–30 contacts, 1–10 companies, 0–15 deals, any
 * generator seed, planted problems on or off), batch sizes 1–5 and arbitrary fault schedules (5xx before commit
 * 2–30%, lost responses after commit 2–30%, any sandbox seed), the final workspace equals the clean run's, with zero
 * duplicates and every row accounted for. Runs that stop with exit 3 (retries exhausted) are resumed.
 *
 * FAULT_PROPERTY_RUNS (default 8) sets the number of cases; FAULT_PROPERTY_SEED replays a reported seed (default:
 * a fixed seed, so `npm test` is reproducible); FAULT_PROPERTY_SHRINK=1 shrinks a counterexample (slow: every
 * step is several CLI runs).
 */
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { assertNoLeaks } from '../e2e/leaks.js';
import {
  cleanReference,
  exitCodes,
  expectSameAsClean,
  type FaultCounts,
  faultsOf,
  makeExport,
  reportFaults,
  runArgs,
  runUntilDone,
  sandbox,
  stateDir,
} from './helpers.js';

const RUNS = Number(process.env.FAULT_PROPERTY_RUNS ?? 8);
const SEED = Number(process.env.FAULT_PROPERTY_SEED ?? 20261127);
const SHRINK = process.env.FAULT_PROPERTY_SHRINK === '1';

afterAll(() => assertNoLeaks());

const exportArb = fc.record({
  contacts: fc.integer({ min: 1, max: 30 }),
  companies: fc.integer({ min: 1, max: 10 }),
  deals: fc.integer({ min: 0, max: 15 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  problems: fc.boolean(),
});

const faultsArb = fc.record({
  // Never exactly 0: fast-check favours the bounds, and a case without faults proves nothing here.
  faultRate: fc.double({ min: 0.02, max: 0.3, noNaN: true }),
  lostResponseRate: fc.double({ min: 0.02, max: 0.3, noNaN: true }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

/** Records per bulk request: smaller batches, more requests for the faults to land on. */
const batchArb = fc.integer({ min: 1, max: 5 });

describe('property: random exports × random fault schedules', () => {
  it(
    `final state = clean state (${RUNS} cases, seed ${SEED})`,
    async () => {
      const total: FaultCounts & { cases: number; runs: number } = {
        serverErrors: 0,
        lostResponses: 0,
        rateLimited: 0,
        requests: 0,
        cases: 0,
        runs: 0,
      };
      await fc.assert(
        fc.asyncProperty(exportArb, faultsArb, batchArb, async (exportOptions, faults, batchSize) => {
          const exp = await makeExport(exportOptions);
          const reference = await cleanReference(exp);
          const api = await sandbox(faults);
          try {
            const state = stateDir('property');
            const results = await runUntilDone(
              () => runArgs(api.url, state, exp.files, ['--batch-size', String(batchSize)]),
              { maxAttempts: 10 },
            );
            const counts = faultsOf(api.stats());
            reportFaults('property case', {
              export: exportOptions,
              faultRate: Number(faults.faultRate.toFixed(3)),
              lostResponseRate: Number(faults.lostResponseRate.toFixed(3)),
              sandboxSeed: faults.seed,
              batchSize,
              ...counts,
              exits: exitCodes(results),
            });
            if (results.at(-1)!.code !== reference.exit) {
              throw new Error(`exit ${results.at(-1)!.code}, the clean run's was ${reference.exit}`);
            }
            expectSameAsClean(api.dump(), state, exp, reference);
            total.serverErrors += counts.serverErrors;
            total.lostResponses += counts.lostResponses;
            total.requests += counts.requests;
            total.cases += 1;
            total.runs += results.length;
          } finally {
            await api.close();
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: !SHRINK },
      );
      reportFaults('property total', { ...total });
    },
    60_000 + RUNS * 20_000,
  );
});
