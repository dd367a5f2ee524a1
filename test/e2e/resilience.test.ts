/**
 * Issue test 3: with injected 5xx faults, lost responses (committed, then the connection dropped) and a rate
 * limit, the final workspace equals the one a clean run produces against a fault-free sandbox: same records,
 * zero duplicates, every row accounted for.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedExport, generateHubSpot } from './generated.js';
import {
  assertSummaryConsistent,
  canonical,
  dataRows,
  duplicateKeys,
  FIXTURES,
  readOutcomes,
  readSummary,
  runArgs,
  runCli,
  type Summary,
  sandboxFor,
  tmpDir,
} from './helpers.js';
import { assertNoLeaks } from './leaks.js';

let generated: GeneratedExport;
let cleanCanonical: ReturnType<typeof canonical>;
let cleanSummary: Summary;
let cleanExit: number | null;

beforeAll(async () => {
  generated = generateHubSpot({ contacts: 400, companies: 120, deals: 150, seed: 7 });
  const sandbox = await sandboxFor();
  try {
    const state = tmpDir('clean-state-');
    const result = await runCli(runArgs(sandbox, state, generated.files));
    expect([0, 1], result.stderr).toContain(result.code);
    cleanExit = result.code;
    cleanSummary = readSummary(state);
    const dump = sandbox.dump();
    expect(duplicateKeys(dump)).toEqual([]);
    cleanCanonical = canonical(dump);
    expect(dump.person!.length).toBeGreaterThan(350);
    expect(dump.deal!.length).toBe(150);
  } finally {
    await sandbox.close();
  }
}, 120_000);

afterAll(() => {
  assertNoLeaks();
});

describe('faults, lost responses and rate limits', () => {
  for (const seed of [3, 11]) {
    it(`seed ${seed}: the workspace equals a clean run's, with zero duplicates`, async () => {
      const sandbox = await sandboxFor({ faultRate: 0.05, lostResponseRate: 0.03, rateLimit: 20, seed });
      try {
        const state = tmpDir(`faulty-${seed}-`);
        const result = await runCli(runArgs(sandbox, state, generated.files), { timeoutMs: 110_000 });
        expect(result.code, result.stderr).toBe(cleanExit);
        const stats = sandbox.stats();
        // The faults really happened (otherwise this test proves nothing).
        expect(stats.faults.serverErrors + stats.faults.lostResponses).toBeGreaterThan(3);
        expect(stats.faults.lostResponses).toBeGreaterThan(0);

        const dump = sandbox.dump();
        expect(duplicateKeys(dump)).toEqual([]);
        expect(canonical(dump)).toEqual(cleanCanonical);

        const summary = readSummary(state);
        const outcomes = readOutcomes(state);
        expect(assertSummaryConsistent(summary, outcomes)).toEqual([]);
        expect(summary.objects).toEqual(cleanSummary.objects);
        expect(summary.links).toEqual(cleanSummary.links);
        const totalRows = generated.files.reduce((n, f) => n + dataRows(f), 0);
        expect(outcomes).toHaveLength(totalRows);
      } finally {
        await sandbox.close();
      }
    }, 120_000);
  }

  it('a tight rate limit (429 with Retry-After) plus faults on the HubSpot fixtures: same workspace as a clean run', async () => {
    const exports = [join(FIXTURES, 'hubspot')];
    const clean = await sandboxFor();
    let expected: ReturnType<typeof canonical>;
    let expectedSummary: Summary;
    try {
      const state = tmpDir('clean-small-');
      const result = await runCli(runArgs(clean, state, exports));
      expect(result.code, result.stderr).toBe(1);
      expected = canonical(clean.dump());
      expectedSummary = readSummary(state);
    } finally {
      await clean.close();
    }
    const sandbox = await sandboxFor({ rateLimit: 2, faultRate: 0.05, lostResponseRate: 0.03, seed: 5 });
    try {
      const state = tmpDir('throttled-');
      const result = await runCli(runArgs(sandbox, state, exports), { timeoutMs: 60_000 });
      expect(result.code, result.stderr).toBe(1);
      expect(sandbox.stats().faults.rateLimited).toBeGreaterThan(0);
      expect(duplicateKeys(sandbox.dump())).toEqual([]);
      expect(canonical(sandbox.dump())).toEqual(expected);
      const summary = readSummary(state);
      expect(summary.objects).toEqual(expectedSummary.objects);
      expect(summary.links).toEqual(expectedSummary.links);
      expect(assertSummaryConsistent(summary, readOutcomes(state))).toEqual([]);
    } finally {
      await sandbox.close();
    }
  }, 60_000);
});
