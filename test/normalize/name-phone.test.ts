import { describe, expect, it } from 'vitest';
import { normalizePhone, splitFullName } from '../../src/normalize/index.js';

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
    ['+49 30 1234567', undefined, '+49301234567'],
    ['0049 30 1234567', 'DE', '+49301234567'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['+44 (0)20 7946 0958', undefined, '+442079460958'],
    ['  +33 1 42 68 53 00 ', undefined, '+33142685300'],
  ])('%j (country %s) → %j', (raw, country, expected) => {
    expect(normalizePhone(raw, country)).toBe(expected);
  });

  it.each([
    ['(415) 555-2671', undefined, '(415) 555-2671'], // no country known
    ['  555-2671 ', 'US', '555-2671'], // too short to be valid
    ['+1 415 555 2671 ext. 12', undefined, '+1 415 555 2671 ext. 12'], // extension kept as written
    ['call reception', 'US', 'call reception'],
    ['030 1234567', 'XX', '030 1234567'], // unknown default country is ignored
    ['', 'US', ''],
  ])('%j (country %s) stays %j', (raw, country, expected) => {
    expect(normalizePhone(raw, country)).toBe(expected);
  });
});
