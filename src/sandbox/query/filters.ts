import { badRequest } from '../errors.js';
import type { Field, ObjectDef } from '../schema/fields.js';
import type { StoredRecord } from '../store/records.js';

/**
 * `filter[field]=v` and `filter[field][Operator]=v`, ANDed. Operator names are Clarify's words
 * (case-sensitive, spaces included); `Equals` and anything unknown are 400, as on the real API.
 * A bare value means `Is`. On collections, `Is`/`Contains` match a whole item, ignoring case.
 */
export type Operator =
  | 'Is'
  | 'Is not'
  | 'Contains'
  | 'Does not contain'
  | 'Starts with'
  | 'Ends with'
  | 'Is empty'
  | 'Is not empty'
  | 'Is set'
  | 'Is not set'
  | 'Greater than'
  | 'Greater than or equal'
  | 'Less than'
  | 'Less than or equal'
  | 'Is before'
  | 'Is after'
  | 'Is on or before'
  | 'Is on or after'
  | 'One of'
  | 'Not one of';

export interface Filter {
  field: Field;
  op: Operator;
  value: string;
}

const EMPTINESS: Operator[] = ['Is empty', 'Is not empty', 'Is set', 'Is not set'];
const EQUALITY: Operator[] = ['Is', 'Is not', 'One of', 'Not one of'];
const TEXTUAL: Operator[] = ['Contains', 'Does not contain', 'Starts with', 'Ends with'];
const ORDERING: Operator[] = ['Greater than', 'Greater than or equal', 'Less than', 'Less than or equal'];
const TEMPORAL: Operator[] = ['Is before', 'Is after', 'Is on or before', 'Is on or after'];

const ALLOWED: Record<Field['kind'], Operator[]> = {
  text: [...EMPTINESS, ...EQUALITY, ...TEXTUAL],
  readonly: [...EMPTINESS, ...EQUALITY, ...TEXTUAL, ...TEMPORAL, ...ORDERING],
  reference: [...EMPTINESS, ...EQUALITY],
  select: [...EMPTINESS, ...EQUALITY],
  multi_select: [...EMPTINESS, ...EQUALITY, 'Contains', 'Does not contain'],
  collection: [...EMPTINESS, ...EQUALITY, ...TEXTUAL],
  number: [...EMPTINESS, ...EQUALITY, ...ORDERING],
  date: [...EMPTINESS, ...EQUALITY, ...ORDERING, ...TEMPORAL],
  datetime: [...EMPTINESS, ...EQUALITY, ...ORDERING, ...TEMPORAL],
  boolean: [...EMPTINESS, 'Is', 'Is not'],
  to_many: [],
};
const ALL_OPERATORS = new Set<string>(Object.values(ALLOWED).flat());

/** System fields can be filtered and sorted like attributes; `id` is an alias of `_id`. */
export function fieldFor(def: ObjectDef, name: string): Field | undefined {
  if (name === 'id')
    return def.fields.get('_id') ?? { name: '_id', kind: 'readonly', nullable: false, unique: true };
  const field = def.fields.get(name);
  if (field) return field;
  if (name === '_id' || name === '_created_at' || name === '_updated_at') {
    return { name, kind: 'readonly', nullable: false, unique: name === '_id' };
  }
  return undefined;
}

export function parseFilters(def: ObjectDef, params: [string, string][]): Filter[] {
  const filters: Filter[] = [];
  for (const [key, value] of params) {
    if (!key.startsWith('filter')) continue;
    const match = /^filter\[([^\]]+)\](?:\[([^\]]+)\])?$/.exec(key);
    if (!match) throw badRequest(`Malformed filter parameter ${JSON.stringify(key)}`);
    const [, name, opName = 'Is'] = match;
    const field = fieldFor(def, name!);
    if (!field) throw badRequest(`Unknown filter field ${JSON.stringify(name)} for ${def.name}`);
    if (!ALL_OPERATORS.has(opName)) throw badRequest(`Unknown filter operator ${JSON.stringify(opName)}`);
    const op = opName as Operator;
    if (!ALLOWED[field.kind].includes(op)) {
      throw badRequest(`Operator ${JSON.stringify(op)} does not apply to ${field.name} (${field.kind})`);
    }
    if (
      field.kind === 'number' &&
      [...ORDERING, 'Is', 'Is not'].includes(op) &&
      !Number.isFinite(Number(value))
    ) {
      throw badRequest(`Filter on ${field.name} needs a number, got ${JSON.stringify(value)}`);
    }
    filters.push({ field, op, value });
  }
  return filters;
}

