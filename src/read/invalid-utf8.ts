import type { Issue } from '../core/issues.js';

/** Lines reported one by one; the rest are counted in one summary, so a badly damaged file stays readable. */
const MAX_LINES_REPORTED = 20;
const REPLACEMENT = '\uFFFD';

/**
 * Reports the lines of a mostly-UTF-8 file that held invalid bytes, now U+FFFD (Buffer's UTF-8 decoding, used by
 * csv-parse, replaces them). Only used for a file whose sniffing counted such bytes, so a clean file pays nothing.
 */
export class InvalidUtf8Notes {
  private lines = 0;

  constructor(
    private readonly path: string,
    private readonly bytes: number,
    private readonly report: (issue: Issue) => void,
  ) {}

  check(cells: string[], line: number, headers: string[] | undefined): void {
    const index = cells.findIndex((cell) => cell.includes(REPLACEMENT));
    if (index === -1) return;
    this.lines++;
    if (this.lines > MAX_LINES_REPORTED) return;
    const name = headers?.[index];
    const value = cells[index]!;
    this.report({
      code: 'CSV_INVALID_UTF8',
      severity: 'warning',
      file: this.path,
      line,
      column: index + 1,
      value: value.length > 200 ? `${value.slice(0, 200)}…` : value,
      message: `column ${index + 1}${name ? ` ("${name}")` : ''} on line ${line} holds bytes that are not valid UTF-8 (the rest of the file is UTF-8); each was read as "${REPLACEMENT}". Correct the value in your CRM or the file, or export the file again as UTF-8`,
    });
  }

  /** After the last row: the lines not reported one by one. */
  finish(): void {
    const more = this.lines - MAX_LINES_REPORTED;
    if (more <= 0) return;
    this.report({
      code: 'CSV_INVALID_UTF8',
      severity: 'warning',
      file: this.path,
      message: `${more} more line${more === 1 ? '' : 's'} (${this.lines} in all) hold bytes that are not valid UTF-8 (${this.bytes} such bytes in the file), each read as "${REPLACEMENT}"; only the first ${MAX_LINES_REPORTED} lines were reported. Export the file again as UTF-8`,
    });
  }
}
