/**
 * The shape of an issue message with its row-specific parts blanked out, so that
 * `Email "ann@x" is invalid` and `Email "bob@y" is invalid` fall into one failure group.
 */
export function messagePattern(message: string): string {
  return (
    message
      .replace(/"[^"]*"|“[^”]*”|'[^'\s][^']*'|`[^`]*`/g, (quoted) => `${quoted[0]}…${quoted.at(-1)}`)
      .replace(/\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, '…')
      .replace(/\b(https?:\/\/)\S+/g, '…')
      // Long numbers (ids, amounts, dates) vary per row; short ones (HTTP status, limits) say what went wrong.
      .replace(/\d+([.,:/-]\d+)+|\d{4,}/g, '#')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
