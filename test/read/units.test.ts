import { describe, expect, test } from 'vitest';
import { isIdHeader } from '../../src/read/excel.js';
import { looksExcelMangled } from '../../src/read/index.js';
import { countBreaks, LineTracker } from '../../src/read/lines.js';
import { scanBrokenRecord } from '../../src/read/salvage.js';
import { incompleteUtf8Tail, sniffDelimiter } from '../../src/read/sniff.js';
import { Utf8Tally } from '../../src/read/utf8-tally.js';

describe('looksExcelMangled', () => {
  test.each(['1.23457E+10', '4.5E+15', '1E+12', '1,23457E+10', ' 9.87654E+17 ', '-1.2e+11'])(
    '%s is mangled',
    (value) => {
      expect(looksExcelMangled(value)).toBe(true);
    },
  );
  test.each(['12345678901', '1.5', 'E+10', '1.2E-05', 'ABC1E+10', '0016800000IBcBAAW', '', '1.2E+10x'])(
    '%s is not',
    (value) => {
      expect(looksExcelMangled(value)).toBe(false);
    },
  );
});

test('isIdHeader', () => {
  for (const h of [
    'Id',
    'ID',
    'Record ID',
    'Contact ID',
    'Associated Company IDs',
    'Deal - ID',
    'AccountId',
    'external_id',
    'Record ID (2)',
  ]) {
    expect(isIdHeader(h), h).toBe(true);
  }
  for (const h of ['Paid', 'Valid', 'Idea', 'Name', 'PAID', 'Phone']) expect(isIdHeader(h), h).toBe(false);
});

test('sniffDelimiter counts outside quotes and breaks ties with the data lines', () => {
  expect(sniffDelimiter('a,b,c\n1,2,3\n')).toBe(',');
  expect(sniffDelimiter('a;b;c\n1,5;2;3\n')).toBe(';');
  expect(sniffDelimiter('a\tb\tc\n')).toBe('\t');
  expect(sniffDelimiter('"x;y;z",b\n1,2\n')).toBe(',');
  expect(sniffDelimiter('\n\nname;a,b\nx;1\ny;2\n')).toBe(';');
  expect(sniffDelimiter('single\n1\n')).toBe(',');
});

test('incompleteUtf8Tail', () => {
  const euro = Buffer.from('a€', 'utf8');
  expect(incompleteUtf8Tail(euro)).toBe(0);
  expect(incompleteUtf8Tail(euro.subarray(0, 3))).toBe(2);
  expect(incompleteUtf8Tail(euro.subarray(0, 2))).toBe(1);
  expect(incompleteUtf8Tail(Buffer.from('🗼', 'utf8').subarray(0, 3))).toBe(3);
  expect(incompleteUtf8Tail(Buffer.from('abc'))).toBe(0);
});

test('line breaks: CRLF once, lone CR and LF each, across chunk boundaries', () => {
  expect(countBreaks(Buffer.from('a\r\nb\nc\rd'), false)).toBe(3);
  expect(countBreaks(Buffer.from('\nx'), true)).toBe(0);
  const tracker = new LineTracker();
  tracker.push(Buffer.from('h\r'));
  tracker.push(Buffer.from('\nr1\n"a\r\nb"\r'));
  tracker.push(Buffer.from('r3'));
  expect(tracker.advanceTo(3)).toBe(2);
  expect(tracker.lineAt(6)).toBe(3);
  expect(tracker.advanceTo(6)).toBe(3);
  expect(tracker.advanceTo(13)).toBe(5);
  expect(tracker.rest().toString()).toBe('r3');
});

test('scanBrokenRecord finds the quote that never closes', () => {
  expect(scanBrokenRecord('1,"ok ""x""",rest\n2,b,"open\nmore', ',')).toEqual({
    cells: ['2', 'b', 'open\nmore'],
    openQuoteAt: 22,
    openQuoteCell: 2,
  });
  expect(scanBrokenRecord('a;b', ';')).toEqual({
    cells: ['a', 'b'],
    openQuoteAt: undefined,
    openQuoteCell: 2,
  });
});

test('Utf8Tally counts valid multi-byte sequences and invalid bytes, across chunk boundaries', () => {
  const tally = (...chunks: number[][]) => {
    const t = new Utf8Tally();
    for (const chunk of chunks) t.add(Uint8Array.from(chunk));
    t.end();
    return [t.valid, t.invalid];
  };
  const text = [...Buffer.from('é€🗼a')];
  expect(tally(text)).toEqual([3, 0]);
  // One byte at a time: every sequence is split, and carried.
  expect(tally(...text.map((byte) => [byte]))).toEqual([3, 0]);
  expect(tally([0x41, 0xc3])).toEqual([0, 1]); // cut at the end of the file
  expect(tally([0xc0, 0x80])).toEqual([0, 2]); // overlong
  expect(tally([0xed, 0xa0, 0x80])).toEqual([0, 3]); // surrogate
  expect(tally([0xe9, 0x41, 0xc3, 0xa9])).toEqual([1, 1]); // Latin-1 é, then UTF-8 é
  const mostly = new Utf8Tally();
  mostly.add(Uint8Array.from([...Buffer.from('éééé'), 0xff]));
  expect(mostly.isUtf8).toBe(true);
  mostly.add(Uint8Array.from([0xff]));
  expect(mostly.isUtf8).toBe(false);
});
