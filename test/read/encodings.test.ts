import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readCsvRows } from '../../src/read/index.js';
import { incompleteUtf8Tail } from '../../src/read/sniff.js';
import { fixture, inspect, readAll } from './helpers.js';

describe('encodings', () => {
  test('UTF-8 with BOM: BOM not in the first header, accents intact', async () => {
    const { info } = await inspect(fixture('utf8-bom.csv'));
    expect(info).toEqual({
      path: fixture('utf8-bom.csv'),
      encoding: 'utf-8-bom',
      delimiter: ',',
      headers: ['Id', 'Name', 'City'],
      format: { encoding: 'utf-8-bom', bomLength: 3, delimiter: ',', sepLine: false },
    });
    const { rows, issues } = await readAll(fixture('utf8-bom.csv'));
    expect(issues).toEqual([]);
    expect(rows.map((r) => r.values)).toEqual([
      { Id: '1', Name: 'Zoë Öztürk', City: 'Köln' },
      { Id: '2', Name: 'Łukasz', City: 'Kraków' },
    ]);
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
  });

  test('UTF-8 without BOM', async () => {
    const { info } = await inspect(fixture('utf8-nobom.csv'));
    expect(info.encoding).toBe('utf-8');
    const { rows } = await readAll(fixture('utf8-nobom.csv'));
    expect(rows[1]?.values).toEqual({ Id: '2', Name: 'José', City: 'São Paulo' });
  });

  test('UTF-16 LE with BOM (Excel "Unicode text": tab-delimited, CRLF), astral characters included', async () => {
    const { info } = await inspect(fixture('utf16le.csv'));
    expect(info).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', headers: ['Id', 'Name', 'City'] });
    const { rows, stats } = await readAll(fixture('utf16le.csv'));
    expect(rows.map((r) => r.values)).toEqual([
      { Id: '1', Name: 'Zoë', City: 'Köln' },
      { Id: '2', Name: '日本', City: '東京 🗼' },
    ]);
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(stats.nulBytes).toBe(0);
  });

  test('UTF-16 BE with BOM', async () => {
    const { info } = await inspect(fixture('utf16be.csv'));
    expect(info).toMatchObject({ encoding: 'utf-16be', delimiter: ',', headers: ['Id', 'Name', 'City'] });
    const { rows } = await readAll(fixture('utf16be.csv'));
    expect(rows.map((r) => r.values.City)).toEqual(['Köln', '東京 🗼']);
  });

  test('Windows-1252 is detected from invalid UTF-8 and decoded (accents, € and curly quotes)', async () => {
    const { info } = await inspect(fixture('latin1.csv'));
    expect(info.encoding).toBe('windows-1252');
    const { rows } = await readAll(fixture('latin1.csv'));
    expect(rows.map((r) => r.values)).toEqual([
      { Id: '1', Name: 'Sébastien Müller, Zürich', Note: '“quoted” 5€' },
      { Id: '2', Name: 'François', Note: 'Besançon' },
    ]);
  });

  test('Windows-1252 bytes that first appear after the 64 KB sniff window are still detected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-enc-'));
    const path = join(dir, 'late-latin1.csv');
    const ascii = Array.from({ length: 3000 }, (_, i) => `${i},Plain Name ${i},Paris`).join('\n');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(`Id,Name,City\n${ascii}\n`),
        Buffer.from([
          0x39, 0x2c, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x2c, 0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68, 0x0a,
        ]),
      ]),
    );
    const { info } = await inspect(path);
    expect(info.encoding).toBe('windows-1252');
    const { rows } = await readAll(path);
    expect(rows.at(-1)?.values).toEqual({ Id: '9', Name: 'Müller', City: 'Zürich' });
    expect(rows.at(-1)?.line).toBe(3002);
    // The format inspectCsv found is what a later read uses, without a second pass over the file: the same
    // rows. (Told UTF-8 instead, the reader would decode the last row differently: the format is really used.)
    const again: string[] = [];
    for await (const row of readCsvRows(path, { format: info.format }))
      again.push(JSON.stringify(row.values));
    expect(again).toEqual(rows.map((row) => JSON.stringify(row.values)));
    const told = { ...info.format!, encoding: 'utf-8' as const };
    const misread: string[] = [];
    for await (const row of readCsvRows(path, { format: told })) misread.push(JSON.stringify(row.values));
    expect(misread.at(-1)).not.toBe(again.at(-1));
  });

  test('valid UTF-8 whose multi-byte characters straddle 64 KB chunk boundaries stays UTF-8', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-enc-'));
    const path = join(dir, 'utf8-big.csv');
    // 3-byte and 4-byte characters at every offset modulo 4, so some land across each chunk boundary.
    const lines = Array.from({ length: 20000 }, (_, i) => `${i},${'x'.repeat(i % 4)}€🗼é`);
    writeFileSync(path, `Id,Name\n${lines.join('\n')}\n`);
    expect((await inspect(path)).info.encoding).toBe('utf-8');
    const { rows } = await readAll(path);
    expect(rows).toHaveLength(20000);
    expect(rows.every((r, i) => r.values.Name === `${'x'.repeat(i % 4)}€🗼é`)).toBe(true);
  });
  test('the whole of a large file is checked, in reads of 8 MB: split characters carried, a late Latin-1 byte found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-enc-'));
    // About 18 MB of lines whose 3- and 4-byte characters fall at every offset modulo 4. The check reads 64 KB,
    // then 8 MB at a time from the end of the last whole character: a filler in the first row is chosen so
    // that the first 8 MB read ends inside a character, which must be carried into the next read.
    const lines = Array.from({ length: 1_000_000 }, (_, i) => `${i},${'x'.repeat(i % 4)}€🗼é`);
    const bodyWith = (filler: number) => `Id,Name\n0,${'y'.repeat(filler)}\n${lines.join('\n')}\n`;
    const splitsARead = (bytes: Buffer) => {
      const head = bytes.subarray(0, 64 * 1024);
      const boundary = head.length - incompleteUtf8Tail(head) + 8 * 2 ** 20;
      return (bytes[boundary]! & 0xc0) === 0x80;
    };
    const filler = [0, 1, 2, 3, 4, 5, 6, 7].find((n) => splitsARead(Buffer.from(bodyWith(n))));
    expect(filler).toBeDefined();
    const body = bodyWith(filler!);
    const utf8 = join(dir, 'utf8-18mb.csv');
    writeFileSync(utf8, body);
    expect(Buffer.byteLength(body)).toBeGreaterThan(16 * 2 ** 20);
    expect((await inspect(utf8)).info.encoding).toBe('utf-8');
    // The same with one Windows-1252 byte (0xE9, é) in the last row, far past the first 64 KB and 8 MB: found and
    // counted, though the millions of valid multi-byte characters keep the file UTF-8 (see the tests below).
    const latin1 = join(dir, 'latin1-at-the-end.csv');
    writeFileSync(latin1, Buffer.concat([Buffer.from(body), Buffer.from([0x39, 0x2c, 0xe9, 0x0a])]));
    const { info } = await inspect(latin1);
    expect(info.encoding).toBe('utf-8');
    expect(info.format?.invalidUtf8Bytes).toBe(1);
    expect((await inspect(utf8)).info.format?.invalidUtf8Bytes).toBeUndefined();
  });

  /** A HubSpot contacts export in UTF-8, `rows` long, with `bad` (row index → bytes) spliced into some emails. */
  const contactsWithBadBytes = (name: string, rows: number, bad: Map<number, readonly number[]>): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'read-enc-')), name);
    const parts: Buffer[] = [Buffer.from('Record ID,First Name,Last Name,Email,Lifecycle Stage\r\n')];
    for (let i = 0; i < rows; i++) {
      parts.push(Buffer.from(`${100_000 + i},José,Müller,k${i}@acme.com`));
      if (bad.has(i)) parts.push(Buffer.from(bad.get(i)!));
      parts.push(Buffer.from(',lead\r\n'));
    }
    writeFileSync(path, Buffer.concat(parts));
    return path;
  };

  test('a UTF-8 export with one invalid byte stays UTF-8: the byte becomes U+FFFD and its line is reported', async () => {
    // 40,000 "José Müller" rows and one stray 0xA0 late in the file (past 64 KB and the first 8 MB read).
    const path = contactsWithBadBytes('contacts.csv', 40_000, new Map([[39_990, [0xa0]]]));
    const { info } = await inspect(path);
    expect(info.encoding).toBe('utf-8');
    const { rows, issues } = await readAll(path);
    expect(rows).toHaveLength(40_000);
    expect(rows.every((r) => r.values['First Name'] === 'José' && r.values['Last Name'] === 'Müller')).toBe(
      true,
    );
    expect(rows[39_990]?.values.Email).toBe('k39990@acme.com\uFFFD');
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'CSV_INVALID_UTF8',
        severity: 'warning',
        file: path,
        line: 39_992,
        column: 4,
      }),
    ]);
    expect(issues[0]?.message).toContain('("Email") on line 39992');
  });

  test('invalid bytes on many lines: one warning per line for the first 20, then one summary', async () => {
    // 30 damaged lines (two bad bytes on each: still one warning per line) among 300 valid multi-byte rows.
    const bad = new Map(Array.from({ length: 30 }, (_, k) => [k * 10, [0xff, 0xfe]] as const));
    const path = contactsWithBadBytes('contacts.csv', 300, bad);
    const { rows, issues } = await readAll(path);
    expect(rows[0]?.values['First Name']).toBe('José');
    expect(issues).toHaveLength(21);
    expect(issues.slice(0, 20).map((i) => i.line)).toEqual(Array.from({ length: 20 }, (_, k) => k * 10 + 2));
    expect(issues[20]).toMatchObject({ code: 'CSV_INVALID_UTF8', file: path });
    expect(issues[20]?.line).toBeUndefined();
    expect(issues[20]?.message).toMatch(/^10 more lines \(30 in all\).*\(60 such bytes/);
  });

  test('a Windows-1252 export with a byte pair that happens to be valid UTF-8 is still Windows-1252', async () => {
    // "CAFÉ’S" is C9 92 in Windows-1252, a valid UTF-8 sequence (ɒ); the other accents are not.
    const path = join(mkdtempSync(join(tmpdir(), 'read-enc-')), 'latin1-pair.csv');
    const text = 'Id,Name,City\r\n1,CAFÉ’S,Zürich\r\n2,François,Besançon\r\n3,Sébastien,Köln\r\n';
    writeFileSync(path, toCp1252(text));
    expect((await inspect(path)).info.encoding).toBe('windows-1252');
    const { rows, issues } = await readAll(path);
    expect(rows.map((r) => r.values.Name)).toEqual(['CAFÉ’S', 'François', 'Sébastien']);
    expect(issues).toEqual([]);
  });
});

