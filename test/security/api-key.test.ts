/**
 * Security: the API key never appears in anything the CLI writes or prints (state files, the SQLite journal
 * read as bytes, stdout, stderr) — after a plan, a run and a run refused with 401; it comes from the
 * environment or --api-key-file, and no flag takes its value.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import {
  API_KEY,
  BAD,
  type CliResult,
  cleanupTmp,
  filesUnder,
  people,
  runCli,
  sandboxFor,
  tmpDir,
  WORKSPACE,
} from '../bad-input/helpers.js';

const EXPORTS = join(BAD, 'latin1');
const WRONG_KEY = 'sk_wrong_W4ONG_0a1b2c3d4e5f60718293';
let sandbox: RunningSandbox;
const outputs: CliResult[] = [];
const states: string[] = [];

beforeAll(async () => {
  sandbox = await sandboxFor();
});
afterAll(async () => {
  await sandbox.close();
  cleanupTmp();
});

async function cli(command: string, extra: string[], env: Record<string, string | undefined> = {}) {
  const state = tmpDir(`sec-${command}`);
  states.push(state);
  const args = [
    command,
    EXPORTS,
    '--api-url',
    sandbox.url,
    '--workspace',
    WORKSPACE,
    '--state',
    state,
    '--yes',
  ];
  const result = await runCli([...args, ...extra], { env });
  outputs.push(result);
  return { ...result, state };
}

/** Where `needle` occurs: every file under the state dirs (as bytes) and every stdout/stderr. */
function leaks(needle: string): string[] {
  const found: string[] = [];
  const bytes = Buffer.from(needle);
  for (const state of states) {
    for (const file of filesUnder(state)) if (readFileSync(file).includes(bytes)) found.push(file);
  }
  outputs.forEach((o, i) => {
    if (o.stdout.includes(needle) || o.stderr.includes(needle)) found.push(`CLI output #${i}`);
  });
  return found;
}

describe('the API key never leaks', () => {
  it('plan, run and a 401 run: the key is in no state file (journal.db included) and in no output', async () => {
    const plan = await cli('plan', []);
    expect(plan.code, plan.stderr).toBe(0);
    const run = await cli('run', ['--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(people(sandbox)).toHaveLength(3);
    const denied = await cli('run', [], { CLARIFY_API_KEY: WRONG_KEY });
    expect(denied.code, denied.stderr).toBe(3);
    expect(denied.stderr).toMatch(/401|API key/i);

    // The journal really was written (so the grep looked at something).
    for (const state of [plan.state, run.state]) expect(existsSync(join(state, 'journal.db'))).toBe(true);
    expect(states.flatMap((s) => filesUnder(s)).length).toBeGreaterThan(4);
    expect(leaks(API_KEY)).toEqual([]);
    expect(leaks(WRONG_KEY)).toEqual([]);
  });
});

describe('where the key comes from', () => {
  it('--api-key-file works without CLARIFY_API_KEY', async () => {
    const file = join(tmpDir('keyfile'), 'clarify.key');
    writeFileSync(file, `${API_KEY}\n`, { mode: 0o600 });
    const result = await cli('plan', ['--api-key-file', file], { CLARIFY_API_KEY: undefined });
    expect(result.code, result.stderr).toBe(0);
    expect(leaks(API_KEY)).toEqual([]);
  });

  it('the environment works without a file (and neither: exit 2 "no API key given")', async () => {
    const withEnv = await cli('plan', []);
    expect(withEnv.code, withEnv.stderr).toBe(0);
    const without = await cli('plan', [], { CLARIFY_API_KEY: undefined });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('no API key given');
    expect(without.stderr).toContain('CLARIFY_API_KEY');
  });

  it.each(['plan', 'run'])(
    '%s has no flag that takes the key: --api-key <key> is refused with exit 2',
    async (command) => {
      const result = await cli(command, ['--api-key', API_KEY], { CLARIFY_API_KEY: undefined });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("unknown option '--api-key'");
      expect(leaks(API_KEY)).toEqual([]);
    },
  );
});
