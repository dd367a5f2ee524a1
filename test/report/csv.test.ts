import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { escapeCsvCell } from '../../src/report/index.js';

describe('escapeCsvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['Acme, Inc.', '"Acme, Inc."'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['crlf\r\nline', '"crlf\r\nline"'],
    ['Zoë Müller', 'Zoë Müller'],
    ['12', '12'],
    ['a=b', 'a=b'],
    [' =1+1', ' =1+1'],
  ])('%j → %j', (value, expected) => {
    expect(escapeCsvCell(value)).toBe(expected);
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=1+1', "'=1+1"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    // Documented choice: every leading sign is escaped, plain numbers and phone numbers too.
    ['-42', "'-42"],
    ['+1 555 0100', "'+1 555 0100"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['=a,b', `"'=a,b"`],
  ])('formula %j → %j', (value, expected) => {
    expect(escapeCsvCell(value)).toBe(expected);
  });

  it('round-trips through an RFC 4180 parser: every value reads back as itself, after a leading quote if escaped', () => {
    const values = [
      'a,b',
      'x"y',
      'l1\nl2',
      '=1+2',
      '-3',
      '@x',
      '+y',
      'plain',
      '',
      '\t=tab',
      '"',
      ',',
      '\r\n',
    ];
    const line = `${values.map(escapeCsvCell).join(',')}\r\n`;
    const [parsed] = parse(line, { relax_column_count: false }) as string[][];
    expect(parsed).toHaveLength(values.length);
    parsed!.forEach((cell, i) => {
      const original = values[i]!;
      expect(cell).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
      expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });
  });
});
