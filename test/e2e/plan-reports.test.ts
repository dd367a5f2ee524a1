/**
 * `plan` writes each row's report line as it plans it. Its reports must be exactly those the journal gives
 * afterwards (the path every `run` takes): the same bytes in outcomes.csv, errors.csv, summary.json and
 * report.html, for every vendor and for an export large enough for the reader thread.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../src/report/index.js';
import { Journal } from '../../src/run/journal.js';
import { reportInputFromJournal } from '../../src/run/report-from-journal.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { generateHubSpot } from './generated.js';
import { FIXTURES, runArgs, runCli, sandboxFor, tmpDir } from './helpers.js';
import { assertNoLeaks } from './leaks.js';

const sandboxes: RunningSandbox[] = [];
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  assertNoLeaks();
});

const FILES = ['outcomes.csv', 'errors.csv', 'summary.json', 'report.html'];

async function compare(paths: string[], extra: string[] = []) {
  const sandbox = await sandboxFor();
  sandboxes.push(sandbox);
  const state = tmpDir('plan-reports-');
  const args = runArgs(sandbox, state, paths, extra).map((arg) => (arg === 'run' ? 'plan' : arg));
  const result = await runCli(args);
  expect([0, 1], result.stderr).toContain(result.code);
  const journal = Journal.open(state);
  const again = tmpDir('plan-reports-again-');
  try {
    const run = journal.latestRunOfMode('plan');
    expect(run?.status).toBe('planned');
    await writeReports(again, reportInputFromJournal(journal, run!.id));
  } finally {
    journal.close();
  }
  for (const file of FILES) {
    const planned = readFileSync(join(state, 'report', file), 'utf8');
    expect(planned, file).toBe(readFileSync(join(again, file), 'utf8'));
  }
  return readFileSync(join(state, 'report', 'outcomes.csv'), 'utf8').split('\r\n').length;
}

describe('plan reports written while planning', () => {
  for (const vendor of ['hubspot', 'salesforce', 'pipedrive', 'generic']) {
    it(`are the journal's reports, byte for byte (${vendor})`, async () => {
      const extra = vendor === 'generic' ? ['--mapping', join(FIXTURES, 'generic', 'mapping.yaml')] : [];
      const lines = await compare([join(FIXTURES, vendor)], extra);
      expect(lines).toBeGreaterThan(5);
    });
  }

  it('are the journal reports for 20,000 contacts read on the reader thread', async () => {
    const generated = generateHubSpot({ contacts: 20_000, companies: 2_000, deals: 4_000, seed: 3 });
    const lines = await compare(generated.files);
    expect(lines).toBeGreaterThan(26_000);
  });
});
