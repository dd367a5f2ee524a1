/**
 * Bad input, incomplete file sets and oversized cells: a deals export without the companies (and contacts)
 * export it refers to; a 5 MB single cell (built here, never committed).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import {
  BAD,
  cleanupTmp,
  expectEveryRowAccounted,
  importCli,
  people,
  personByEmail,
  sandboxFor,
  tmpDir,
} from './helpers.js';

const DEALS = 'hubspot-crm-exports-all-deals-2024-05-01.csv';
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

describe('a deals file whose companies file is missing', () => {
  it('run: exit 0, one warning naming the file and "add the companies export", every deal created unlinked', async () => {
    const sandbox = await freshSandbox();
    const file = join(BAD, 'deals-without-companies', DEALS);
    const result = await importCli('run', sandbox, [file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `${file}: ${DEALS} refers to companies but no HubSpot companies export was given`,
    );
    expect(result.stderr).toContain('Add the companies export to link them. [SOURCE_MISSING_FILE]');
    expect(result.stderr).toContain('refers to contacts but no HubSpot contacts export was given');
    expectEveryRowAccounted(result, { [DEALS]: { 2: 'created', 3: 'created', 4: 'created' } });
    // The warning, once for the file, says what is lost and what to do; the rows carry no note of their own.
    expect(result.outcomes.map((outcome) => outcome.reason)).toEqual(['', '', '']);
    const deals = sandbox.dump().deal ?? [];
    expect(deals.map((d) => d.attributes.name).sort()).toEqual([
      'Annual renewal',
      'Globex expansion',
      'Initech pilot',
    ]);
    expect(deals.every((d) => d.attributes.company_id == null)).toBe(true);
    expect(sandbox.dump().company ?? []).toEqual([]);
  });
});

describe('a 5 MB single cell', () => {
  it('run: exit 0, the 5 MB value read and sent whole, the rows around it imported', async () => {
    const dir = tmpDir('huge');
    const file = join(dir, CONTACTS);
    const huge = 'x'.repeat(5 * 1024 * 1024);
    writeFileSync(
      file,
      [
        'Record ID,First Name,Last Name,Email,Phone Number,Job Title,Lifecycle Stage,Create Date',
        '20512345601,Ada,Lovelace,ada@acme.com,+1 415 555 0101,CTO,customer,2023-01-16 09:00',
        `20512345604,Huge,Cell,huge@hooli.com,+1 415 555 0104,"${huge}",lead,2023-01-16 09:00`,
        '20512345602,Grace,Hopper,grace@globex.com,+1 415 555 0102,VP Engineering,lead,2023-01-16 09:00',
        '',
      ].join('\n'),
    );
    const sandbox = await freshSandbox();
    const result = await importCli('run', sandbox, [file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expectEveryRowAccounted(result, { [CONTACTS]: { 2: 'created', 3: 'created', 4: 'created' } });
    expect(personByEmail(sandbox, 'ada@acme.com')).toBeDefined();
    expect(personByEmail(sandbox, 'grace@globex.com')).toBeDefined();
    // The sandbox takes the value (the body is under its 10 MiB limit): it arrives whole.
    expect(personByEmail(sandbox, 'huge@hooli.com')?.attributes.job_title).toBe(huge);
    expect(people(sandbox)).toHaveLength(3);
    // The reports stay small: the 5 MB value is not copied into them.
    expect(result.html.length).toBeLessThan(1024 * 1024);
  });
});
