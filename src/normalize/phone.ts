import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Numbers already normalized, by country and text. Parsing a number costs libphonenumber a dozen regular
 * expressions, and exports repeat numbers a lot (a company's switchboard on every contact of it). Bounded:
 * emptied when full, so memory stays flat on a million-row file.
 */
const memo = new Map<string, string>();
const MEMO_LIMIT = 50_000;

/**
 * A phone number → E.164 (`+14155552671`) when its country is known (written with `+`/`00`, or from
 * `defaultCountry`) and the number is valid for that country; otherwise the trimmed original, so nothing
 * is lost. A number with an extension is kept as written, because E.164 cannot hold the extension.
 */
export function normalizePhone(raw: string, defaultCountry?: string): string {
  const trimmed = raw.trim();
  if (trimmed === '') return '';
  const country = defaultCountry?.trim().toUpperCase();
  const known = country !== undefined && isSupportedCountry(country) ? (country as CountryCode) : undefined;
  // Without a country, only an international number (+… or 00…) can become E.164; asking the library
  // anyway costs an exception per number on a large export.
  if (!known && !/^\s*(\+|00)/.test(trimmed)) return trimmed;
  const key = `${known ?? ''}|${trimmed}`;
  let normalized = memo.get(key);
  if (normalized === undefined) {
    normalized = parse(trimmed, known);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, normalized);
  }
  return normalized;
}

function parse(trimmed: string, country: CountryCode | undefined): string {
  try {
    const parsed = parsePhoneNumberFromString(trimmed, country ? { defaultCountry: country } : {});
    if (!parsed?.isValid() || parsed.ext) return trimmed;
    return parsed.number;
  } catch {
    return trimmed;
  }
}
