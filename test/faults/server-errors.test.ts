/**
 * Fault 1: 5xx before commit. The sandbox answers 500/502/503 to 20% of the API requests before writing anything
 * (seeded, so the same requests fail on every run). The client retries them; the final workspace equals a clean
 * run's, with zero duplicates and every row accounted for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeaks } from '../e2e/leaks.js';
import {
  cleanReference,
  type Export,
  exitCodes,
  expectSameAsClean,
  faultsOf,
  makeExport,
  type Reference,
  reportFaults,
  runArgs,
  runUntilDone,
  sandbox,
  stateDir,
} from './helpers.js';

let exp: Export;
let reference: Reference;

beforeAll(async () => {
  exp = await makeExport({ companies: 15, contacts: 60, deals: 30, seed: 101, problems: true });
  reference = await cleanReference(exp);
});

afterAll(() => assertNoLeaks());

describe('5xx before commit (faultRate 0.2)', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: same workspace as a clean run, zero duplicates`, async () => {
      const api = await sandbox({ faultRate: 0.2, seed });
      try {
        const state = stateDir(`5xx-${seed}`);
        const results = await runUntilDone(() => runArgs(api.url, state, exp.files));
        expect(results.at(-1)!.code).toBe(reference.exit);
        const faults = faultsOf(api.stats());
        reportFaults(`5xx-before-commit seed ${seed}`, { ...faults, exits: exitCodes(results) });
        expect(faults.serverErrors).toBeGreaterThan(5);
        expectSameAsClean(api.dump(), state, exp, reference);
      } finally {
        await api.close();
      }
    }, 90_000);
  }
});
