import { fail, type Normalized, ok, quote } from './result.js';

/** Month names (English, German, French, Spanish; full and abbreviated) → month number. */
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  ['january', 'jan', 'januar', 'jän', 'janvier', 'janv', 'enero', 'ene'],
  ['february', 'feb', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'febrero'],
  ['march', 'mar', 'märz', 'maerz', 'mär', 'mars', 'marzo'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr'],
  ['may', 'mai', 'mayo'],
  ['june', 'jun', 'juni', 'juin', 'junio'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre'],
  ['november', 'nov', 'novembre', 'noviembre'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'diciembre', 'dic'],
];
MONTH_NAMES.forEach((names, index) => {
  for (const name of names) MONTHS[name] = index + 1;
});

const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
/** A time of day after the date, ignored: ` 10:30`, `T10:30:00.000Z`, ` 3:04 PM`, `+02:00`, ` UTC`. */
const TIME = String.raw`(?:[T\s,]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?)?`;

const ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`, 'i');
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})${TIME}$`, 'i');
const EXCEL_SERIAL = /^(\d{5})(?:\.\d+)?$/;
const DAY_MONTH_NAME = new RegExp(
  String.raw`^(\d{1,2})(?:st|nd|rd|th)?\.?[\s-]+([\p{L}]+)\.?,?[\s-]+(\d{4}|\d{2})${TIME}$`,
  'iu',
);
const MONTH_NAME_DAY = new RegExp(
  String.raw`^([\p{L}]+)\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s-]+(\d{4})${TIME}$`,
  'iu',
);

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Two-digit years: 00–49 → 2000–2049, 50–99 → 1950–1999 (fixed, so the result never depends on today). */
function fullYear(year: string): number {
  const n = Number(year);
  if (year.length !== 2) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

function build(raw: string, year: number, month: number, day: number): Normalized<string | null> {
  if (month < 1 || month > 12) return fail(`${quote(raw)} is not a valid date (there is no month ${month}).`);
  if (year < 1000 || year > 9999)
    return fail(`${quote(raw)} is not a valid date (year ${year} is out of range).`);
  if (day < 1 || day > daysInMonth(year, month)) {
    return fail(
      `${quote(raw)} is not a valid date (${year}-${pad(month)} has no day ${day}); correct it in the export.`,
    );
  }
  return ok(`${year}-${pad(month)}-${pad(day)}`);
}

const ORDERS = { mdy: 'month/day/year', dmy: 'day/month/year' } as const;

function wrongOrder(input: string, order: 'mdy' | 'dmy', month: number): Normalized<string | null> {
  const other = order === 'mdy' ? 'dmy' : 'mdy';
  return fail(
    `${quote(input)} is not a valid date in the order ${ORDERS[order]} of the mapping (there is no month ${month}); if the export writes dates ${ORDERS[other]}, set options.date_order: ${other} in the mapping (--mapping).`,
  );
}

/**
 * An Excel serial day number → YYYY-MM-DD. Day 1 is 1900-01-01; Excel counts a 29 February 1900 that
 * never existed (serial 60), so serials from 61 on are counted from 1899-12-30.
 */
export function excelSerialToDate(serial: number): Normalized<string> {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day < 1 || day > 2958465) {
    return fail(`${serial} is not an Excel date serial number (1 to 2958465).`);
  }
  if (day === 60) return fail('Excel serial 60 is 29 February 1900, a day that does not exist.');
  const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return { ok: true, value: new Date(epoch + day * 86_400_000).toISOString().slice(0, 10) };
}

/**
 * A date cell → `YYYY-MM-DD`; empty → null. Accepts ISO dates and datetimes (the date part as written: no
 * time-zone shift), `YYYY-MM-DD HH:MM(:SS)`, `YYYYMMDD`, numeric dates in `order` (`03/04/2024`,
 * `03.04.2024`, `03-04-24`; always in that order, a cell that only reads the other way is a failure naming
 * the option), month names (`Mar 4, 2024`,
 * `4 March 2024`, `04-Mar-24`) and 5-digit Excel serial numbers (`45631` → 2024-12-05).
 */
export function parseDate(raw: string, order: 'mdy' | 'dmy'): Normalized<string | null> {
  const input = raw.trim();
  if (input === '') return ok(null);
  const text = input.replace(WEEKDAY, '').replace(/\s+/g, ' ');

  const iso = ISO.exec(text) ?? COMPACT.exec(text);
  if (iso) return build(input, Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const a = Number(numeric[1]);
    const b = Number(numeric[2]);
    const year = fullYear(numeric[3] ?? '');
    const [month, day] = order === 'dmy' ? [b, a] : [a, b];
    const date = build(input, year, month, day);
    // The order is the mapping's, for every cell: a cell that only reads the other way (13/05/2024 under
    // mdy) is not flipped on its own, because its neighbours (05/06/2024) would still be read in the
    // configured order, and one column would mix both. It is reported with the option that reads it.
    if (!date.ok && month > 12 && build(input, year, day, month).ok) return wrongOrder(input, order, month);
    return date;
  }

  const serial = EXCEL_SERIAL.exec(text);
  if (serial) return excelSerialToDate(Number(text));

  const dayName = DAY_MONTH_NAME.exec(text);
  const nameDay = dayName ? null : MONTH_NAME_DAY.exec(text);
  const named = dayName
    ? { day: dayName[1], month: dayName[2], year: dayName[3] }
    : nameDay
      ? { day: nameDay[2], month: nameDay[1], year: nameDay[3] }
      : null;
  if (named) {
    const month = MONTHS[(named.month ?? '').toLowerCase()];
    if (month === undefined)
      return fail(`${quote(input)} is not a date: "${named.month}" is not a month name.`);
    return build(input, fullYear(named.year ?? ''), month, Number(named.day));
  }

  return fail(
    `${quote(input)} is not a date this importer can read; write it as YYYY-MM-DD (e.g. 2024-03-04).`,
  );
}