describe('delimiters and line endings', () => {
  test('semicolon-delimited European export (decimal commas, quoted semicolon)', async () => {
    const { info } = await inspect(fixture('semicolon.csv'));
    expect(info.delimiter).toBe(';');
    const { rows } = await readAll(fixture('semicolon.csv'));
    expect(rows.map((r) => r.values)).toEqual([
      { Name: 'Acme GmbH', Amount: '1.200,50', City: 'Paris; France' },
      { Name: 'Beta, Inc', Amount: '3,5', City: 'Berlin' },
    ]);
  });

  test('tab-delimited, commas and quotes inside unquoted cells kept', async () => {
    const { info } = await inspect(fixture('tab.csv'));
    expect(info.delimiter).toBe('\t');
    const { rows } = await readAll(fixture('tab.csv'));
    expect(rows[0]?.values).toEqual({ Name: 'Acme', Email: 'a@acme.test', Note: 'says "hi", twice' });
    expect(rows[1]?.values.Note).toBe('');
  });

  test('Excel sep= hint line sets the delimiter and is not the header', async () => {
    const { info } = await inspect(fixture('sep-line.csv'));
    expect(info).toMatchObject({ delimiter: ';', headers: ['Name', 'City'] });
    const { rows } = await readAll(fixture('sep-line.csv'));
    expect(rows).toEqual([
      { file: fixture('sep-line.csv'), line: 3, values: { Name: 'Acme', City: 'Paris' } },
    ]);
  });

  test('CRLF, with a CRLF inside a quoted cell', async () => {
    const { rows } = await readAll(fixture('crlf.csv'));
    expect(rows.map((r) => [r.line, r.values.Description])).toEqual([
      [2, 'line one\r\nline two'],
      [4, 'plain'],
    ]);
  });

  test('old-Mac CR-only line endings', async () => {
    const { rows } = await readAll(fixture('cr-only.csv'));
    expect(rows.map((r) => [r.line, r.values.Name])).toEqual([
      [2, 'Acme'],
      [3, 'multi\rline'],
      [5, 'Gamma'],
    ]);
  });

  test('multi-line quoted cells: each row keeps the line its record starts on', async () => {
    const { rows, stats } = await readAll(fixture('multiline.csv'));
    expect(rows.map((r) => [r.line, r.values.Id])).toEqual([
      [2, '1'],
      [5, '2'],
      [7, '3'],
      [10, '4'],
    ]);
    expect(rows[0]?.values.Description).toBe('first\nsecond\nthird');
    expect(rows[1]?.values.Description).toBe('has "quotes", and commas');
    expect(rows[2]?.values.Description).toBe('a\n\nb');
    expect(stats).toEqual({ rows: 4, nulBytes: 0, footerLines: 0, badRows: 0 });
    expect(rows.every((r) => r.file === fixture('multiline.csv'))).toBe(true);
  });
});

/** Windows-1252 bytes of text whose characters are Latin-1 or the curly apostrophe. */
function toCp1252(text: string): Buffer {
  return Buffer.from(Array.from(text, (ch) => (ch === '’' ? 0x92 : ch.charCodeAt(0))));
}
