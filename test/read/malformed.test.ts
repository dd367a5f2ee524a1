import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ImportError } from '../../src/core/errors.js';
import { inspectCsv, readCsvRows } from '../../src/read/index.js';
import { fixture, inspect, readAll } from './helpers.js';

describe('NUL bytes and footers', () => {
  test('NUL bytes are stripped and counted, one warning per file with the count and first line', async () => {
    const { rows, issues, stats } = await readAll(fixture('nul.csv'));
    expect(rows.map((r) => r.values)).toEqual([
      { Id: '1', Name: 'Acme', Note: 'ok' },
      { Id: '2', Name: 'Beta', Note: 'bad\nvalue' },
      { Id: '3', Name: 'Gamma', Note: '' },
    ]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(stats.nulBytes).toBe(4);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'CSV_NUL_BYTES',
      severity: 'warning',
      file: fixture('nul.csv'),
      line: 2,
    });
    expect(issues[0]?.message).toContain('4 NUL bytes');
  });

  test('Salesforce report footer and blank trailing lines are dropped, counted and reported once', async () => {
    const { rows, issues, stats } = await readAll(fixture('footer.csv'));
    expect(rows.map((r) => r.values)).toEqual([
      { 'Opportunity Name': 'Deal A', 'Account Name': 'Acme', Amount: '100' },
      { 'Opportunity Name': 'Deal B', 'Account Name': 'Beta', Amount: '200' },
    ]);
    expect(rows.some((r) => r.error)).toBe(false);
    expect(stats.footerLines).toBe(8);
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'CSV_REPORT_FOOTER',
        severity: 'info',
        file: fixture('footer.csv'),
        line: 5,
      }),
    ]);
    expect(issues[0]?.message).toContain('3 footer lines');
  });

  test('footer-like rows that are not at the end are data; only trailing empty rows are dropped', async () => {
    const { rows, issues, stats } = await readAll(fixture('footer-not-at-end.csv'));
    expect(rows.map((r) => [r.line, r.values.Name])).toEqual([
      [2, 'Grand Totals (3 records)'],
      [3, 'Acme'],
      [5, 'Beta'],
    ]);
    expect(stats.footerLines).toBe(2);
    expect(issues).toEqual([]);
  });
});

