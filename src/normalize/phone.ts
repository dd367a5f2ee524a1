import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

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
  try {
    const parsed = parsePhoneNumberFromString(trimmed, known ? { defaultCountry: known } : {});
    if (!parsed?.isValid() || parsed.ext) return trimmed;
    return parsed.number;
  } catch {
    return trimmed;
  }
}