/** The value a filter or sort sees: system fields come from the columns. */
export function fieldValue(record: StoredRecord, name: string): unknown {
  if (name === '_id') return record.id;
  if (name === '_created_at') return record.createdAt;
  if (name === '_updated_at') return record.updatedAt;
  return record.attributes[name];
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) {
    return (value as { items: unknown[] }).items.length === 0;
  }
  return false;
}

function compare(a: unknown, b: string, numeric: boolean): number {
  if (numeric) return Number(a) - Number(b);
  const s = String(a);
  return s < b ? -1 : s > b ? 1 : 0;
}

/** Tests one scalar against the filter. `fold` = compare ignoring case. */
function scalarMatches(filter: Filter, value: unknown, fold: boolean): boolean {
  const numeric = filter.field.kind === 'number';
  const norm = (v: string) => (fold ? v.toLowerCase() : v);
  const actual = value === null || value === undefined ? undefined : norm(String(value));
  const wanted = norm(filter.value);
  const list = filter.value.split(',').map((v) => norm(v.trim()));
  if (actual === undefined) return false;
  switch (filter.op) {
    case 'Is':
      return numeric ? Number(value) === Number(filter.value) : actual === wanted;
    case 'One of':
      return list.includes(actual);
    case 'Contains':
      return actual.toLowerCase().includes(filter.value.toLowerCase());
    case 'Starts with':
      return actual.toLowerCase().startsWith(filter.value.toLowerCase());
    case 'Ends with':
      return actual.toLowerCase().endsWith(filter.value.toLowerCase());
    case 'Greater than':
    case 'Is after':
      return compare(value, filter.value, numeric) > 0;
    case 'Greater than or equal':
    case 'Is on or after':
      return compare(value, filter.value, numeric) >= 0;
    case 'Less than':
    case 'Is before':
      return compare(value, filter.value, numeric) < 0;
    case 'Less than or equal':
    case 'Is on or before':
      return compare(value, filter.value, numeric) <= 0;
    default:
      return false;
  }
}

const NEGATIONS: Partial<Record<Operator, Operator>> = {
  'Is not': 'Is',
  'Does not contain': 'Contains',
  'Not one of': 'One of',
};

export function matches(filter: Filter, record: StoredRecord, foldText: boolean): boolean {
  const value = fieldValue(record, filter.field.name);
  switch (filter.op) {
    case 'Is empty':
    case 'Is not set':
      return isEmpty(value);
    case 'Is not empty':
    case 'Is set':
      return !isEmpty(value);
  }
  const positive = NEGATIONS[filter.op];
  if (positive) return !matches({ ...filter, op: positive }, record, foldText);
  const kind = filter.field.kind;
  if (kind === 'collection' || kind === 'multi_select') {
    // Collections match item by item; `Contains` means "has this item" (emails, domains ignore case).
    const items = isEmpty(value) ? [] : (value as { items: string[] }).items;
    const op = filter.op === 'Contains' && kind === 'multi_select' ? 'Is' : filter.op;
    const itemOp = op === 'Contains' ? 'Is' : op;
    const fold = kind === 'collection';
    return items.some((item) => scalarMatches({ ...filter, op: itemOp }, item, fold));
  }
  return scalarMatches(filter, value, foldText && filter.field.unique && kind === 'text');
}
