import { describe, expect, it } from 'vitest';
import { looksExcelMangled, looksLikeFormula, normalizeSalesforceId } from '../../src/normalize/index.js';

/**
 * An independent derivation of the 18-character suffix, written from the published description: reverse
 * each 5-character block, read "is upper case" as binary digits, index into A–Z then 0–5.
 */
function expectedSuffix(id15: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  return [0, 5, 10]
    .map((start) => {
      const binary = id15
        .slice(start, start + 5)
        .split('')
        .reverse()
        .map((c) => (/[A-Z]/.test(c) ? '1' : '0'))
        .join('');
      return alphabet[Number.parseInt(binary, 2)];
    })
    .join('');
}

describe('normalizeSalesforceId', () => {
  it.each([
    // published pair
    ['0015000000Gv7qJ', '0015000000Gv7qJAAR'],
    // worked by hand: "001Dn" → D at 3 → 8 → I; "00000" → A; "Ab1Cd" → A at 0, C at 3 → 9 → J
    ['001Dn00000Ab1Cd', '001Dn00000Ab1CdIAJ'],
    ['003000000000000', '003000000000000AAA'],
    ['ABCDEABCDEABCDE', 'ABCDEABCDEABCDE555'],
  ])('%s → %s', (id15, id18) => {
    expect(normalizeSalesforceId(id15)).toBe(id18);
    expect(normalizeSalesforceId(id18)).toBe(id18);
    expect(id18.slice(15)).toBe(expectedSuffix(id15));
  });

  it.each(['006Dn000001XyZa', '00Q5f00000AbCdE', 'a0B5f000001qwErTy'.slice(0, 15), '005000000000ZZZ'])(
    '15 and 18-character forms of %s normalize to the same string',
    (id15) => {
      const id18 = id15 + expectedSuffix(id15);
      expect(normalizeSalesforceId(id15)).toBe(id18);
      expect(normalizeSalesforceId(id18)).toBe(id18);
    },
  );

  it('keeps distinct 15-character ids that differ only in case distinct', () => {
    expect(normalizeSalesforceId('001Dn00000Ab1Cd')).not.toBe(normalizeSalesforceId('001dn00000ab1cd'));
  });

  it('restores the case of an 18-character id that a tool lower-cased', () => {
    expect(normalizeSalesforceId('0015000000gv7qjaar')).toBe('0015000000Gv7qJAAR');
  });

  it('trims whitespace around an id', () => {
    expect(normalizeSalesforceId(' 0015000000Gv7qJ ')).toBe('0015000000Gv7qJAAR');
  });

  it.each(['', '123', '0015000000Gv7q', '0015000000Gv7qJAARX', '0015000000-v7qJ', 'hubspot-12345'])(
    '%j is returned as is',
    (id) => {
      expect(normalizeSalesforceId(id)).toBe(id);
    },
  );
});

describe('looksLikeFormula', () => {
  it.each([
    '=SUM(A1:A3)',
    '  =1+1',
    '+SUM(A1)',
    '-2+3',
    '@SUM(A1)',
    '=HYPERLINK("http://evil","x")',
    "-cmd|' /C calc'!A0",
    '+1 555 CALL NOW',
    '\t=1',
  ])('%j is a formula', (value) => {
    expect(looksLikeFormula(value)).toBe(true);
  });

  it.each([
    '',
    'Acme',
    'a=b',
    '-12.5',
    '+12',
    '+1 555 123 4567',
    '+1 (555) 123-4567',
    '+44 (0)20 7946 0958',
    '-1,200.50',
    '-',
    '--',
    'jane@x.com',
    '1+1',
  ])('%j is not a formula', (value) => {
    expect(looksLikeFormula(value)).toBe(false);
  });
});

describe('looksExcelMangled', () => {
  it.each(['1.23457E+10', '1.23457e+10', '9.87654E+11', '1,23457E+10', ' 4.15555E+09 ', '1E+15', '1E15'])(
    '%j is mangled',
    (value) => {
      expect(looksExcelMangled(value)).toBe(true);
    },
  );

  it.each(['12345678901', '0015000000Gv7qJ', '1.5', '1.2E-05', 'E+10', '1.2E+', 'abcE+10', ''])(
    '%j is not mangled',
    (value) => {
      expect(looksExcelMangled(value)).toBe(false);
    },
  );
});
