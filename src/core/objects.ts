/** The Clarify objects an import writes, in the order the migration guide prescribes. */
export const OBJECT_TYPES = ['company', 'person', 'deal'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

/** Clarify's unique key per object: a create that collides on it is rejected (or upserted with match_on). */
export const UNIQUE_KEY: Record<ObjectType, string> = {
  company: 'domains',
  person: 'email_addresses',
  deal: 'name',
};

export function isObjectType(value: string): value is ObjectType {
  return (OBJECT_TYPES as readonly string[]).includes(value);
}
