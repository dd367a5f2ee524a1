/** A number or phone number written with a sign or a `+country` prefix: `-12.5`, `+1 (555) 123-4567`. */
const SIGNED_NUMBER = /^[+-]\s*\(?\d[\d\s().,/-]*$/;

/**
 * True when a spreadsheet would run the value as a formula (it starts with `= + - @`, after leading
 * whitespace) and it is not simply a signed number or a phone number.
 */
export function looksLikeFormula(value: string): boolean {
  const text = value.replace(/^[\s\u00a0]+/, '');
  const first = text[0];
  if (first === '=' || first === '@') return true;
  if (first !== '+' && first !== '-') return false;
  if (/^[+-]+$/.test(text.trimEnd())) return false;
  return !SIGNED_NUMBER.test(text.trimEnd());
}
