/**
 * Fault 2: lost responses after commit. The sandbox commits 15% of the API requests, then drops the connection
 * instead of answering. A create whose answer is lost is never resent blindly: its records are looked up by
 * unique key first. The workspace already holds a few of the export's companies and people, so updates (PATCH)
 * lose answers too. The final workspace equals a clean run's, with zero duplicates and every row accounted for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../src/sandbox/index.js';
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
  seedFromExport,
  stateDir,
} from './helpers.js';

let exp: Export;
let seedRecords: SandboxOptions['seedRecords'];
let reference: Reference;

beforeAll(async () => {
  exp = await makeExport({ companies: 15, contacts: 60, deals: 30, seed: 202, problems: true });
  seedRecords = seedFromExport(exp);
  reference = await cleanReference(exp, { seedRecords });
  expect(reference.summary.objects.person!.updated).toBeGreaterThan(0);
});

afterAll(() => assertNoLeaks());

describe('lost responses after commit (lostResponseRate 0.15)', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: same workspace as a clean run, zero duplicates`, async () => {
      const api = await sandbox({ lostResponseRate: 0.15, seed, seedRecords });
      try {
        const state = stateDir(`lost-${seed}`);
        const results = await runUntilDone(() => runArgs(api.url, state, exp.files));
        expect(results.at(-1)!.code).toBe(reference.exit);
        const faults = faultsOf(api.stats());
        reportFaults(`lost-responses seed ${seed}`, { ...faults, exits: exitCodes(results) });
        expect(faults.lostResponses).toBeGreaterThan(5);
        expectSameAsClean(api.dump(), state, exp, reference);
      } finally {
        await api.close();
      }
    }, 90_000);
  }
});
