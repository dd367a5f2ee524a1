import { ApiError, invalid } from '../errors.js';
import type { Field, ObjectDef } from '../schema/fields.js';
import { TO_MANY_NAMES } from '../schema/relationships.js';
import { fitsDecimal16_4, isBareHost, isDate, isDateTime, isEmail, isPhone } from './formats.js';

/** What validation needs to know beyond the schema. */
export interface ValidationContext {
  /** Whether a record of `object` with `id` exists (for `company_id` and other references). */
  exists(object: string, id: string): boolean;
  /** Relationship names of this object served by the relationships endpoint. */
  relationships: ReadonlySet<string>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const show = (v: unknown) => JSON.stringify(v);

function itemsOf(field: Field, value: unknown, pointer: string): string[] {
  if (Array.isArray(value)) {
    throw invalid(`${field.name} must be an object {"items": [...]}, not a bare array`, pointer);
  }
  if (!isObject(value) || !Array.isArray(value.items)) {
    throw invalid(`${field.name} must be an object {"items": [...]}`, pointer);
  }
  const extra = Object.keys(value).filter((k) => k !== 'items');
  if (extra.length > 0) throw invalid(`${field.name} accepts only "items", not ${show(extra[0])}`, pointer);
  value.items.forEach((item, i) => {
    if (typeof item !== 'string' || item.length === 0) {
      throw invalid(`${field.name} items must be non-empty strings`, `${pointer}/items/${i}`);
    }
  });
  return value.items as string[];
}

function checkCollectionItem(field: Field, item: string, pointer: string): void {
  if (field.format === 'email' && !isEmail(item))
    throw invalid(`${show(item)} is not a valid email address`, pointer);
  if (field.format === 'hostname' && !isBareHost(item)) {
    throw invalid(
      `${show(item)} is not a valid domain: use a bare lower-case host name (no scheme, path, port or www.)`,
      pointer,
    );
  }
  if (field.format === 'phone' && !isPhone(item))
    throw invalid(`${show(item)} is not a valid phone number`, pointer);
}

function checkString(field: Field, value: unknown, pointer: string): string {
  if (typeof value !== 'string') throw invalid(`${field.name} must be a string, got ${show(value)}`, pointer);
  if (value.includes('\u0000')) throw invalid(`${field.name} contains a NUL character`, pointer);
  return value;
}

/** Validates one value; returns it as stored (values are stored as sent). */
function checkValue(field: Field, value: unknown, pointer: string, ctx: ValidationContext): unknown {
  if (value === null) {
    if (!field.nullable && field.kind !== 'collection' && field.kind !== 'multi_select') {
      throw invalid(`${field.name} must not be null`, pointer);
    }
    return null;
  }
  switch (field.kind) {
    case 'text':
      return checkString(field, value, pointer);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw invalid(`${field.name} must be a number, got ${show(value)}`, pointer);
      }
      if (field.integer && !Number.isInteger(value))
        throw invalid(`${field.name} must be an integer`, pointer);
      if (!fitsDecimal16_4(value)) throw new ApiError(400, `${field.name} is outside DECIMAL(16,4)`, pointer);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean')
        throw invalid(`${field.name} must be true or false, got ${show(value)}`, pointer);
      return value;
    case 'date':
      if (!isDate(checkString(field, value, pointer))) {
        throw invalid(`${field.name} must be a date YYYY-MM-DD, got ${show(value)}`, pointer);
      }
      return value;
    case 'datetime':
      if (!isDateTime(checkString(field, value, pointer))) {
        throw invalid(`${field.name} must be an ISO-8601 date-time, got ${show(value)}`, pointer);
      }
      return value;
    case 'select':
      if (!field.options?.includes(checkString(field, value, pointer))) {
        throw invalid(
          `${show(value)} is not an option of ${field.name} (options are case-sensitive)`,
          pointer,
        );
      }
      return value;
    case 'multi_select': {
      const items = itemsOf(field, value, pointer);
      items.forEach((item, i) => {
        if (!field.options?.includes(item)) {
          throw invalid(
            `${show(item)} is not an option of ${field.name} (options are case-sensitive)`,
            `${pointer}/items/${i}`,
          );
        }
      });
      return { items };
    }
    case 'collection': {
      const items = itemsOf(field, value, pointer);
      items.forEach((item, i) => {
        checkCollectionItem(field, item, `${pointer}/items/${i}`);
      });
      return { items };
    }
    case 'reference': {
      const id = checkString(field, value, pointer);
      if (!ctx.exists(field.target ?? '', id))
        throw invalid(`${field.name}: no ${field.target} with id ${show(id)}`, pointer);
      return id;
    }
    default:
      throw invalid(`${field.name} cannot be written`, pointer);
  }
}

/**
 * Validates the attributes of one create or update. `base` is the JSON pointer of the resource
 * (`/data` or `/data/3`), so an error tells a client exactly which record of a batch failed.
 */
export function validateAttributes(
  def: ObjectDef,
  attributes: unknown,
  base: string,
  mode: 'create' | 'update',
  ctx: ValidationContext,
): Record<string, unknown> {
  const pointer = `${base}/attributes`;
  if (attributes === undefined && mode === 'create') attributes = {};
  if (!isObject(attributes)) throw invalid('attributes must be an object', pointer);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const at = `${pointer}/${name}`;
    if (name === 'id') throw invalid('id must not be sent as an attribute', at);
    if (name.startsWith('_')) throw invalid(`${name} is a read-only system attribute`, at);
    const field = def.fields.get(name);
    if (field?.kind === 'to_many' || (!field && (ctx.relationships.has(name) || TO_MANY_NAMES.has(name)))) {
      throw invalid(
        `${name} is a to-many relationship; set it with /relationships/${name}, not as an attribute`,
        at,
      );
    }
    if (!field) throw invalid(`unknown attribute ${show(name)} for ${def.name}`, at);
    if (field.kind === 'readonly') throw invalid(`${name} is read-only`, at);
    out[name] = checkValue(field, value, at, ctx);
  }
  for (const name of def.required) {
    const value = mode === 'create' ? out[name] : name in out ? out[name] : 'kept';
    if (value === undefined || value === null || value === '') {
      throw invalid(`${name} is required`, `${pointer}/${name}`);
    }
  }
  return out;
}
