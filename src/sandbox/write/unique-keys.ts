import type { ObjectDef } from '../schema/fields.js';
import type { UniqueKey } from '../store/records.js';

/**
 * The normalized unique keys of a record. Emails and domains collide ignoring case (they are
 * case-insensitive on the wire too); unique text such as deal names collides exactly, or ignoring
 * case when the sandbox runs with `dealNameMatch: 'case-insensitive'`.
 */
export function uniqueKeysOf(
  def: ObjectDef,
  attributes: Record<string, unknown>,
  textCaseInsensitive: boolean,
): UniqueKey[] {
  const keys = new Map<string, UniqueKey>();
  const add = (field: string, value: string) => keys.set(`${field}\u0000${value}`, { field, value });
  for (const name of def.uniqueFields) {
    const field = def.fields.get(name)!;
    const value = attributes[name];
    if (value === null || value === undefined) continue;
    if (field.kind === 'collection' || field.kind === 'multi_select') {
      const items = (value as { items: string[] }).items;
      const fold = field.format === 'email' || field.format === 'hostname';
      for (const item of items) add(name, fold ? item.toLowerCase() : item);
    } else if (typeof value === 'string') {
      if (value !== '') add(name, textCaseInsensitive ? value.toLowerCase() : value);
    } else {
      add(name, JSON.stringify(value));
    }
  }
  return [...keys.values()];
}

/** Normalizes a filter value the way `uniqueKeysOf` normalizes stored values of that field. */
export function normalizeKeyValue(
  def: ObjectDef,
  name: string,
  value: string,
  textCaseInsensitive: boolean,
): string {
  const field = def.fields.get(name);
  if (!field) return value;
  if (field.kind === 'collection') {
    return field.format === 'email' || field.format === 'hostname' ? value.toLowerCase() : value;
  }
  return textCaseInsensitive ? value.toLowerCase() : value;
}