describe('malformed rows', () => {
  test('ragged rows in both directions: yielded with error, values salvaged by position', async () => {
    const { rows, issues, stats } = await readAll(fixture('ragged.csv'));
    expect(rows.map((r) => r.values.Id)).toEqual(['1', '2', '3', '4', '5']);
    const [ok, short, long, trailing, last] = rows;
    expect(ok?.error).toBeUndefined();
    expect(short?.values).toEqual({ Id: '2', Name: 'Beta', City: '' });
    expect(short?.error).toMatchObject({
      code: 'CSV_RAGGED_ROW',
      severity: 'error',
      file: fixture('ragged.csv'),
      line: 3,
      column: 3,
    });
    expect(short?.error?.message).toMatch(/expected 3 cells.*found 2.*export the file again/);
    expect(long?.values).toEqual({ Id: '3', Name: 'Gamma', City: 'Berlin', 'Column 4': 'extra' });
    expect(long?.error).toMatchObject({ code: 'CSV_RAGGED_ROW', line: 4, column: 4 });
    expect(long?.error?.message).toContain('expected 3 cells (one per header column), found 4');
    // A trailing delimiter adds an empty cell: nothing is lost, so not an error.
    expect(trailing?.error).toBeUndefined();
    expect(trailing?.values).toEqual({ Id: '4', Name: 'Delta', City: 'Rome' });
    expect(last?.error).toBeUndefined();
    expect(stats).toMatchObject({ rows: 5, badRows: 2 });
    expect(issues).toEqual([]);
  });

  test('unterminated quote: the row is failed, cut at the end of the quote line, and reading goes on at the next line', async () => {
    const { rows, issues, stats } = await readAll(fixture('unterminated.csv'));
    expect(rows.map((r) => [r.line, r.values.Id])).toEqual([
      [2, '1'],
      [3, '2'],
      [5, '3'],
      [6, 'never closed'],
      [7, '4'],
    ]);
    expect(rows[1]?.values.Note).toBe('multi\nline ok');
    const broken = rows[2]!;
    expect(broken.values).toEqual({ Id: '3', Name: 'Gamma', Note: 'broken' });
    expect(broken.error).toMatchObject({
      code: 'CSV_UNTERMINATED_QUOTE',
      severity: 'error',
      file: fixture('unterminated.csv'),
      line: 5,
      column: 3,
    });
    expect(broken.error?.message).toContain('"Note"');
    expect(broken.error?.message).toContain('line 5');
    expect(broken.error?.message).toContain('reading went on at line 6');
    // Line 6 was the quoted cell's second line: read on its own it is a ragged row, which is reported too.
    expect(rows[3]?.error?.code).toBe('CSV_RAGGED_ROW');
    expect(rows[4]).toMatchObject({ values: { Id: '4', Name: 'Delta', Note: 'swallowed' } });
    expect(rows[4]?.error).toBeUndefined();
    expect(stats).toMatchObject({ rows: 5, badRows: 2 });
    expect(issues).toEqual([]);
  });

  test('an open quote early in a large export loses only its own row: every later row is read at its own line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-quote-'));
    const path = join(dir, 'contacts.csv');
    const lines = [
      'Record ID,First Name,Last Name,Email,Phone Number,Lifecycle Stage,Associated Company IDs',
    ];
    for (let i = 0; i < 20_000; i++) {
      const id = 1000 + i;
      // A legitimate multi-line cell (lines 2-3), then a stray opening quote on line 5 that nothing closes.
      const first = i === 2 ? `"N${i}` : `N${i}`;
      const last = i === 0 ? '"Multi\r\nline"' : 'S';
      lines.push(`${id},${first},${last},p${i}@acme.com,,lead,1`);
    }
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    const { rows, issues, stats } = await readAll(path);
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(20_000);
    expect(stats).toMatchObject({ rows: 20_000, badRows: 1 });
    const bad = rows.filter((r) => r.error);
    expect(bad.map((r) => [r.line, r.error?.code, r.error?.line, r.error?.column])).toEqual([
      [5, 'CSV_UNTERMINATED_QUOTE', 5, 2],
    ]);
    expect(bad[0]?.values).toMatchObject({ 'Record ID': '1002', 'First Name': 'N2,S,p2@acme.com,,lead,1' });
    expect(bad[0]?.error?.message).toMatch(/line 5 is never closed.*reading went on at line 6/);
    // Every row after the restart is there, at its own line.
    for (const [i, row] of rows.entries()) {
      expect([row.line, row.values['Record ID']]).toEqual([i === 0 ? 2 : i + 3, String(1000 + i)]);
    }
    expect(rows[0]?.values['Last Name']).toBe('Multi\r\nline');
    expect(rows.at(-1)?.values.Email).toBe('p19999@acme.com');
  });

  test('unterminated quote with nothing to salvage is reported through onIssue', async () => {
    const { rows, issues } = await readAll(fixture('unterminated-empty.csv'));
    expect(rows.map((r) => r.values.Id)).toEqual(['1']);
    expect(issues).toEqual([expect.objectContaining({ code: 'CSV_UNTERMINATED_QUOTE', line: 3, column: 1 })]);
  });

  test('duplicate headers are renamed "Name (2)" with a warning naming the column', async () => {
    const { info, issues } = await inspect(fixture('dup-header.csv'));
    expect(info.headers).toEqual(['Email', 'Name', 'Email (2)', 'Email (3)', 'Name (2)']);
    expect(issues.map((i) => [i.code, i.severity, i.line, i.column])).toEqual([
      ['CSV_DUPLICATE_HEADER', 'warning', 1, 3],
      ['CSV_DUPLICATE_HEADER', 'warning', 1, 4],
      ['CSV_DUPLICATE_HEADER', 'warning', 1, 5],
    ]);
    const { rows } = await readAll(fixture('dup-header.csv'));
    expect(rows[0]?.values).toEqual({
      Email: 'A@x.test',
      Name: 'Ann',
      'Email (2)': 'b@x.test',
      'Email (3)': 'c@x.test',
      'Name (2)': 'Ann2',
    });
  });

  test('blank headers become "Column N"; a warning only for the blank column that holds data', async () => {
    const { info } = await inspect(fixture('blank-header.csv'));
    expect(info.headers).toEqual(['Id', 'Column 2', 'Name', 'Column 4']);
    const { rows, issues } = await readAll(fixture('blank-header.csv'));
    expect(rows[1]?.values).toEqual({ Id: '2', 'Column 2': 'secret', Name: 'Beta', 'Column 4': '' });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'CSV_EMPTY_HEADER', severity: 'warning', line: 1, column: 2 }),
    ]);
    expect(issues[0]?.message).toContain('line 3');
  });

  test('headers are trimmed and NFC-normalized', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-hdr-'));
    const path = join(dir, 'nfd.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, `\uFEFF\uFEFF  Societe\u0301 , Cafe\u0301\n1,2\n`);
    const { info } = await inspect(path);
    expect(info.headers).toEqual(['Societ\u00e9', 'Caf\u00e9']);
  });

  test('Excel-mangled ids: one warning per id column, not for other columns', async () => {
    const { rows, issues } = await readAll(fixture('excel-mangled.csv'));
    expect(rows).toHaveLength(3);
    expect(issues.map((i) => [i.code, i.line, i.column, i.value])).toEqual([
      ['EXCEL_MANGLED_ID', 2, 4, '1.23457E+10'],
      ['EXCEL_MANGLED_ID', 3, 1, '1.23457E+11'],
    ]);
    for (const issue of issues) {
      expect(issue.file).toBe(fixture('excel-mangled.csv'));
      expect(issue.message).toContain(
        'Excel rewrote these ids; use the original export file, not one re-saved by Excel',
      );
    }
  });
});

