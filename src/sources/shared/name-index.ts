import { collapseWhitespace } from '../../core/whitespace.js';

/**
 * Resolves links that exports make by display name (Pipedrive, generic `company_by: name`):
 * exact (trimmed, case-sensitive) first, then case-insensitive only when that is unique.
 * A name shared by several records is never guessed.
 */
export type NameResolution =
  | { kind: 'found'; id: string }
  | { kind: 'missing' }
  | { kind: 'ambiguous'; candidates: string[] };

function exactKey(name: string): string {
  return collapseWhitespace(name.normalize('NFC')).trim();
}

export class NameIndex {
  private readonly exact = new Map<string, string[]>();
  private readonly folded = new Map<string, string[]>();

  add(name: string, id: string): void {
    const key = exactKey(name);
    if (key === '') return;
    push(this.exact, key, id);
    push(this.folded, key.toLowerCase(), id);
  }

  resolve(name: string): NameResolution {
    const key = exactKey(name);
    if (key === '') return { kind: 'missing' };
    const exact = this.exact.get(key);
    if (exact && exact.length === 1) return { kind: 'found', id: exact[0]! };
    if (exact && exact.length > 1) return { kind: 'ambiguous', candidates: exact };
    const folded = this.folded.get(key.toLowerCase());
    if (folded && folded.length === 1) return { kind: 'found', id: folded[0]! };
    if (folded && folded.length > 1) return { kind: 'ambiguous', candidates: folded };
    return { kind: 'missing' };
  }
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const ids = map.get(key);
  if (!ids) map.set(key, [id]);
  else if (!ids.includes(id)) ids.push(id);
}
