/**
 * Bad input, whole files: empty, header only, BOM only, a binary file and an Excel workbook given as CSV.
 * A file that cannot be read as CSV at all stops the import with exit 2 before anything is written (design.md
 * §2), naming the file and saying what to do — even when good files come with it, since importing those alone
 * would silently leave the bad file's records out.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { BAD, cleanupTmp, expectEveryRowAccounted, importCli, recordCount, sandboxFor } from './helpers.js';

const CONTACTS = 'hubspot-crm-exports-all-contacts-2024-05-01.csv';
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await sandboxFor();
});
afterAll(async () => {
  await sandbox.close();
  cleanupTmp();
});

/** Exit 2, no report, and stderr names the file, the issue code and the instruction. */
async function expectRefused(command: 'plan' | 'run', dir: string, file: string, code: string, says: RegExp) {
  const result = await importCli(command, sandbox, [join(BAD, dir)]);
  expect(result.code, result.stderr).toBe(2);
  expect(result.hasReports).toBe(false);
  expect(result.stderr).toContain(join(BAD, dir, file));
  expect(result.stderr).toContain(code);
  expect(result.stderr).toMatch(says);
  expect(result.stderr).toContain('nothing was written');
  expect(result.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace
  expect(recordCount(sandbox)).toBe(0);
  return result;
}

describe('files that hold no CSV', () => {
  it('an empty (0-byte) file: exit 2, "the file is empty: export it again"', async () => {
    await expectRefused('plan', 'empty', CONTACTS, 'FILE_EMPTY', /the file is empty: export it again/);
  });

  it('a file holding only a UTF-8 BOM: exit 2, "nothing but a byte order mark: export it again"', async () => {
    await expectRefused(
      'plan',
      'bom-only',
      CONTACTS,
      'FILE_EMPTY',
      /nothing but a byte order mark: export it again/,
    );
  });

  it('a binary file (PNG) renamed .csv: exit 2, "not a CSV file ... export the data as CSV"', async () => {
    await expectRefused(
      'plan',
      'binary',
      CONTACTS,
      'FILE_NOT_CSV',
      /not a CSV file \(it contains binary data\): export the data from your CRM as CSV/,
    );
  });

  it('an XLSX renamed .csv: exit 2, "this is an Excel file ... export it as CSV"', async () => {
    await expectRefused(
      'plan',
      'xlsx-as-csv',
      CONTACTS,
      'FILE_IS_EXCEL',
      /this is an Excel file.*export it as CSV/,
    );
  });

  it('an XLSX next to a good CSV: run refuses both with exit 2 and writes nothing', async () => {
    await expectRefused(
      'run',
      'xlsx-with-csv',
      'hubspot-crm-exports-all-companies-2024-05-01.xlsx',
      'FILE_IS_EXCEL',
      /this is an Excel file.*export it as CSV/,
    );
  });
});

describe('a header with no rows', () => {
  it('is a valid, empty export: plan and run exit 0, zero rows, nothing written', async () => {
    for (const command of ['plan', 'run'] as const) {
      const result = await importCli(command, sandbox, [join(BAD, 'header-only')]);
      expect(result.code, result.stderr).toBe(0);
      expectEveryRowAccounted(result, {});
      expect(result.summary!.objects.person!.rows).toBe(0);
    }
    expect(recordCount(sandbox)).toBe(0);
  });
});

describe('paths that are not files', () => {
  /** Exit 2 before anything is read or written, with the reason in plain words and no stack trace. */
  async function expectPathRefused(path: string, says: RegExp) {
    const result = await importCli('plan', sandbox, [path]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.hasReports).toBe(false);
    expect(result.stderr).toContain(path);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  }

  it('a named pipe: exit 2 at once (no wait for a writer), "a pipe or a device, not a file"', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'bad-fifo-')), 'contacts.csv');
    execFileSync('mkfifo', [fifo]);
    await expectPathRefused(fifo, /it is a pipe or a device, not a file: save the export to a file/);
  });

  it('a device (/dev/zero): exit 2, not "the file is empty"', async () => {
    await expectPathRefused('/dev/zero', /it is a pipe or a device, not a file/);
  });

  it('a loop of symbolic links: exit 2, named as such, not as a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-loop-'));
    symlinkSync(join(dir, 'b.csv'), join(dir, 'a.csv'));
    symlinkSync(join(dir, 'a.csv'), join(dir, 'b.csv'));
    await expectPathRefused(join(dir, 'a.csv'), /a loop of symbolic links/);
  });
});
