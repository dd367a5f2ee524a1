import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTmp, runArgs, runCli, sandboxFor, spawnCli, tmpDir } from '../e2e/helpers.js';

afterAll(cleanupTmp);

describe('resuming an interrupted run', () => {
  it('refuses another API URL than the one the run was writing to, and resumes with the same one', async () => {
    const slow = await sandboxFor({ latencyMs: 150 });
    const other = await sandboxFor();
    try {
      const state = tmpDir('resume-target-');
      const exports = ['test/fixtures/hubspot'];
      const first = spawnCli(runArgs(slow, state, exports, ['--batch-size', '1', '--concurrency', '1']));
      await new Promise((resolve) => setTimeout(resolve, 2000));
      first.child.kill('SIGINT');
      const interrupted = await first.done;
      expect(interrupted.code).toBe(4);

      const elsewhere = await runCli(runArgs(other, state, exports));
      expect(elsewhere.code).toBe(2);
      expect(elsewhere.stderr).toContain(`writes to ${slow.url} workspace`);
      expect(elsewhere.stderr).toContain('resume with the same --api-url and --workspace');
      expect(Object.values(other.dump()).flat()).toHaveLength(0);

      const resumed = await runCli(runArgs(slow, state, exports));
      expect([0, 1]).toContain(resumed.code);
      // The resume finished the same run: every company of the export is there once.
      const domains = (slow.dump().company ?? []).flatMap((company) => {
        const value = company.attributes.domains as { items?: string[] } | undefined;
        return value?.items ?? [];
      });
      expect(new Set(domains).size).toBe(domains.length);
      expect(domains).toContain('acme.com');
    } finally {
      await slow.close();
      await other.close();
    }
  });
});
