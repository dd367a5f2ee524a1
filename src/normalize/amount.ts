import { fail, type Normalized, ok, okButWarn, quote } from './result.js';

/** Clarify stores numbers as DECIMAL(16,4): at most 12 digits before the point and 4 after. */
const MAX_INTEGER_DIGITS = 12;
const MAX_FRACTION_DIGITS = 4;

const CURRENCY_SYMBOLS = /[$€£¥₹₽₩₪₫₴₦₱฿₺¢]/g;
/** ISO 4217-style codes and common written forms before or after the number: `USD 100`, `100 EUR`, `CHF`. */
const CURRENCY_CODE = /^[a-z]{3}\.?(?=[\s\d(+-]|$)|(?<=[\d\s)])[a-z]{3}$/i;
const GROUP_SPACES = /[\s\u00a0\u202f']/g;

/**
 * Where a wrong convention is likely (see parseAmount): one group of 1–3 digits, not starting with 0, then
 * the decimal separator and exactly three digits, `2.000` with `.` or `1,500` with `,`.
 */
const THREE_DECIMALS = { '.': /^[1-9]\d{0,2}\.\d{3}$/, ',': /^[1-9]\d{0,2},\d{3}$/ } as const;

/** The option that reads amounts the other way, for the messages a wrong `decimal` setting causes. */
function otherDecimal(decimal: '.' | ','): string {
  return decimal === '.'
    ? 'if the export writes amounts like 1.200,50, set options.decimal: "," in the mapping (--mapping)'
    : 'if the export writes amounts like 1,200.50, set options.decimal: "." in the mapping (--mapping)';
}

/**
 * A money or number cell → a JSON number; empty → null. `decimal` is the export's decimal separator:
 * with `.`, `$1,200.50` and `1200.5`; with `,`, `€ 1.200,50` and `1 200,50`. `(1,200)` is negative.
 * A value whose only separator cannot be a thousands separator (`1200.50` with `,`) is read as decimal.
 *
 * A value whose reading depends on the convention is read as configured but comes with a warning, only
 * where a wrong reading is likely: the decimal separator followed by exactly three digits after at most
 * three (`2.000`, `€2.500` with `.`; `1,500` with `,`). Money is written with two decimals, so three mostly
 * mean a thousands group of the other convention. The opposite reading (`1,500` with `.`, `1.500` with
 * `,`) is the convention's own normal grouping and says nothing: warning there would flood every export.
 * `9225.225` or `0.125` cannot be grouping and are not warned about either.
 */
export function parseAmount(raw: string, decimal: '.' | ','): Normalized<number | null> {
  const input = raw.trim();
  if (input === '') return ok(null);
  const reason = (why: string) => fail<number | null>(`${quote(input)} is not a number (${why}).`);

  let text = input.replace(CURRENCY_SYMBOLS, ' ').trim();
  text = text.replace(CURRENCY_CODE, '').trim();

  let negative = false;
  const parenthesized = /^\((.*)\)$/.exec(text);
  if (parenthesized) {
    negative = true;
    text = (parenthesized[1] ?? '').trim().replace(CURRENCY_SYMBOLS, '').trim();
  }
  if (/^[+-]/.test(text)) {
    if (text.startsWith('-')) negative = !negative;
    text = text.slice(1).trim();
  } else if (/-$/.test(text)) {
    negative = !negative;
    text = text.slice(0, -1).trim();
  }
  text = text.replace(GROUP_SPACES, '');

  if (text === '') return reason('it has no digits');
  if (/e[+-]?\d/i.test(text)) {
    return reason('it is in scientific notation, probably rewritten by Excel; export the original value');
  }
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) {
    return reason('it has letters or symbols besides a currency; write it like 1200.50');
  }

  let separator = decimal;
  const group = decimal === '.' ? ',' : '.';
  // "1200.50" in a `,` export (or "1200,5" in a `.` export): a lone separator not followed by exactly 3
  // digits cannot be grouping, so it must be the decimal point.
  if (!text.includes(decimal)) {
    const parts = text.split(group);
    if (parts.length === 2 && (parts[1] ?? '').length !== 3) separator = group;
  }
  const groupChar = separator === '.' ? ',' : '.';

  const sides = text.split(separator);
  if (sides.length > 2) {
    return reason(`it has more than one decimal separator "${separator}"; ${otherDecimal(decimal)}`);
  }
  const [integerRaw = '', fractionRaw = ''] = sides;
  if (integerRaw.includes(groupChar) && !/^\d{1,3}(?:[.,]\d{3})+$/.test(integerRaw)) {
    return reason(`its thousands separators "${groupChar}" are misplaced; ${otherDecimal(decimal)}`);
  }
  if (fractionRaw.includes(groupChar)) {
    return reason(`it has a thousands separator after the decimal separator; ${otherDecimal(decimal)}`);
  }
  const integer = integerRaw.replaceAll(groupChar, '').replace(/^0+(?=\d)/, '') || '0';
  const fraction = fractionRaw.replace(/0+$/, '');

  if (integer.length > MAX_INTEGER_DIGITS) {
    return fail(
      `${quote(input)} is too large: Clarify stores at most ${MAX_INTEGER_DIGITS} digits before the decimal point.`,
    );
  }
  if (fraction.length > MAX_FRACTION_DIGITS) {
    return fail(
      `${quote(input)} has more than ${MAX_FRACTION_DIGITS} decimal places, which Clarify cannot store; round it in the export.`,
    );
  }
  const number = Number(fraction === '' ? integer : `${integer}.${fraction}`);
  const value = negative && number !== 0 ? -number : number;
  if (separator === decimal && THREE_DECIMALS[decimal].test(text)) {
    const other = (negative ? -1 : 1) * Number(integerRaw + fractionRaw);
    return okButWarn(
      value,
      `${quote(input)} was read as ${value}, with "${decimal}" as the decimal separator; if it means ${other}, set options.decimal: "${decimal === '.' ? ',' : '.'}" in the mapping (--mapping).`,
    );
  }
  return ok(value);
}
