import { badRequest, invalid } from '../errors.js';
import type { CreateItem, UpdateItem } from '../write/workspace.js';

/** Shape checks of request bodies; attribute-level rules live in write/attributes.ts. */
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function objectBody(body: unknown): Json {
  if (!isObject(body)) throw badRequest('Request body must be a JSON object', '');
  return body;
}

function checkType(entry: Json, object: string, pointer: string): void {
  if (entry.type !== undefined && entry.type !== object) {
    throw invalid(`type must be ${JSON.stringify(object)}`, `${pointer}/type`);
  }
}

function createItem(entry: unknown, object: string, pointer: string): CreateItem {
  if (!isObject(entry)) throw badRequest('Each resource must be an object {type, attributes}', pointer);
  if (entry.id !== undefined) throw invalid('id must not be sent when creating a record', `${pointer}/id`);
  checkType(entry, object, pointer);
  if (entry.relationships !== undefined) {
    throw invalid(
      'relationships cannot be set on create; use the relationships endpoint',
      `${pointer}/relationships`,
    );
  }
  return { attributes: entry.attributes, pointer };
}

export function matchOnOf(body: Json): string | undefined {
  if (body.match_on === undefined) return undefined;
  if (typeof body.match_on !== 'string') throw badRequest('match_on must be a field name', '/match_on');
  return body.match_on;
}

export function singleCreate(body: unknown, object: string): CreateItem {
  const data = objectBody(body).data;
  if (!isObject(data)) throw badRequest('data must be an object {type, attributes}', '/data');
  return createItem(data, object, '/data');
}

function bulkArray(body: unknown, maxBulk: number): unknown[] {
  const data = objectBody(body).data;
  if (!Array.isArray(data)) throw badRequest('data must be an array of resources', '/data');
  if (data.length === 0) throw badRequest('data must not be empty', '/data');
  if (data.length > maxBulk)
    throw badRequest(`At most ${maxBulk} records per bulk request, got ${data.length}`, '/data');
  return data;
}

export function bulkCreate(body: unknown, object: string, maxBulk: number): CreateItem[] {
  return bulkArray(body, maxBulk).map((entry, i) => createItem(entry, object, `/data/${i}`));
}

function updateItem(entry: unknown, object: string, pointer: string, pathId?: string): UpdateItem {
  if (!isObject(entry)) throw badRequest('Each resource must be an object {id, type, attributes}', pointer);
  checkType(entry, object, pointer);
  const id = entry.id ?? pathId;
  if (typeof id !== 'string' || id === '') throw invalid('id is required', `${pointer}/id`);
  if (pathId !== undefined && id !== pathId) throw invalid('id does not match the URL', `${pointer}/id`);
  if (entry.attributes === undefined) throw invalid('attributes are required', `${pointer}/attributes`);
  return { id, attributes: entry.attributes, pointer };
}

export function singleUpdate(body: unknown, object: string, id: string): UpdateItem {
  const data = objectBody(body).data;
  if (!isObject(data)) throw badRequest('data must be an object {id, type, attributes}', '/data');
  return updateItem(data, object, '/data', id);
}

export function bulkUpdate(body: unknown, object: string, maxBulk: number): UpdateItem[] {
  return bulkArray(body, maxBulk).map((entry, i) => updateItem(entry, object, `/data/${i}`));
}

export function bulkDeleteIds(body: unknown, maxBulk: number): string[] {
  const items = objectBody(body).items;
  if (!Array.isArray(items) || items.length === 0)
    throw badRequest('items must be a non-empty array of ids', '/items');
  if (items.length > maxBulk)
    throw badRequest(`At most ${maxBulk} ids per bulk delete, got ${items.length}`, '/items');
  return items.map((id, i) => {
    if (typeof id !== 'string') throw badRequest('items must be record ids', `/items/${i}`);
    return id;
  });
}
