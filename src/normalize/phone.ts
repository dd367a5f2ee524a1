import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { fail, type Normalized, ok, quote } from './result.js';

/**
 * Numbers already normalized, by country and text. Parsing a number costs libphonenumber a dozen regular
 * expressions, and exports repeat numbers a lot (a company's switchboard on every contact of it). Bounded:
 * emptied when full, so memory stays flat on a million-row file.
 */
const memo = new Map<string, Normalized<string>>();
const MEMO_LIMIT = 50_000;

/**
 * What Clarify takes as a phone number (the sandbox enforces the same): an optional leading `+`, then digits,
 * spaces, `( ) . -` and `x` before an extension, with 3 to 20 digits. Anything else is rejected with a 422
 * that fails the whole person, so it must be caught here.
 */
const ACCEPTED = /^\+?[0-9 ().\-x]+$/;
/** The common accepted shape, `(415) 555-0101` and the like, checked digits and all by one expression. */
const PLAIN = /^\+?(?:[ ().-]*\d){3,20}[ ().-]*$/;
const MIN_DIGITS = 3;
const MAX_DIGITS = 20;
/** An extension at the end, as exports write it: `ext. 12`, `extension 12`, `x12`, `#12`. */
const SEPARATORS = /[/\u2010-\u2015]/g;
const EXTENSION = /\s*(?:ext(?:ension)?\.?|x|#)\s*(\d{1,8})$/i;

/**
 * A phone number → E.164 (`+14155552671`, an extension as ` x12`) when its country is known (written with
 * `+` or `00`, or from `defaultCountry`) and the number is valid for that country. Otherwise the number as
 * written, when Clarify accepts that shape (`555-0101`, `(415) 555-0101` without a country); otherwise a
 * failure that says why (`call me`, `12`), so that the value is dropped and reported instead of failing
 * the person at run time.
 */
export function normalizePhone(raw: string, defaultCountry?: string): Normalized<string> {
  const trimmed = raw.trim();
  if (trimmed === '') return fail('the phone number is empty.');
  const country = defaultCountry?.trim().toUpperCase();
  const known = country !== undefined && isSupportedCountry(country) ? (country as CountryCode) : undefined;
  // Without a country, only an international number (+… or 00…) can become E.164; asking the library
  // anyway costs an exception per number on a large export.
  if (!known && !/^(\+|00)/.test(trimmed)) return asWritten(trimmed);
  const key = `${known ?? ''}|${trimmed}`;
  let normalized = memo.get(key);
  if (normalized === undefined) {
    normalized = parse(trimmed, known) ?? asWritten(trimmed);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, normalized);
  }
  return normalized;
}

/** The E.164 form, or undefined when the library finds no valid number. */
function parse(trimmed: string, country: CountryCode | undefined): Normalized<string> | undefined {
  const found = e164(trimmed, country);
  if (found !== undefined) return found;
  // `00` is the international prefix nearly everywhere, but the library only knows it as such for a default
  // country whose prefix it is (not the US's 011, nor without a country): read it as `+` when the number
  // does not stand as written.
  return trimmed.startsWith('00') ? e164(`+${trimmed.slice(2)}`, country) : undefined;
}

function e164(text: string, country: CountryCode | undefined): Normalized<string> | undefined {
  try {
    const parsed = parsePhoneNumberFromString(text, country ? { defaultCountry: country } : {});
    if (!parsed?.isValid()) return undefined;
    return ok(parsed.ext ? `${parsed.number} x${parsed.ext}` : parsed.number);
  } catch {
    return undefined;
  }
}

/** A number left as written (no country, or not valid for it): sent only in a shape Clarify accepts. */
function asWritten(trimmed: string): Normalized<string> {
  // Most numbers of an export without a country end here: one regular expression answers them.
  if (PLAIN.test(trimmed)) return ok(trimmed);
  // An extension marker is the one place letters may stand; Clarify spells it `x`.
  const extension = EXTENSION.exec(trimmed);
  let value = extension ? `${trimmed.slice(0, extension.index)} x${extension[1]}` : trimmed;
  const digits = value.replace(/\D/g, '').length;
  if (digits >= MIN_DIGITS && digits <= MAX_DIGITS) {
    if (ACCEPTED.test(value)) return ok(value);
    // `030/1234567`, `415–555–0101`, a no-break space: separators Clarify does not take, written as it does.
    value = value.replace(SEPARATORS, '-').replace(/\s+/g, ' ');
    if (ACCEPTED.test(value)) return ok(value);
  }
  const why =
    digits === 0
      ? 'it has no digits'
      : /\p{L}/u.test(value.replace(/x\d+$/, ''))
        ? 'it has letters besides an extension marker'
        : digits < MIN_DIGITS
          ? `it has fewer than ${MIN_DIGITS} digits`
          : digits > MAX_DIGITS
            ? `it has more than ${MAX_DIGITS} digits; if it holds several numbers, separate them with ";"`
            : 'it has characters a phone number cannot have';
  return fail(
    `${quote(trimmed)} is not a phone number (${why}). Write it with digits, like +1 415 555 2671, or leave the cell empty.`,
  );
}
