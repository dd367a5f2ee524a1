/**
 * Characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) treat a cell as a formula.
 * OWASP "CSV injection": = + - @, and tab / carriage return, which some importers strip before parsing.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Characters that force RFC 4180 quoting. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell: a leading `'` when the value starts with a formula character, then RFC 4180 quoting.
 *
 * Every value starting with `-` or `+` is escaped, plain numbers such as `-12` or phone numbers such as
 * `+1 555 0100` included: the reports are for people to read, not for re-import, and a rule without
 * exceptions cannot be tricked (`-2+3` and `+cmd|' /C calc'!A0` are numbers to no one). The original value
 * is always the text after the leading `'`.
 */
export function escapeCsvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export function csvLine(cells: ReadonlyArray<string | number | undefined>): string {
  return `${cells.map((cell) => escapeCsvCell(cell === undefined ? '' : String(cell))).join(',')}\r\n`;
}
