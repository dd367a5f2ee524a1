import { badRequest } from '../errors.js';
import type { StoredRecord } from '../store/records.js';
import { normalizeKeyValue } from '../write/unique-keys.js';
import type { Workspace } from '../write/workspace.js';
import { type Filter, matches, parseFilters } from './filters.js';
import { parseSort, sortRecords } from './sort.js';

export interface ListRequest {
  object: string;
  /** Path of the request, e.g. `/v1/workspaces/demo/objects/person/resources`. */
  path: string;
  /** The raw query string (without `?`), kept so next/prev links keep every filter. */
  search: string;
  /** Origin for links, e.g. `http://127.0.0.1:4010`. */
  origin: string;
  maxLimit: number;
  foldUniqueText: boolean;
}

export interface ListPage {
  records: StoredRecord[];
  meta: { total_records: number; total_pages: number; offset: number; limit: number };
  links: { next: string | null; prev: string | null };
}

function nonNegativeInt(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw badRequest(`${name} must be a non-negative integer`);
  return Number(raw);
}

/**
 * Records that can only match through a unique key (`email_addresses Contains x`, `name Is x`,
 * `_id Is x`): looked up in the unique_keys index instead of scanning the table.
 */
function indexedCandidates(ws: Workspace, object: string, filters: Filter[], fold: boolean) {
  const def = ws.def(object);
  for (const filter of filters) {
    const { field, op } = filter;
    const lookup = op === 'Is' || op === 'One of' || (op === 'Contains' && field.kind === 'collection');
    if (!lookup) continue;
    const values = op === 'One of' ? filter.value.split(',').map((v) => v.trim()) : [filter.value];
    if (field.name === '_id') {
      return values.map((id) => ws.records.get(object, id)).filter((r): r is StoredRecord => r !== undefined);
    }
    if (!def.uniqueFields.includes(field.name)) continue;
    const ids = new Set<string>();
    for (const value of values) {
      const key = { field: field.name, value: normalizeKeyValue(def, field.name, value, fold) };
      const owner = ws.records.keyOwner(object, key);
      if (owner) ids.add(owner);
    }
    return [...ids].map((id) => ws.records.get(object, id)!).sort((a, b) => a.seq - b.seq);
  }
  return undefined;
}

function link(request: ListRequest, params: URLSearchParams, offset: number): string {
  const pairs: string[] = [];
  let placed = false;
  for (const [key, value] of params) {
    if (key === 'page[offset]') {
      if (placed) continue;
      placed = true;
      pairs.push(`${encodeURIComponent(key)}=${offset}`);
    } else {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    }
  }
  if (!placed) pairs.push(`${encodeURIComponent('page[offset]')}=${offset}`);
  return `${request.origin}${request.path}?${pairs.join('&')}`;
}

/** `GET /objects/{o}/resources`: filters, sort, offset pagination and next/prev links. */
export function listRecords(ws: Workspace, request: ListRequest): ListPage {
  const def = ws.def(request.object);
  const params = new URLSearchParams(request.search);
  const limit = nonNegativeInt(params, 'page[limit]', 25);
  if (limit < 1 || limit > request.maxLimit)
    throw badRequest(`page[limit] must be between 1 and ${request.maxLimit}`);
  const offset = nonNegativeInt(params, 'page[offset]', 0);
  const filters = parseFilters(def, [...params]);
  const sort = parseSort(def, params);

  let total: number;
  let records: StoredRecord[];
  const defaultOrder = sort === undefined || sort.column === '_created_at';
  if (filters.length === 0 && defaultOrder) {
    total = ws.records.count(request.object);
    records = ws.records.page(request.object, limit, offset, sort?.descending ?? false);
  } else {
    const candidates =
      indexedCandidates(ws, request.object, filters, request.foldUniqueText) ??
      ws.records.all(request.object);
    const matching = candidates.filter((r) => filters.every((f) => matches(f, r, request.foldUniqueText)));
    if (sort) sortRecords(matching, sort);
    total = matching.length;
    records = matching.slice(offset, offset + limit);
  }
  const hasNext = offset + limit < total;
  return {
    records,
    meta: { total_records: total, total_pages: Math.ceil(total / limit), offset, limit },
    links: {
      next: hasNext ? link(request, params, offset + limit) : null,
      prev: offset > 0 ? link(request, params, Math.max(0, offset - limit)) : null,
    },
  };
}
