/**
 * Bad input, broken CSV structure: a quote never closed at the end of the file, ragged rows, a repeated header,
 * a blank header over data, NUL bytes. The readable rows are imported; a row that cannot be read faithfully
 * fails (exit 1) with its file, line, column and what to do in errors.csv; header problems are warnings on
 * stderr with file:line:column.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import {
  BAD,
  cleanupTmp,
  expectEveryRowAccounted,
  importCli,
  people,
  personByEmail,
  recordCount,
  sandboxFor,
} from './helpers.js';

const CONTACTS = 'hubspot-crm-exports-all-contacts-2024-05-01.csv';
let planSandbox: RunningSandbox;
const sandboxes: RunningSandbox[] = [];
beforeAll(async () => {
  planSandbox = await sandboxFor();
});
afterAll(async () => {
  await Promise.all([planSandbox.close(), ...sandboxes.map((s) => s.close())]);
  cleanupTmp();
});

async function freshSandbox(): Promise<RunningSandbox> {
  const sandbox = await sandboxFor();
  sandboxes.push(sandbox);
  return sandbox;
}

describe('unterminated quote at the end of the file', () => {
  it('run: exit 1, the rows before it imported, the broken row failed with line 5, column 6 and the fix', async () => {
    const sandbox = await freshSandbox();
    const file = join(BAD, 'unterminated-quote', CONTACTS);
    const result = await importCli('run', sandbox, [file]);
    expect(result.code, result.stderr).toBe(1);
    expectEveryRowAccounted(result, {
      [CONTACTS]: { 2: 'created', 3: 'created', 4: 'created', 5: 'failed' },
    });
    expect(result.errors).toHaveLength(1);
    const error = result.errors[0]!;
    expect(error).toMatchObject({ source_file: file, source_line: '5', code: 'CSV_UNTERMINATED_QUOTE' });
    expect(error.reason).toContain('column 6 ("Job Title") on line 5 is never closed');
    expect(error.reason).toContain('add the missing closing quote or export the file again');
    expect(error.original_values).toContain('broken@acme.com');
    for (const email of ['ada@acme.com', 'grace@globex.com', 'linus@initech.com']) {
      expect(personByEmail(sandbox, email), email).toBeDefined();
    }
    expect(personByEmail(sandbox, 'broken@acme.com')).toBeUndefined();
    expect(people(sandbox)).toHaveLength(3);
  });
});

describe('ragged rows', () => {
  it('run: exit 1, the short and the long row failed with their lines and cell counts, the others imported', async () => {
    const sandbox = await freshSandbox();
    const file = join(BAD, 'ragged', CONTACTS);
    const result = await importCli('run', sandbox, [file]);
    expect(result.code, result.stderr).toBe(1);
    expectEveryRowAccounted(result, {
      [CONTACTS]: { 2: 'created', 3: 'failed', 4: 'created', 5: 'failed', 6: 'created' },
    });
    expect(result.errors.map((e) => [e.source_file, e.source_line, e.code])).toEqual([
      [file, '3', 'CSV_RAGGED_ROW'],
      [file, '5', 'CSV_RAGGED_ROW'],
    ]);
    expect(result.errors[0]!.reason).toContain('expected 8 cells (one per header column), found 6');
    expect(result.errors[1]!.reason).toContain('found 9');
    expect(result.errors[1]!.reason).toContain('export the file again');
    expect(result.errors[1]!.original_values).toContain('long@acme.com');
    expect(
      people(sandbox)
        .map((p) => p.attributes.first_name)
        .sort(),
    ).toEqual(['Ada', 'Grace', 'Linus']);
  });
});

describe('header problems', () => {
  it('duplicate header names: exit 0, a warning at file:1:9 naming both columns, every row planned', async () => {
    const file = join(BAD, 'duplicate-header', CONTACTS);
    const result = await importCli('plan', planSandbox, [file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`${file}:1:9: Column 9 repeats the header "Email" of column 4`);
    expect(result.stderr).toContain('[CSV_DUPLICATE_HEADER]');
    expect(result.stderr).toMatch(/Rename one of them in the export, or map "Email \(2\)"/);
    expectEveryRowAccounted(result, { [CONTACTS]: { 2: 'created', 3: 'created', 4: 'created' } });
    expect(result.html).toContain('CSV_DUPLICATE_HEADER');
  });

  it('a blank header over data: exit 0, a warning at file:1:9 saying which line holds data, rows planned', async () => {
    const file = join(BAD, 'blank-header', CONTACTS);
    const result = await importCli('plan', planSandbox, [file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `${file}:1:9: column 9 has no header name but holds data (first on line 3)`,
    );
    expect(result.stderr).toContain('Name it in the export, or map "Column 9"');
    expectEveryRowAccounted(result, { [CONTACTS]: { 2: 'created', 3: 'created', 4: 'created' } });
    expect(recordCount(planSandbox)).toBe(0);
  });
});

describe('NUL bytes', () => {
  it('run: exit 0, a warning with the first line, the NULs removed from the values, every row imported', async () => {
    const sandbox = await freshSandbox();
    const file = join(BAD, 'nul', CONTACTS);
    const result = await importCli('run', sandbox, [file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`${file}:3: the file contains 3 NUL bytes`);
    expect(result.stderr).toContain('check those values');
    expectEveryRowAccounted(result, { [CONTACTS]: { 2: 'created', 3: 'created', 4: 'created' } });
    expect(personByEmail(sandbox, 'nul@hooli.com')?.attributes).toMatchObject({
      first_name: 'Nul',
      job_title: 'Engineer',
    });
    expect(people(sandbox)).toHaveLength(3);
  });
});
