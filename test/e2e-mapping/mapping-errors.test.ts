import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js';
import { API_KEY, cleanupTmp, FIXTURES, runCli, tmpDir } from './helpers.js';

const WORKSPACE = 'typo-ws';
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, workspace: WORKSPACE, apiKey: API_KEY });
});
afterAll(async () => {
  await sandbox.close();
  cleanupTmp();
});

async function planWith(yaml: string, vendor = 'hubspot') {
  const dir = tmpDir();
  const mapping = join(dir, 'mapping.yaml');
  writeFileSync(mapping, yaml);
  const result = await runCli([
    'plan',
    join(FIXTURES, vendor),
    '--api-url',
    sandbox.url,
    '--workspace',
    WORKSPACE,
    '--state',
    join(dir, 'state'),
    '--mapping',
    mapping,
  ]);
  return result;
}

describe('mapping errors name the key and what is allowed', () => {
  it('an attribute typo in columns: names it, says it is not an attribute of person, suggests job_title', async () => {
    const result = await planWith('version: 1\ncolumns:\n  person: {"Job": job_titel}\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('job_titel');
    expect(result.stderr).toContain('is not an attribute of person in this workspace');
    expect(result.stderr).toContain('Did you mean "job_title"?');
    // Line 3, column 19: the value `job_titel` in the flow map.
    expect(result.stderr).toContain('mapping.yaml:3:19: mapping columns.person."Job"');
    expect(result.stderr).toMatch(/Attributes of person: .*job_title/);
    // Nothing was written to the workspace.
    expect(sandbox.dump().records ?? []).toHaveLength(0);
  });

  it('an attribute typo in files[].columns (generic) is caught the same way', async () => {
    const yaml = [
      'version: 1',
      'source: generic',
      'files:',
      '  - match: "Accounts_*.csv"',
      '    object: company',
      '    id: Record Id',
      '    columns: { name: Account Name, industri: Industry }',
    ].join('\n');
    const result = await planWith(yaml, 'generic');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"industri" is not an attribute of company in this workspace');
    expect(result.stderr).toContain('mapping.yaml:7:36: mapping files[0]');
    expect(result.stderr).toContain('Did you mean "industry"?');
  });

  it('a values key naming no select attribute suggests the right one', async () => {
    const result = await planWith('version: 1\nvalues:\n  deal.stag: { closedwon: Won }\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('mapping.yaml:3:3: mapping values."deal.stag"');
    expect(result.stderr).toContain('Did you mean "deal.stage"?');
  });

  it('schema-free errors name the key and the allowed values (loadMapping)', async () => {
    const result = await planWith('version: 1\noptions:\n  date_order: ymd\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('mapping.yaml:3:15: options.date_order: must be one of "mdy", "dmy"');
    const unknownKey = await planWith('version: 1\ncolumn: {}\n');
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.stderr).toContain('mapping.yaml:2:1: unknown key "column"');
    // Several problems: one line each, each with its own place; a nested unknown key names its parent.
    const several = await planWith(
      'version: 1\noptions:\n  decimal: ";"\n  dat_order: dmy\nfiles:\n  - object: company\n',
    );
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('mapping.yaml:3:12: options.decimal: must be one of ".", ","');
    expect(several.stderr).toContain('mapping.yaml:4:3: options: unknown key "dat_order"');
    // A missing key points at the entry that lacks it.
    expect(several.stderr).toMatch(/mapping\.yaml:6:5: files\[0\]\.match: /);
  });
});
