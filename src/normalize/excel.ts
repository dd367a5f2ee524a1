/**
 * True for a value Excel rewrote in scientific notation when the export was re-saved: a long id or phone
 * number shown as `1.23457E+10` has lost its digits and cannot be recovered from the file.
 */
export function looksExcelMangled(value: string): boolean {
  return /^\s*-?\d(?:[.,]\d+)?e\+?\d{1,3}\s*$/i.test(value);
}
