import { type CountryCode, getCountries, isSupportedCountry } from 'libphonenumber-js';

/**
 * A country as exports write it in an address column (`United States`, `Deutschland`, `UK`, `us`) → its
 * ISO code, or undefined when it names no country the phone library knows. Used as the default region of
 * the row's phone numbers, so that `(415) 555-0101` beside `United States` becomes E.164.
 */
export function countryCode(text: string): CountryCode | undefined {
  // A column of a million rows holds a handful of spellings: each is worked out once.
  const known = seen.get(text);
  if (known !== undefined || seen.has(text)) return known;
  const code = lookUp(text);
  if (seen.size < SEEN_MAX) seen.set(text, code);
  return code;
}

/** Spellings already looked up (undefined: not a country), up to SEEN_MAX of them. */
const seen = new Map<string, CountryCode | undefined>();
const SEEN_MAX = 10_000;

function lookUp(text: string): CountryCode | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 2) {
    const upper = trimmed.toUpperCase();
    if (isSupportedCountry(upper)) return upper;
  }
  return names().get(nameKey(trimmed));
}

/** The languages whose country names are recognised: those the CRMs export in (HubSpot labels, Salesforce locales). */
const LOCALES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'];

/** Common spellings the ICU names do not cover. */
const ALIASES: Record<string, CountryCode> = {
  usa: 'US',
  us: 'US',
  unitedstatesofamerica: 'US',
  america: 'US',
  uk: 'GB',
  gbr: 'GB',
  greatbritain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  northernireland: 'GB',
  deu: 'DE',
  holland: 'NL',
  thenetherlands: 'NL',
  korea: 'KR',
  republicofkorea: 'KR',
  czechrepublic: 'CZ',
  russia: 'RU',
  uae: 'AE',
};

/** Lower case, no accents, letters only: `Côte d’Ivoire` and `cote d'ivoire` are one key. */
function nameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

let table: Map<string, CountryCode> | undefined;

/** Built on first use (a few milliseconds), so a plan whose rows name no country pays nothing. */
function names(): Map<string, CountryCode> {
  if (table) return table;
  table = new Map(Object.entries(ALIASES));
  for (const locale of LOCALES) {
    const display = new Intl.DisplayNames([locale], { type: 'region' });
    for (const code of getCountries()) {
      const name = display.of(code);
      if (name && name !== code && !table.has(nameKey(name))) table.set(nameKey(name), code);
    }
  }
  return table;
}
