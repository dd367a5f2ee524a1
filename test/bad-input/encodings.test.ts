/**
 * Bad input, encodings and delimiters: UTF-16 LE (Excel "Unicode Text", tab-separated) and BE, Latin-1
 * (windows-1252), the `;` of a European Excel and tab-separated. These are all readable: exit 0, every row
 * planned, and after `run` the accented values reach the workspace as the person typed them.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import {
  BAD,
  cleanupTmp,
  expectEveryRowAccounted,
  importCli,
  personByEmail,
  recordCount,
  sandboxFor,
} from './helpers.js';

const CONTACTS = 'hubspot-crm-exports-all-contacts-2024-05-01.csv';
const ALL_CREATED = { 2: 'created', 3: 'created', 4: 'created' };

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

describe('readable encodings and delimiters: plan exits 0 and plans every row', () => {
  it.each([
    ['utf16le', 'contacts-unicode-text.csv'],
    ['utf16be', CONTACTS],
    ['tab', 'hubspot-crm-exports-all-contacts-2024-05-01.tsv'],
  ])('%s', async (dir, file) => {
    const result = await importCli('plan', planSandbox, [join(BAD, dir)]);
    expect(result.code, result.stderr).toBe(0);
    expectEveryRowAccounted(result, { [file]: ALL_CREATED });
    expect(result.errors).toEqual([]);
    expect(result.stderr).not.toContain('warning');
    expect(recordCount(planSandbox)).toBe(0);
  });
});

describe('readable encodings and delimiters: run writes the values as typed', () => {
  it('UTF-16 LE tab-separated (Excel "Unicode Text"): Zoë Öztürk, Geschäftsführerin', async () => {
    const sandbox = await freshSandbox();
    const result = await importCli('run', sandbox, [join(BAD, 'utf16le')]);
    expect(result.code, result.stderr).toBe(0);
    expectEveryRowAccounted(result, { 'contacts-unicode-text.csv': ALL_CREATED });
    const zoe = personByEmail(sandbox, 'zoe@koeln.de');
    expect(zoe?.attributes).toMatchObject({
      first_name: 'Zoë',
      last_name: 'Öztürk',
      job_title: 'Geschäftsführerin',
    });
  });

  it('Latin-1 (windows-1252) with accents: Sébastien Müller, François Besançon', async () => {
    const sandbox = await freshSandbox();
    const result = await importCli('run', sandbox, [join(BAD, 'latin1')]);
    expect(result.code, result.stderr).toBe(0);
    expectEveryRowAccounted(result, { [CONTACTS]: ALL_CREATED });
    expect(personByEmail(sandbox, 'sebastien@zurich.ch')?.attributes).toMatchObject({
      first_name: 'Sébastien',
      last_name: 'Müller',
      job_title: 'Directeur général',
    });
    expect(personByEmail(sandbox, 'francois@acme.fr')?.attributes).toMatchObject({
      first_name: 'François',
      last_name: 'Besançon',
      job_title: 'Ingénieur',
    });
    expect(personByEmail(sandbox, 'linus@initech.com')).toBeDefined();
  });

  it('`;`-delimited European Excel export (BOM, CRLF): a "," inside a value stays in the value', async () => {
    const sandbox = await freshSandbox();
    const result = await importCli('run', sandbox, [join(BAD, 'semicolon')]);
    expect(result.code, result.stderr).toBe(0);
    expectEveryRowAccounted(result, { [CONTACTS]: ALL_CREATED });
    expect(personByEmail(sandbox, 'juergen@beispiel.de')?.attributes).toMatchObject({
      first_name: 'Jürgen',
      job_title: 'Head of Sales, DACH',
    });
    expect(personByEmail(sandbox, 'ada@acme.com')).toBeDefined();
    expect(personByEmail(sandbox, 'grace@globex.com')).toBeDefined();
  });
});
