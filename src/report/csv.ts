/**
 * Characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) treat a cell as a formula.
 * OWASP "CSV injection": = + - @, and tab / carriage return, which some importers strip before parsing.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Characters that force RFC 4180 quoting. */
const NEEDS_QUOTES = /[",\r\n]/;

/** Either of the two above: one test answers for the plain cells, nearly all of them. */
const NEEDS_ESCAPING = new RegExp(`${FORMULA_START.source}|${NEEDS_QUOTES.source}`);

/**
 * One CSV cell: a leading `'` when the value starts with a formula character, then RFC 4180 quoting.
 *
 * Every value starting with `-` or `+` is escaped, plain numbers such as `-12` or phone numbers such as
 * `+1 555 0100` included: the reports are for people to read, not for re-import, and a rule without
 * exceptions cannot be tricked (`-2+3` and `+cmd|' /C calc'!A0` are numbers to no one). The original value
 * is always the text after the leading `'`.
 */
export function escapeCsvCell(value: string): string {
  if (!NEEDS_ESCAPING.test(value)) return value;
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export function csvLine(cells: ReadonlyArray<string | number | undefined>): string {
  // A loop rather than map and join: the reports write a line for each of a million rows.
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (i > 0) line += ',';
    if (cell !== undefined)
      line += typeof cell === 'number' ? escapeCsvCell(String(cell)) : escapeCsvCell(cell);
  }
  return `${line}\r\n`;
}
