/** Cuts a string to `max` characters with an ellipsis, so that a huge cell cannot bloat the HTML report. */
export function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** The first non-empty cells of a raw row, each cut short: enough to recognise the row in the export. */
export function compactValues(
  raw: Record<string, string>,
  maxFields = 8,
  maxChars = 80,
): Array<[string, string]> {
  const cells: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value.trim() === '') continue;
    cells.push([truncate(key, 40), truncate(value, maxChars)]);
    if (cells.length >= maxFields) break;
  }
  return cells;
}
