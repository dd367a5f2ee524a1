/**
 * What can be read of a record csv-parse gave up on (a quote that is never closed): the cells before the
 * broken one, the broken cell's text, and where its opening quote is. Mirrors csv-parse's rules with
 * `relax_quotes`: a quote opens a quoted cell only at the start of a cell; `""` inside is a quote.
 */
export interface BrokenRecord {
  cells: string[];
  /** Index in `text` of the quote that is never closed, if one was found. */
  openQuoteAt: number | undefined;
  /** 0-based cell index of that quote. */
  openQuoteCell: number;
}

export function scanBrokenRecord(text: string, delimiter: string): BrokenRecord {
  let cells: string[] = [];
  let i = 0;
  const n = text.length;
  while (i <= n) {
    let cell = '';
    if (text[i] === '"') {
      let j = i + 1;
      for (;;) {
        const close = text.indexOf('"', j);
        if (close === -1) {
          cell += text.slice(j);
          cells.push(cell);
          return { cells, openQuoteAt: i, openQuoteCell: cells.length - 1 };
        }
        cell += text.slice(j, close);
        if (text[close + 1] === '"') {
          cell += '"';
          j = close + 2;
          continue;
        }
        j = close + 1;
        break;
      }
      i = j;
    }
    // Unquoted part (or what follows a closing quote): up to the delimiter or the end of the line.
    let j = i;
    while (j < n && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') j++;
    cell += text.slice(i, j);
    cells.push(cell);
    if (j >= n) break;
    if (text[j] === delimiter) {
      i = j + 1;
      continue;
    }
    // End of a record that did parse: the broken one is further on.
    i = text[j] === '\r' && text[j + 1] === '\n' ? j + 2 : j + 1;
    if (i >= n) break;
    cells = [];
  }
  return { cells, openQuoteAt: undefined, openQuoteCell: cells.length };
}
