import type { Issue } from '../core/issues.js';

/** Cells reported one by one; more are counted in one summary. */
const MAX_REPORTED = 20;
const BREAK = /\r\n|\n|\r/;

/**
 * Flags quoted cells that run over several lines which look like whole rows of the file: the usual trace of a
 * pair of stray quotes (`702,"N2,…` … `712,N12",…`), which RFC 4180 reads as one cell holding the rows between.
 * The file is valid, so the row is read as written; the warning says where to look, so nothing is lost
 * silently. Only records that span several lines are checked (the reader sees that from the line numbers it
 * already keeps), so ordinary rows cost nothing.
 */
export class SpanningCells {
  private found = 0;

  constructor(
    private readonly path: string,
    private readonly delimiter: string,
    private readonly report: (issue: Issue) => void,
  ) {}

  /** `cells`, read from `line` on, came from a record that spanned several lines. */
  check(cells: string[], line: number, headers: string[]): void {
    // A line of a cell looks like a row when it holds as many delimiters as a row of this file; with fewer than
    // three columns, prose would look like rows too.
    const needed = headers.length - 1;
    if (needed < 2) return;
    let cellLine = line;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]!;
      if (cell.indexOf('\n') === -1 && cell.indexOf('\r') === -1) continue;
      const lines = cell.split(BREAK);
      const rowLike = lines.filter((text, i) => i > 0 && count(text, this.delimiter) >= needed);
      if (rowLike.length > 0) this.flag(c, cellLine, lines, rowLike, headers);
      cellLine += lines.length - 1;
    }
  }

  /** After the last row: the cells not reported one by one. */
  finish(): void {
    const more = this.found - MAX_REPORTED;
    if (more <= 0) return;
    this.report({
      code: 'CSV_CELL_SPANS_ROWS',
      severity: 'warning',
      file: this.path,
      message: `${more} more quoted cell${more === 1 ? '' : 's'} (${this.found} in all) run over lines that look like whole rows; only the first ${MAX_REPORTED} were reported. Check the quotes in the file`,
    });
  }

  private flag(cell: number, line: number, lines: string[], rowLike: string[], headers: string[]): void {
    this.found++;
    if (this.found > MAX_REPORTED) return;
    const name = headers[cell];
    const last = line + lines.length - 1;
    const example = rowLike[0]!.length > 80 ? `${rowLike[0]!.slice(0, 80)}…` : rowLike[0]!;
    this.report({
      code: 'CSV_CELL_SPANS_ROWS',
      severity: 'warning',
      file: this.path,
      line,
      column: cell + 1,
      message: `the quoted cell in column ${cell + 1}${name ? ` ("${name}")` : ''} that opens on line ${line} runs to line ${last}, and ${rowLike.length} of its lines look like whole rows (such as "${example}"): a stray quote on line ${line} and another on line ${last} probably made those rows one cell. The rows were read as the file is written (as one row); if they are separate rows, remove the stray quotes and import again`,
    });
  }
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}
