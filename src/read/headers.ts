import type { Issue } from '../core/issues.js';

export interface CleanHeaders {
  headers: string[];
  /** 0-based positions of columns whose header was blank (named `Column N`). */
  blank: number[];
  /** CSV_DUPLICATE_HEADER warnings. */
  issues: Issue[];
}

/**
 * Header names as users and mappings refer to them: BOM removed, trimmed, NFC-normalized (so `é` typed on a Mac
 * matches `é` exported from Windows), blanks named `Column N`, repeats named `Name (2)`, `Name (3)`...
 */
export function cleanHeaders(cells: string[], file: string, line: number): CleanHeaders {
  const headers: string[] = [];
  const blank: number[] = [];
  const issues: Issue[] = [];
  const firstColumn = new Map<string, number>();
  const taken = new Set<string>();
  const names = cells.map((cell, index) => {
    const name = cell
      .replace(/\uFEFF/g, '')
      .trim()
      .normalize('NFC');
    if (name !== '') return name;
    blank.push(index);
    return `Column ${index + 1}`;
  });
  for (const name of names) taken.add(name);
  names.forEach((name, index) => {
    const first = firstColumn.get(name);
    if (first === undefined) {
      firstColumn.set(name, index + 1);
      headers.push(name);
      return;
    }
    let n = 2;
    while (taken.has(`${name} (${n})`)) n++;
    const renamed = `${name} (${n})`;
    taken.add(renamed);
    headers.push(renamed);
    issues.push({
      code: 'CSV_DUPLICATE_HEADER',
      severity: 'warning',
      file,
      line,
      column: index + 1,
      value: name,
      message: `Column ${index + 1} repeats the header "${name}" of column ${first}; it is read as "${renamed}". Rename one of them in the export, or map "${renamed}" if you need its values.`,
    });
  });
  return { headers, blank, issues };
}
