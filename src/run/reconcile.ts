import type { WriteApi } from './api-port.js';
import type { JournalRecord } from './journal.js';

/**
 * Looks records up by their match keys (emails, domains, deal name, or `name:` keys for records without a
 * unique key). Returns the Clarify id found for each record, in order, or undefined when it does not exist.
 */
export async function reconcile(api: WriteApi, records: JournalRecord[]): Promise<Array<string | undefined>> {
  return Promise.all(records.map((record) => findOne(api, record)));
}

async function findOne(api: WriteApi, record: JournalRecord): Promise<string | undefined> {
  for (const key of record.matchKeys) {
    const ids = await api.findByMatchKey(record.object, key, record.attributes);
    if (ids.length > 0) return ids[0];
  }
  return undefined;
}
