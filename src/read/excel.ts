/**
 * Excel shows long numbers in scientific notation and, when a CSV is re-saved, writes them that way:
 * `12345678901` becomes `1.23457E+10` and the original id is gone for good.
 */
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?E\+\d{1,3}$/i;

/** True for values such as `1.23457E+10` or `4.5E+15`: an id or number that Excel rewrote in scientific notation. */
export function looksExcelMangled(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length <= 24 && SCIENTIFIC.test(trimmed);
}

/** Removes the ` (2)` the reader appends to a repeated header name. */
const DUPLICATE_SUFFIX = / \(\d+\)$/;
/** `Id`, `Record ID`, `Deal - ID`, `external_id`, `Associated Company IDs`... */
const SEPARATE_ID = /(?:^|[\s_\-.:/#])ids?$/i;
/** Salesforce API names: `AccountId`, `OwnerId`, `AccountID` (but not `Paid` or `Valid`). */
const CAMEL_ID = /[a-z0-9]I[dD]s?$/;

/** True when a (cleaned) header names a column of ids, where Excel's scientific notation means lost data. */
export function isIdHeader(header: string): boolean {
  const name = header.replace(DUPLICATE_SUFFIX, '').trim();
  return SEPARATE_ID.test(name) || CAMEL_ID.test(name);
}
