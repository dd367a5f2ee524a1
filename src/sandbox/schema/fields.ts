/**
 * Turns a `GET /schemas` body into the sandbox's own field model, used by validation, filters and
 * sorting. Deliberately independent of src/clarify: the sandbox is the referee of our client's parser.
 */
export type Kind =
  | 'text'
  | 'number'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'select'
  | 'multi_select'
  | 'collection'
  | 'reference'
  | 'to_many'
  | 'readonly';

export interface Field {
  name: string;
  kind: Kind;
  nullable: boolean;
  unique: boolean;
  /** Select / multi-select options, case-sensitive. */
  options?: string[];
  /** Collection item format: email, hostname, phone or undefined (plain strings). */
  format?: string;
  /** Reference target object. */
  target?: string;
  integer?: boolean;
}

export interface ObjectDef {
  name: string;
  fields: Map<string, Field>;
  required: string[];
  /** Unique fields in schema order (person: email_addresses, company: domains, deal: name). */
  uniqueFields: string[];
}

export type SchemaModel = Map<string, ObjectDef>;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function types(prop: Json): string[] {
  const t = prop.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function parseField(name: string, prop: Json): Field {
  const t = types(prop);
  const base = { name, nullable: t.includes('null'), unique: prop.xClarifyUnique === true };
  if (prop.readOnly === true || name.startsWith('_')) return { ...base, kind: 'readonly' };
  const rel = prop.xClarifyRelationship;
  if (isObject(rel)) {
    const target = typeof rel.entity === 'string' ? rel.entity.replace(/^entities\//, '') : '';
    const kind = rel.kind === 'many-to-one' || rel.kind === 'one-to-one' ? 'reference' : 'to_many';
    return { ...base, kind, target };
  }
  const itemsProp = isObject(prop.properties) ? prop.properties.items : undefined;
  if (t.includes('object') && isObject(itemsProp)) {
    const item = isObject(itemsProp.items) ? itemsProp.items : {};
    if (Array.isArray(item.enum)) return { ...base, kind: 'multi_select', options: item.enum.map(String) };
    const format = typeof item.format === 'string' ? item.format : undefined;
    return { ...base, kind: 'collection', ...(format ? { format } : {}) };
  }
  if (t.includes('number') || t.includes('integer')) {
    return { ...base, kind: 'number', integer: !t.includes('number') };
  }
  if (t.includes('boolean')) return { ...base, kind: 'boolean' };
  if (t.includes('string')) {
    if (Array.isArray(prop.enum)) {
      return { ...base, kind: 'select', options: prop.enum.filter((o) => o !== null).map(String) };
    }
    if (prop.format === 'date') return { ...base, kind: 'date' };
    if (prop.format === 'date-time') return { ...base, kind: 'datetime' };
    return { ...base, kind: 'text' };
  }
  throw new Error(`schema: property ${name} has an unsupported shape`);
}

/** Throws an Error naming the problem when the body is not a `GET /schemas` document. */
export function parseSchemaBody(body: unknown): SchemaModel {
  if (!isObject(body) || !Array.isArray(body.data)) throw new Error('schema: expected {data:[...]}');
  const model: SchemaModel = new Map();
  for (const entry of body.data) {
    if (!isObject(entry) || !isObject(entry.attributes)) throw new Error('schema: entry without attributes');
    const attrs = entry.attributes;
    const id = typeof attrs.$id === 'string' ? attrs.$id : typeof entry.id === 'string' ? entry.id : '';
    const name = id.split('/').pop() ?? '';
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`schema: bad entity id ${JSON.stringify(id)}`);
    if (!isObject(attrs.properties)) throw new Error(`schema: ${name} has no properties`);
    const fields = new Map<string, Field>();
    for (const [field, prop] of Object.entries(attrs.properties)) {
      if (!isObject(prop)) throw new Error(`schema: ${name}.${field} is not an object`);
      fields.set(field, parseField(field, prop));
    }
    const required = Array.isArray(attrs.required) ? attrs.required.filter((r) => typeof r === 'string') : [];
    const uniqueFields = [...fields.values()]
      .filter((f) => f.unique && f.kind !== 'readonly')
      .map((f) => f.name);
    model.set(name, { name, fields, required, uniqueFields });
  }
  if (model.size === 0) throw new Error('schema: no entities');
  return model;
}
