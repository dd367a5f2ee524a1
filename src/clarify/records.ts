/** A record as the API returns it (JSON:API resource). */
export interface ClarifyRecord {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, unknown>;
}

/** One `filter[field][Operator]=value` (operator omitted: the bare `filter[field]=value` form). */
export interface Filter {
  field: string;
  op?: string;
  value: string;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function toRecord(value: unknown): ClarifyRecord | undefined {
  if (!isObj(value)) return undefined;
  const attributes = isObj(value.attributes) ? value.attributes : {};
  const id = typeof value.id === 'string' || typeof value.id === 'number' ? String(value.id) : attributes._id;
  if (typeof id !== 'string' || id === '') return undefined;
  const rec: ClarifyRecord = { id, type: typeof value.type === 'string' ? value.type : '', attributes };
  if (isObj(value.relationships)) rec.relationships = value.relationships;
  return rec;
}

/** The strings an attribute holds: a string, `{items:[…]}`, an array, or a name object's `full_name`. */
export function attributeStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(attributeStrings);
  if (isObj(value)) {
    if (Array.isArray(value.items)) return value.items.flatMap(attributeStrings);
    if (typeof value.full_name === 'string') return [value.full_name];
  }
  return [];
}

/** Exact match of `wanted` against a record's attribute; collections (emails, domains) ignore case. */
export function attributeMatches(value: unknown, wanted: string, ignoreCase: boolean): boolean {
  const w = wanted.trim();
  return attributeStrings(value).some((s) =>
    ignoreCase ? s.trim().toLowerCase() === w.toLowerCase() : s.trim() === w,
  );
}
