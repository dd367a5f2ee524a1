import { badRequest } from '../errors.js';
import type { ObjectDef } from '../schema/fields.js';
import type { StoredRecord } from '../store/records.js';
import { fieldFor, fieldValue } from './filters.js';

export interface Sort {
  column: string;
  descending: boolean;
}

/** `sortOrder[column]` + `sortOrder[dir]` (ASC|DESC); undefined when the default order applies. */
export function parseSort(def: ObjectDef, params: URLSearchParams): Sort | undefined {
  const column = params.get('sortOrder[column]');
  const dir = params.get('sortOrder[dir]');
  if (dir !== null && !/^(asc|desc)$/i.test(dir)) throw badRequest('sortOrder[dir] must be ASC or DESC');
  if (column === null)
    return dir === null ? undefined : { column: '_created_at', descending: /^desc$/i.test(dir) };
  const field = fieldFor(def, column);
  if (!field || field.kind === 'to_many')
    throw badRequest(`Cannot sort ${def.name} by ${JSON.stringify(column)}`);
  return { column: field.name, descending: dir !== null && /^desc$/i.test(dir) };
}

function sortKey(value: unknown): string | number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'object') {
    const first = (value as { items?: string[] }).items?.[0];
    return first === undefined ? undefined : first.toLowerCase();
  }
  return String(value);
}

/** Sorts in place; empty values go last, ties keep creation order so pages are stable. */
export function sortRecords(records: StoredRecord[], sort: Sort): void {
  const sign = sort.descending ? -1 : 1;
  if (sort.column === '_created_at') {
    records.sort((a, b) => sign * (a.seq - b.seq));
    return;
  }
  records.sort((a, b) => {
    const x = sortKey(fieldValue(a, sort.column));
    const y = sortKey(fieldValue(b, sort.column));
    if (x === undefined || y === undefined) {
      if (x === y) return a.seq - b.seq;
      return x === undefined ? 1 : -1;
    }
    const order = x < y ? -1 : x > y ? 1 : 0;
    return order === 0 ? a.seq - b.seq : sign * order;
  });
}
