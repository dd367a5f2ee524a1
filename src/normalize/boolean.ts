import { fail, type Normalized, ok, quote } from './result.js';

const TRUE = new Set(['1', 'true', 't', 'yes', 'y', 'on', 'x', 'checked', '✓', '✔', 'ja', 'oui', 'si', 'sí']);
const FALSE = new Set(['0', 'false', 'f', 'no', 'n', 'off', 'unchecked', 'nein', 'non']);

/** Checkbox values as CRMs export them (`1`/`0`, `true`/`false`, `yes`/`no`, `x`...); empty → null. */
export function parseBoolean(raw: string): Normalized<boolean | null> {
  const value = raw.trim().toLowerCase();
  if (value === '') return ok(null);
  if (TRUE.has(value)) return ok(true);
  if (FALSE.has(value)) return ok(false);
  return fail(`${quote(raw.trim())} is not a yes/no value; use true/false, yes/no or 1/0.`);
}
