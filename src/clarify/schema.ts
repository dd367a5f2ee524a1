import { isObjectType, OBJECT_TYPES, type ObjectType, UNIQUE_KEY } from '../core/objects.js';
import type { FieldKind, FieldSpec, ObjectSchema, WorkspaceSchema } from '../core/schema.js';

/**
 * `GET /schemas` → WorkspaceSchema. Accepts the JSON:API list the API returns
 * (`{data:[{id, type:"schema", attributes:{$id:"entities/person", properties:{…}}}]}`) and the docs'
 * simplified map (`{data:{"core/person":{properties:{x:{type:"text"|"collection"|…, options}}}}}`), over
 * one or several pages. Rule: a field we do not understand is 'readonly' and is never sent.
 */
export function parseWorkspaceSchema(bodies: unknown | unknown[]): WorkspaceSchema {
  const schema = Object.fromEntries(
    OBJECT_TYPES.map((o) => [o, { object: o, fields: {} } satisfies ObjectSchema]),
  ) as WorkspaceSchema;
  for (const body of Array.isArray(bodies) ? bodies : [bodies]) {
    for (const { key, properties } of entitiesOf(body)) {
      const object = objectName(key);
      if (!object || !isObjectType(object)) continue;
      for (const [name, property] of Object.entries(properties)) {
        schema[object].fields[name] = parseField(object, name, property);
      }
    }
  }
  return schema;
}

/** The object slugs a schema body names (entities/person → person), custom objects included. */
export function schemaObjectNames(bodies: unknown | unknown[]): string[] {
  const names = new Set<string>();
  for (const body of Array.isArray(bodies) ? bodies : [bodies]) {
    for (const { key } of entitiesOf(body)) {
      const n = objectName(key);
      if (n && !key.startsWith('core/collection')) names.add(n);
    }
  }
  return [...names];
}

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function entitiesOf(body: unknown): { key: string; properties: Json }[] {
  if (!isObj(body)) return [];
  const data = body.data;
  const out: { key: string; properties: Json }[] = [];
  if (Array.isArray(data)) {
    for (const entry of data) {
      if (!isObj(entry)) continue;
      const attrs = isObj(entry.attributes) ? entry.attributes : entry;
      const key =
        (typeof attrs.$id === 'string' && attrs.$id) ||
        (typeof entry.id === 'string' && entry.id) ||
        (typeof attrs.title === 'string' && attrs.title.toLowerCase()) ||
        '';
      if (key && isObj(attrs.properties)) out.push({ key, properties: attrs.properties });
    }
  } else if (isObj(data)) {
    for (const [key, value] of Object.entries(data)) {
      if (!isObj(value)) continue;
      const inner = isObj(value.attributes) ? value.attributes : value;
      if (isObj(inner.properties)) out.push({ key, properties: inner.properties });
    }
  }
  return out;
}

/** "https://getclarify.ai/schemas/entities/person", "entities/person", "core/person", "person" → "person". */
function objectName(key: string): string | undefined {
  const last = key
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .split('/')
    .pop();
  return last ? last.replace(/\.json$/, '').toLowerCase() : undefined;
}

const COLLECTION_BY_NAME: Record<string, FieldKind> = {
  email_addresses: 'email_list',
  emails: 'email_list',
  domains: 'domain_list',
  phone_numbers: 'phone_list',
  phones: 'phone_list',
};

const COLLECTION_BY_FORMAT: Record<string, FieldKind> = {
  email: 'email_list',
  'idn-email': 'email_list',
  hostname: 'domain_list',
  'idn-hostname': 'domain_list',
  domain: 'domain_list',
  phone: 'phone_list',
  'phone-number': 'phone_list',
  tel: 'phone_list',
};

function types(p: Json): string[] {
  if (typeof p.type === 'string') return [p.type];
  if (Array.isArray(p.type)) return p.type.filter((t): t is string => typeof t === 'string');
  return [];
}

/** `{anyOf:[{…}, {type:"null"}]}` → the one non-null branch. */
function unwrapNullable(p: Json): Json {
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = p[key];
    if (Array.isArray(branches)) {
      const nonNull = branches.filter((b) => isObj(b) && !(types(b).length === 1 && types(b)[0] === 'null'));
      if (nonNull.length === 1 && isObj(nonNull[0])) return { ...p, ...nonNull[0], [key]: undefined };
    }
  }
  return p;
}

