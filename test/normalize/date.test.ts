import { describe, expect, it } from 'vitest';
import { excelSerialToDate, parseDate } from '../../src/normalize/index.js';

describe('parseDate', () => {
  it.each([
    ['', 'mdy', null],
    ['  ', 'dmy', null],
    ['2024-03-04', 'mdy', '2024-03-04'],
    ['2024-03-04', 'dmy', '2024-03-04'],
    ['2024-3-4', 'dmy', '2024-03-04'],
    ['2024/03/04', 'mdy', '2024-03-04'],
    ['20240304', 'mdy', '2024-03-04'],
    ['2024-02-29', 'mdy', '2024-02-29'],
    ['2000-02-29', 'mdy', '2000-02-29'],
    // datetimes: the date as written, never shifted by a time zone
    ['2024-03-04T10:00:00Z', 'mdy', '2024-03-04'],
    ['2024-03-04T23:30:00-08:00', 'mdy', '2024-03-04'],
    ['2024-03-04T00:30:00+14:00', 'mdy', '2024-03-04'],
    ['2024-03-04T10:00:00.000+0000', 'mdy', '2024-03-04'],
    ['2024-03-04 10:30', 'dmy', '2024-03-04'],
    ['2024-03-04 10:30:59', 'dmy', '2024-03-04'],
    ['2024-12-31T23:59:59.999Z', 'mdy', '2024-12-31'],
    // numeric by order
    ['03/04/2024', 'mdy', '2024-03-04'],
    ['03/04/2024', 'dmy', '2024-04-03'],
    ['03.04.2024', 'dmy', '2024-04-03'],
    ['03.04.2024', 'mdy', '2024-03-04'],
    ['3/4/2024', 'mdy', '2024-03-04'],
    ['03-04-2024', 'dmy', '2024-04-03'],
    ['29.09.2024', 'dmy', '2024-09-29'],
    ['09/29/2024', 'mdy', '2024-09-29'],
    // with a time
    ['3/4/2024 10:30 AM', 'mdy', '2024-03-04'],
    ['04.03.2024 14:05:00', 'dmy', '2024-03-04'],
    // two-digit years
    ['03/04/24', 'mdy', '2024-03-04'],
    ['03/04/99', 'mdy', '1999-03-04'],
    ['31.12.49', 'dmy', '2049-12-31'],
    ['01.01.50', 'dmy', '1950-01-01'],
    // Excel serials
    ['45631', 'mdy', '2024-12-05'],
    ['45631.75', 'dmy', '2024-12-05'],
    ['45292', 'mdy', '2024-01-01'],
    ['25569', 'mdy', '1970-01-01'],
    // month names
    ['Mar 4, 2024', 'dmy', '2024-03-04'],
    ['March 4, 2024', 'mdy', '2024-03-04'],
    ['march 4 2024', 'mdy', '2024-03-04'],
    ['Sept. 30, 2024', 'mdy', '2024-09-30'],
    ['4 March 2024', 'mdy', '2024-03-04'],
    ['4th March 2024', 'mdy', '2024-03-04'],
    ['04-Mar-2024', 'mdy', '2024-03-04'],
    ['04-Mar-24', 'mdy', '2024-03-04'],
    ['Monday, March 4, 2024', 'mdy', '2024-03-04'],
    ['Mon, 4 Mar 2024 10:00:00 GMT', 'mdy', '2024-03-04'],
    ['4. März 2024', 'dmy', '2024-03-04'],
    ['12 décembre 2024', 'dmy', '2024-12-12'],
  ])('%j (%s) → %j', (raw, order, expected) => {
    expect(parseDate(raw, order as 'mdy' | 'dmy')).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2024-02-30', 'no day 30'],
    ['2023-02-29', 'no day 29'],
    ['1900-02-29', 'no day 29'],
    ['2024-13-01', 'no month 13'],
    ['2024-04-31', 'no day 31'],
    ['2024-00-10', 'no month 0'],
    ['13/13/2024', 'no month 13'],
    ['not a date', 'YYYY-MM-DD'],
    ['2024', 'YYYY-MM-DD'],
    ['12', 'YYYY-MM-DD'],
    ['03/04', 'YYYY-MM-DD'],
    ['4 Foo 2024', 'not a month name'],
    ['1.23457E+10', 'YYYY-MM-DD'],
    ['0999-01-01', 'out of range'],
  ])('%j is rejected (%s)', (raw, why) => {
    const result = parseDate(raw, 'mdy');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });

  it('does not suggest date_order for a text no order reads', () => {
    expect(parseDate('not a date', 'mdy')).toEqual({
      ok: false,
      reason: '"not a date" is not a date this importer can read; write it as YYYY-MM-DD (e.g. 2024-03-04).',
    });
  });
});

describe('parseDate: one day/month order for every cell', () => {
  it.each([
    ['13/05/2024', 'mdy', 'month/day/year', 13, 'day/month/year', 'dmy'],
    ['29.09.2024', 'mdy', 'month/day/year', 29, 'day/month/year', 'dmy'],
    ['13/12/24 10:30', 'mdy', 'month/day/year', 13, 'day/month/year', 'dmy'],
    ['05/13/2024', 'dmy', 'day/month/year', 13, 'month/day/year', 'mdy'],
  ])(
    '%j under %s is not flipped: the failure names the option',
    (raw, order, orderName, month, otherName, other) => {
      expect(parseDate(raw, order as 'mdy' | 'dmy')).toEqual({
        ok: false,
        reason: `${JSON.stringify(raw)} is not a valid date in the order ${orderName} of the mapping (there is no month ${month}); if the export writes dates ${otherName}, set options.date_order: ${other} in the mapping (--mapping).`,
      });
    },
  );

  it('reads its neighbours in the same order (case 45: 13/05/2024 beside 05/06/2024)', () => {
    expect(parseDate('05/06/2024', 'mdy')).toEqual({ ok: true, value: '2024-05-06' });
    expect(parseDate('05/06/2024', 'dmy')).toEqual({ ok: true, value: '2024-06-05' });
    expect(parseDate('13/05/2024', 'dmy')).toEqual({ ok: true, value: '2024-05-13' });
  });

  it.each([
    ['31/02/2024', 'mdy', 'no month 31'], // no order reads it: no option to suggest
    ['13/13/2024', 'mdy', 'no month 13'],
    ['02/31/2024', 'mdy', 'no day 31'],
  ])('%j under %s is invalid either way (%s) and names no option', (raw, order, why) => {
    const result = parseDate(raw, order as 'mdy' | 'dmy');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain(why);
      expect(result.reason).not.toContain('date_order');
    }
  });
});

describe('excelSerialToDate (1900 leap-year bug)', () => {
  it.each([
    [1, '1900-01-01'],
    [31, '1900-01-31'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [367, '1901-01-01'],
    [36526, '2000-01-01'],
    [45631, '2024-12-05'],
    [2958465, '9999-12-31'],
  ])('%d → %s', (serial, expected) => {
    expect(excelSerialToDate(serial)).toEqual({ ok: true, value: expected });
  });

  it.each([0, 60, -5, 2958466, Number.NaN])('%d is rejected', (serial) => {
    expect(excelSerialToDate(serial).ok).toBe(false);
  });
});
