import { fail, type Normalized, ok, quote } from './result.js';

/** Clarify stores numbers as DECIMAL(16,4): at most 12 digits before the point and 4 after. */
const MAX_INTEGER_DIGITS = 12;
const MAX_FRACTION_DIGITS = 4;

const CURRENCY_SYMBOLS = /[$€£¥₹₽₩₪₫₴₦₱฿₺¢]/g;
/** ISO 4217-style codes and common written forms before or after the number: `USD 100`, `100 EUR`, `CHF`. */
const CURRENCY_CODE = /^[a-z]{3}\.?(?=[\s\d(+-]|$)|(?<=[\d\s)])[a-z]{3}$/i;
const GROUP_SPACES = /[\s\u00a0\u202f']/g;

/**
 * A money or number cell → a JSON number; empty → null. `decimal` is the export's decimal separator:
 * with `.`, `$1,200.50` and `1200.5`; with `,`, `€ 1.200,50` and `1 200,50`. `(1,200)` is negative.
 * A value whose only separator cannot be a thousands separator (`1200.50` with `,`) is read as decimal.
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
  if (sides.length > 2) return reason(`it has more than one decimal separator "${separator}"`);
  const [integerRaw = '', fractionRaw = ''] = sides;
  if (integerRaw.includes(groupChar) && !/^\d{1,3}(?:[.,]\d{3})+$/.test(integerRaw)) {
    return reason(
      `its thousands separators "${groupChar}" are misplaced; check the decimal setting of the mapping`,
    );
  }
  if (fractionRaw.includes(groupChar))
    return reason('it has a thousands separator after the decimal separator');
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
  const value = Number(fraction === '' ? integer : `${integer}.${fraction}`);
  return ok(negative && value !== 0 ? -value : value);
}