describe('files that are not usable CSV', () => {
  const fileLevel = async (name: string) => {
    const { rows, issues } = await readAll(fixture(name));
    const inspected = await inspect(fixture(name));
    expect(rows).toEqual([]);
    expect(inspected.info.headers).toEqual([]);
    expect(inspected.issues).toEqual(issues);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', file: fixture(name) });
    return issues[0]!;
  };

  test('binary file → FILE_NOT_CSV', async () => {
    expect((await fileLevel('binary.csv')).code).toBe('FILE_NOT_CSV');
  });

  test('XLSX (ZIP signature) → FILE_IS_EXCEL with the export advice', async () => {
    const issue = await fileLevel('spreadsheet.csv');
    expect(issue.code).toBe('FILE_IS_EXCEL');
    expect(issue.message).toBe('this is an Excel file: open it in Excel/Sheets and export it as CSV (UTF-8)');
  });

  test('XLS (OLE signature) → FILE_IS_EXCEL', async () => {
    const issue = await fileLevel('old-excel.csv');
    expect(issue).toMatchObject({
      code: 'FILE_IS_EXCEL',
      message: 'this is an Excel file: open it in Excel/Sheets and export it as CSV (UTF-8)',
    });
  });

  test('a ZIP of CSV files (Salesforce data export) → FILE_NOT_CSV telling to unzip', async () => {
    const issue = await fileLevel('archive-of-csvs.csv');
    expect(issue.code).toBe('FILE_NOT_CSV');
    expect(issue.message).toContain('unzip');
  });

  test.each(['empty.csv', 'bom-only.csv', 'blank-lines-only.csv'])('%s → FILE_EMPTY', async (name) => {
    expect((await fileLevel(name)).code).toBe('FILE_EMPTY');
  });

  test('header only: headers, no rows, no issue', async () => {
    const { rows, issues, stats } = await readAll(fixture('header-only.csv'));
    expect(rows).toEqual([]);
    expect(issues).toEqual([]);
    expect(stats.rows).toBe(0);
    expect((await inspect(fixture('header-only.csv'))).info.headers).toEqual(['Id', 'Name', 'City']);
  });

  test('a missing path throws ImportError INPUT naming the path (both functions)', async () => {
    const missing = fixture('does-not-exist.csv');
    await expect(inspectCsv(missing)).rejects.toThrow(ImportError);
    await expect(inspectCsv(missing)).rejects.toThrow(missing);
    const iterate = async () => {
      for await (const _ of readCsvRows(missing)) {
        // nothing
      }
    };
    await expect(iterate()).rejects.toMatchObject({
      code: 'INPUT',
      message: expect.stringContaining(missing),
    });
  });

  test('a directory or unreadable file throws ImportError INPUT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-dir-'));
    await expect(inspectCsv(dir)).rejects.toMatchObject({
      code: 'INPUT',
      message: expect.stringContaining(dir),
    });
    if (process.getuid?.() !== 0) {
      const { writeFileSync } = await import('node:fs');
      const path = join(dir, 'locked.csv');
      writeFileSync(path, 'a\n1\n');
      chmodSync(path, 0);
      await expect(inspectCsv(path)).rejects.toMatchObject({ code: 'INPUT' });
    }
  });
});