function stringOptions(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const v of value) {
    if (typeof v === 'string') out.push(v);
    else if (isObj(v)) {
      const label = v.value ?? v.label ?? v.name;
      if (typeof label === 'string') out.push(label);
    }
  }
  return out;
}

export function parseField(object: ObjectType, name: string, raw: unknown): FieldSpec {
  const spec: FieldSpec = { name, kind: 'readonly' };
  if (!isObj(raw)) return spec;
  const p = unwrapNullable(raw);
  if (typeof p.title === 'string') spec.title = p.title;
  if (p.xClarifyUnique === true || p.unique === true) spec.unique = true;
  if (name.startsWith('_') || p.readOnly === true || p.readonly === true) return spec;
  const kind = fieldKind(name, p, spec);
  spec.kind = kind;
  if (kind === 'readonly') {
    delete spec.options;
    delete spec.target;
  }
  // The docs' simplified shape carries no uniqueness flag: fall back to the documented unique key.
  if (
    spec.unique === undefined &&
    typeof p.type === 'string' &&
    SIMPLE_TYPES.has(p.type) &&
    UNIQUE_KEY[object] === name
  ) {
    spec.unique = true;
  }
  return spec;
}

const SIMPLE_TYPES = new Set([
  'text',
  'collection',
  'select',
  'multi_select',
  'multiselect',
  'currency',
  'checkbox',
]);

function fieldKind(name: string, p: Json, spec: FieldSpec): FieldKind {
  const rel = p.xClarifyRelationship;
  if (isObj(rel)) {
    if (rel.kind !== 'many-to-one' && rel.kind !== 'one-to-one') return 'readonly';
    if (typeof rel.entity === 'string' && isObjectType(objectName(rel.entity) ?? '')) {
      spec.target = objectName(rel.entity) as ObjectType;
    }
    return 'reference';
  }
  if (typeof p.$ref === 'string') return 'readonly'; // e.g. core/collectionOfIds: to-many, not an attribute
  const t = types(p).filter((x) => x !== 'null');
  if (t.length !== 1) return 'readonly';
  const type = t[0]!;
  switch (type) {
    // JSON Schema shapes (the live API and the sandbox)
    case 'string': {
      const options = stringOptions(p.enum)?.filter((o) => o !== null);
      if (options) {
        spec.options = options;
        return 'select';
      }
      if (p.format === 'date') return 'date';
      if (p.format === 'date-time' || p.format === 'time') return 'readonly';
      return 'text';
    }
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return collectionKind(name, p, spec);
    // The docs' simplified shapes
    case 'text':
      return 'text';
    case 'currency':
      return 'number';
    case 'checkbox':
      return 'boolean';
    case 'date':
      return 'date';
    case 'select': {
      spec.options = stringOptions(p.options ?? p.enum) ?? [];
      return 'select';
    }
    case 'multi_select':
    case 'multiselect': {
      spec.options = stringOptions(p.options ?? p.enum) ?? [];
      return 'multi_select';
    }
    case 'collection':
      return COLLECTION_BY_NAME[name] ?? 'string_list';
    default:
      return 'readonly';
  }
}

/** `{type:"object", properties:{items:{type:"array", items:{type:"string", enum?|format?}}}}`. */
function collectionKind(name: string, p: Json, spec: FieldSpec): FieldKind {
  const props = isObj(p.properties) ? p.properties : undefined;
  const itemsProp = props && isObj(props.items) ? unwrapNullable(props.items) : undefined;
  if (!itemsProp || !types(itemsProp).includes('array')) return 'readonly';
  const item = isObj(itemsProp.items) ? unwrapNullable(itemsProp.items) : undefined;
  if (!item) return COLLECTION_BY_NAME[name] ?? 'readonly';
  const itemTypes = types(item).filter((x) => x !== 'null');
  if (itemTypes.length !== 1 || itemTypes[0] !== 'string') return 'readonly';
  const options = stringOptions(item.enum);
  if (options) {
    spec.options = options;
    return 'multi_select';
  }
  if (typeof item.format === 'string' && COLLECTION_BY_FORMAT[item.format])
    return COLLECTION_BY_FORMAT[item.format]!;
  return COLLECTION_BY_NAME[name] ?? 'string_list';
}
