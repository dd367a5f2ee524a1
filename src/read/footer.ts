/**
 * Salesforce report exports end with a trailer that is not data (reference §2.5):
 * `"Grand Totals (12 records)"`, `"Confidential Information - Do Not Distribute"`,
 * `"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."`, separated by blank lines.
 */
const FOOTER_TEXT = [
  /^Grand Totals? \(\s*[\d.,\s]+ records?\s*\)$/i,
  /^Confidential Information - Do Not Distribute$/i,
  /^Copyright \(c\) [\d\s-]+ salesforce\.com, inc\. All rights reserved\.?$/i,
];

/** A record whose first cell is a report footer text and whose other cells are empty. */
export function isFooterRecord(cells: string[]): boolean {
  const first = cells[0]?.trim();
  if (!first || !FOOTER_TEXT.some((pattern) => pattern.test(first))) return false;
  for (let i = 1; i < cells.length; i++) if (cells[i]!.trim() !== '') return false;
  return true;
}

/** A record with no content: a blank line (one empty cell) or only delimiters and whitespace. */
export function isEmptyRecord(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}
