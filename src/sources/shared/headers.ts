/**
 * Header matching. Exports are written by people and by localized UIs: compare headers after
 * Unicode NFC, whitespace collapsing, straightening of curly apostrophes and lower-casing.
 */
const folded = new Map<string, string>();

export function headerKey(header: string): string {
  // Adapters look columns up on every row; the headers and column names are few, so fold each once.
  let key = folded.get(header);
  if (key === undefined) {
    key = header
      .normalize('NFC')
      .replace(/^\uFEFF/, '')
      .replace(/[\u2018\u2019\u02BC]/g, "'")
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
    folded.set(header, key);
  }
  return key;
}

export { baseName } from '../../core/base-name.js';

/** Finds a file's actual header for any of the given keys (already `headerKey`-normalized). */
export class HeaderIndex {
  private readonly byKey = new Map<string, string>();

  constructor(
    readonly headers: string[],
    canon: (key: string) => string = (key) => key,
  ) {
    for (const header of headers) {
      const key = canon(headerKey(header));
      if (!this.byKey.has(key)) this.byKey.set(key, header);
    }
  }

  /** The first header present among `keys`. */
  find(...keys: string[]): string | undefined {
    for (const key of keys) {
      const header = this.byKey.get(key);
      if (header !== undefined) return header;
    }
    return undefined;
  }

  has(...keys: string[]): boolean {
    return this.find(...keys) !== undefined;
  }
}

/** A trimmed cell value, '' when the column is absent. */
export function cell(values: Record<string, string>, header: string | undefined): string {
  if (header === undefined) return '';
  return (values[header] ?? '').trim();
}
