import { afterAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import {
  API_KEY,
  cleanupTmp,
  readOutcomes,
  readSummary,
  sandboxFor,
  spawnCli,
  tmpDir,
  WORKSPACE,
} from '../e2e/helpers.js';

afterAll(cleanupTmp);

const EXPORTS = 'test/fixtures/hubspot';

/** Another user (or email sync) creates Ada in the workspace while the import is between snapshot and write. */
async function runWithNeighbour(sandbox: RunningSandbox, extra: string[]) {
  const state = tmpDir('appeared-');
  const { child, done } = spawnCli([
    'run',
    EXPORTS,
    '--api-url',
    sandbox.url,
    '--workspace',
    WORKSPACE,
    '--state',
    state,
    '--yes',
    ...extra,
  ]);
  let inserted: Promise<Response> | undefined;
  child.stderr?.on('data', (chunk: Buffer) => {
    if (!inserted && chunk.toString().includes('… planning')) {
      inserted = fetch(`${sandbox.url}/workspaces/${WORKSPACE}/objects/person/records`, {
        method: 'POST',
        headers: { Authorization: `api-key ${API_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          data: {
            type: 'person',
            attributes: { first_name: 'Ada', email_addresses: { items: ['ada@acme.com'] } },
          },
        }),
      });
    }
  });
  const result = await done;
  expect((await inserted)?.status).toBe(201);
  const ada = (sandbox.dump().person ?? []).filter((person) =>
    String(JSON.stringify(person.attributes.email_addresses)).includes('ada@acme.com'),
  );
  return { state, result, ada };
}

describe('a record that appears in the workspace after the snapshot', () => {
  it('without --match-on: the create is refused as a duplicate, looked up and updated — no duplicate', async () => {
    const sandbox = await sandboxFor({ latencyMs: 400 });
    try {
      const { state, result, ada } = await runWithNeighbour(sandbox, []);
      expect([0, 1]).toContain(result.code);
      expect(ada).toHaveLength(1);
      expect(ada[0]!.attributes.last_name).toBe('Lovelace');
      const row = readOutcomes(state).find((outcome) => outcome.source_id === '20512345601');
      expect(row?.action).toBe('updated');
      expect(row?.clarify_id).toBe(ada[0]!.id);
      expect(readSummary(state).objects.person?.updated).toBe(1);
    } finally {
      await sandbox.close();
    }
  });

  it('with --match-on: the API upserts it — no duplicate, no refused request', async () => {
    const sandbox = await sandboxFor({ latencyMs: 400 });
    try {
      const { result, ada } = await runWithNeighbour(sandbox, ['--match-on']);
      expect([0, 1]).toContain(result.code);
      expect(ada).toHaveLength(1);
      expect(ada[0]!.attributes.last_name).toBe('Lovelace');
      expect(sandbox.stats().byStatus?.['400'] ?? 0).toBe(0);
    } finally {
      await sandbox.close();
    }
  });
});
