import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone, splitFullName } from '../../src/normalize/index.js';
import { isPhone } from '../../src/sandbox/write/formats.js';

describe('splitFullName', () => {
  it.each([
    ['Jane Doe', 'Jane', 'Doe'],
    ['  Jane   Doe  ', 'Jane', 'Doe'],
    ['Doe, Jane', 'Jane', 'Doe'],
    ['Doe,Jane', 'Jane', 'Doe'],
    ['van der Berg, Jean-Luc', 'Jean-Luc', 'van der Berg'],
    ['Jean-Luc van der Berg', 'Jean-Luc', 'van der Berg'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Leonardo da Vinci', 'Leonardo', 'da Vinci'],
    ['Ursula von der Leyen', 'Ursula', 'von der Leyen'],
    ['Mary Ann Smith', 'Mary Ann', 'Smith'],
    ['Madonna', 'Madonna', ''],
    ['Mr. John Smith', 'John', 'Smith'],
    ['Mrs Jane Doe', 'Jane', 'Doe'],
    ['Ms. Jane Doe', 'Jane', 'Doe'],
    ['Dr. Jane Doe', 'Jane', 'Doe'],
    ['DR JANE DOE', 'JANE', 'DOE'],
    ['Dr. Madonna', 'Madonna', ''],
    ['Doe, Dr. Jane', 'Jane', 'Doe'],
    ['Jane Doe Jr.', 'Jane', 'Doe Jr.'],
    ['Jane Doe, PhD', 'Jane', 'Doe, PhD'],
    ['Van Morrison', 'Van', 'Morrison'],
    ['Drew Barrymore', 'Drew', 'Barrymore'],
    ['Mr.', 'Mr.', ''],
    ['', '', ''],
    ['José María García', 'José María', 'García'],
  ])('%j → %j / %j', (full, first, last) => {
    expect(splitFullName(full)).toEqual({ first_name: first, last_name: last });
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+1 (415) 555-2671', undefined, '+14155552671'],
    ['+1 415 555 2671', 'DE', '+14155552671'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['415.555.2671', 'US', '+14155552671'],
    ['030 1234567', 'DE', '+49301234567'],
    ['030/1234567', 'DE', '+49301234567'],
    ['+49 30 1234567', undefined, '+49301234567'],
    ['0049 30 1234567', 'DE', '+49301234567'],
    // 00 is read as the international prefix without a country, and where the country's own prefix differs
    ['0044 20 7946 0958', undefined, '+442079460958'],
    ['0044 20 7946 0958', 'US', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['+44 (0)20 7946 0958', undefined, '+442079460958'],
    ['  +33 1 42 68 53 00 ', undefined, '+33142685300'],
    // an extension is kept, in the one spelling Clarify takes
    ['+1 415 555 2671 ext. 12', undefined, '+14155552671 x12'],
    ['(415) 555-2671 #12', 'US', '+14155552671 x12'],
  ])('%j (country %s) → %j', (raw, country, expected) => {
    expect(normalizePhone(raw, country)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['(415) 555-2671', undefined, '(415) 555-2671'], // no country known
    ['  555-2671 ', 'US', '555-2671'], // too short to be valid for the US, but a number
    ['555-0101 ext. 7', undefined, '555-0101 x7'],
    ['030/1234567', undefined, '030-1234567'], // "/" is not a separator Clarify takes
    ['030 1234567', 'XX', '030 1234567'], // unknown default country is ignored
    ['911', undefined, '911'],
  ])('%j (country %s) stays %j', (raw, country, expected) => {
    expect(normalizePhone(raw, country)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['call me', 'US', 'no digits'],
    ['call me', undefined, 'no digits'],
    ['call reception on 5', 'US', 'letters'],
    ['555-CALL-ME', undefined, 'letters'],
    ['+1 800 FLOWERS', undefined, 'letters'],
    ['12', undefined, 'fewer than 3 digits'],
    ['+1 415 555 2671 +1 415 555 2672', undefined, 'more than 20 digits'],
    ['415*555*2671', undefined, 'characters a phone number cannot have'],
    ['', 'US', 'empty'],
  ])('%j (country %s) is not a phone number: %s', (raw, country, why) => {
    const result = normalizePhone(raw, country);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });

  it('sends only what the API accepts: every number it keeps passes the sandbox check', () => {
    const cell = fc
      .array(fc.constantFrom(...'0123456789  +()-./#xXext:;*aZ\u00a0\u2013'.split('')), { maxLength: 30 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(cell, fc.constantFrom(undefined, 'US', 'DE', 'GB'), (raw, country) => {
        const result = normalizePhone(raw, country);
        if (result.ok) expect(isPhone(result.value), JSON.stringify(result.value)).toBe(true);
      }),
      { numRuns: 3000, seed: 20261128 },
    );
  });
});
