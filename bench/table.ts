/** A plain-text table: first column left-aligned, the others right-aligned (or all left with `leftAll`). */
export function table(headers: string[], rows: (string | number)[][], leftAll = false): string {
  const cells = [headers, ...rows.map((row) => row.map((cell) => String(cell)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 || leftAll ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
}

/** 12345 → "12,345". */
export function n(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : Math.round(value).toLocaleString('en-US');
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(0)}%`;
}

export function verdict(ok: boolean): string {
  return ok ? 'meets' : 'MISSES';
}
