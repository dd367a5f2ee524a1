/**
 * A second import of the same exports with a new --state (the journal gone) must create nothing, also for
 * people who have no usable email. Those can only be found again by name: a generated export of 10,000
 * contacts has 78 of them, and one shares its name with another contact of the export who has an email.
 * That namesake once made the name ambiguous, and the row was created a second time.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { generateHubSpot } from './generated.js';
import { canonical, duplicateKeys, postCount, runArgs, runCli, sandboxFor, tmpDir } from './helpers.js';
import { assertNoLeaks } from './leaks.js';

const sandboxes: RunningSandbox[] = [];
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  assertNoLeaks();
});

describe('a new --state over a workspace the same exports were imported into', () => {
  it('creates nothing, people without email included', async () => {
    const generated = generateHubSpot({ contacts: 10_000, companies: 1_000, deals: 1_000, seed: 11 });
    const sandbox = await sandboxFor();
    sandboxes.push(sandbox);
    const first = await runCli(runArgs(sandbox, tmpDir('new-state-a-'), generated.files));
    expect([0, 1], first.stderr).toContain(first.code);
    const before = canonical(sandbox.dump());
    const posts = postCount(sandbox);

    const second = await runCli(runArgs(sandbox, tmpDir('new-state-b-'), generated.files));
    expect([0, 1], second.stderr).toContain(second.code);
    const summary = JSON.parse(second.stdout) as { objects: Record<string, { created: number }> };
    expect(Object.values(summary.objects).map((o) => o.created)).toEqual([0, 0, 0]);
    expect(postCount(sandbox) - posts).toBe(0);
    expect(duplicateKeys(sandbox.dump())).toEqual([]);
    expect(canonical(sandbox.dump())).toEqual(before);
  });
});
