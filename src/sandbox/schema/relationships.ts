import type { SchemaModel } from './fields.js';

/**
 * To-many relationships that live behind `/records/{id}/relationships/{name}` and can never be sent as
 * attributes (Clarify answers 422). Keyed by owning object, then relationship name → target object.
 */
const KNOWN: Record<string, Record<string, string>> = {
  deal: { people: 'person', companies: 'company' },
  person: { companies: 'company' },
};

export type RelationshipMap = Map<string, Map<string, string>>;

export function relationshipsFor(schema: SchemaModel): RelationshipMap {
  const map: RelationshipMap = new Map();
  for (const [object, rels] of Object.entries(KNOWN)) {
    if (!schema.has(object)) continue;
    const own = new Map<string, string>();
    for (const [name, target] of Object.entries(rels)) if (schema.has(target)) own.set(name, target);
    map.set(object, own);
  }
  return map;
}

/** Names that clients sometimes send as attributes by mistake; all are to-many relations in Clarify. */
export const TO_MANY_NAMES = new Set(['people', 'companies', 'deals', 'tasks', 'meetings']);
