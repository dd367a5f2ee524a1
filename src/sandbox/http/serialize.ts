import type { StoredRecord } from '../store/records.js';

/** A record as a JSON:API resource; system fields are attributes too, as Clarify returns them. */
export function resource(record: StoredRecord) {
  return {
    id: record.id,
    type: record.object,
    attributes: {
      ...record.attributes,
      _id: record.id,
      _created_at: record.createdAt,
      _updated_at: record.updatedAt,
    },
  };
}
