import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanupTmp,
  readErrors,
  readOutcomes,
  readSummary,
  runArgs,
  runCli,
  sandboxFor,
  tmpDir,
} from '../e2e/helpers.js';

afterAll(cleanupTmp);

const DEAL_HEADER = 'Record ID,Deal Name,Pipeline,Deal Stage,Amount,Close Date';

/** 30 deals; rows 7 and 19 (1-based) collide with earlier names only when compared without case. */
function dealsExport(): string {
  const dir = tmpDir('isolation-');
  const lines = [DEAL_HEADER];
  for (let i = 1; i <= 30; i++) {
    const name = i === 7 ? 'deal number 3' : i === 19 ? 'DEAL NUMBER 12' : `Deal number ${i}`;
    lines.push(`${30987650000 + i},${name},Sales Pipeline,Closed Won,${i * 100},2024-03-31`);
  }
  writeFileSync(join(dir, 'hubspot-crm-exports-all-deals-2024-05-01.csv'), `${lines.join('\n')}\n`);
  return dir;
}

describe('an atomic batch rejected for one record', () => {
  it('imports the good records, reports the bad ones with the API reason, with one extra request per bad record', async () => {
    // This sandbox treats deal names as unique without case, so the plan (exact names) cannot foresee it.
    const sandbox = await sandboxFor({ dealNameMatch: 'case-insensitive' });
    try {
      const state = tmpDir('isolation-state-');
      const result = await runCli(runArgs(sandbox, state, [dealsExport()]));
      expect(result.code, result.stderr).toBe(1);
      const deals = (sandbox.dump().deal ?? []).map((deal) => deal.attributes.name).sort();
      expect(deals).toHaveLength(28);
      expect(deals).not.toContain('deal number 3');
      expect(deals).not.toContain('DEAL NUMBER 12');

      const summary = readSummary(state);
      expect(summary.objects.deal).toEqual({
        rows: 30,
        created: 28,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        failed: 2,
      });
      const failed = readErrors(state);
      expect(failed.map((row) => row.source_line).sort()).toEqual(['20', '8']);
      for (const row of failed) {
        expect(row.action).toBe('failed');
        expect(row.code).toBe('API_REJECTED');
        expect(row.reason).toMatch(/HTTP 400.*(duplicate|unique|already)/i);
      }
      expect(readOutcomes(state)).toHaveLength(30);

      // Batches of 25 + 5: the first is rejected once for each bad record it holds (the rest resent each
      // time), the second goes through. The minimum is 2 requests; each bad record costs one more.
      const posts = sandbox.stats().byRoute['POST /objects/:object/records/bulk'] ?? 0;
      expect(posts).toBe(2 + 2);
    } finally {
      await sandbox.close();
    }
  });
});
