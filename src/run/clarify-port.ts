import { ApiError, type ClarifyClient, UncertainOutcome } from '../clarify/index.js';
import { type ObjectType, UNIQUE_KEY } from '../core/objects.js';
import type { Attributes } from '../core/schema.js';
import type { ExistingRecord } from '../plan/types.js';
import type { DeleteApi, WriteApi, WriteResult } from './api-port.js';
import type { SnapshotApi } from './snapshot-port.js';

/**
 * Adapts the API client to what planning and execution need. This is the one place that turns the client's
 * failure labels into the executor's: terminal 4xx → rejected (this row's problem), uncertain → reconcile,
 * anything else (auth, retries exhausted, network down) → thrown, which stops the run resumably.
 */
export function snapshotApi(client: ClarifyClient): SnapshotApi {
  return {
    getSchema: async () => (await client.getSchemas()).schema,
    listAll: async function* (object: ObjectType): AsyncGenerator<ExistingRecord> {
      for await (const record of client.listAll(object, { pageSize: 500 })) {
        yield { id: record.id, attributes: writableAttributes(record.attributes) };
      }
    },
    requestCount: () => client.stats().requests,
  };
}

export interface WriteOptions {
  /**
   * Send `match_on` on creates of people (email) and companies (domain), so a record that appeared since the
   * snapshot is updated by the API instead of refused. Off by default: the API's answer does not say whether
   * it created or updated, so such a row is reported as created (and a rollback would delete it). Never for
   * deals: a deal name is not a reliable identity.
   */
  matchOn?: boolean;
}

const MATCH_ON: Partial<Record<ObjectType, string>> = { person: 'email_addresses', company: 'domains' };

export function writeApi(client: ClarifyClient, options: WriteOptions = {}): WriteApi {
  return {
    bulkCreate: (object, items) => {
      const matchOn = options.matchOn ? MATCH_ON[object] : undefined;
      return settle(client.bulkCreate(object, items, matchOn ? { matchOn } : undefined));
    },
    bulkUpdate: async (object, items) => settle(client.bulkUpdate(object, items).then(() => undefined)),
    findByMatchKey: async (object, key, attributes) => {
      if (key.startsWith('name:')) {
        const fields = nameFields(object, attributes);
        if (Object.keys(fields).length === 0) return [];
        return (await client.findByFilters(object, fields)).map((record) => record.id);
      }
      return (await client.findByUniqueKey(object, UNIQUE_KEY[object], key)).map((record) => record.id);
    },
    getDealPeople: (dealId) => client.getRelationship('deal', dealId, 'people'),
    setDealPeople: (dealId, personIds) =>
      settle(client.patchRelationship('deal', dealId, 'people', personIds, 'person')),
    requestCount: () => client.stats().requests,
  };
}

export function deleteApi(client: ClarifyClient): DeleteApi {
  return {
    bulkDelete: (object, ids) =>
      settle(
        notFoundAs(
          client.bulkDelete(object, ids).then(() => 'deleted' as const),
          'not_found' as const,
        ),
      ),
    deleteRecord: (object, id) => settle(client.deleteRecord(object, id)),
    removeDealPeople: (dealId, personIds) =>
      settle(
        notFoundAs(
          client
            .deleteRelationship('deal', dealId, 'people', personIds, 'person')
            .then(() => 'removed' as const),
          'not_found' as const,
        ),
      ),
    requestCount: () => client.stats().requests,
  };
}

/** A 404 is an answer for deletes: the thing is already gone. */
async function notFoundAs<T, N>(promise: Promise<T>, value: N): Promise<T | N> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return value;
    throw error;
  }
}

async function settle<T>(promise: Promise<T>): Promise<WriteResult<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    if (error instanceof UncertainOutcome) return { ok: false, kind: 'uncertain', detail: error.message };
    if (error instanceof ApiError && error.label === 'terminal' && isRowProblem(error.status)) {
      return {
        ok: false,
        kind: 'rejected',
        status: error.status ?? 0,
        detail: error.detail || error.message,
        recordIndex: error.recordIndex,
        duplicate: isDuplicate(error),
      };
    }
    throw error;
  }
}

/** 4xx that speak about the data sent; 401/403 speak about the key and stop the run. */
function isRowProblem(status: number | undefined): boolean {
  return (
    status !== undefined &&
    status >= 400 &&
    status < 500 &&
    status !== 401 &&
    status !== 403 &&
    status !== 429
  );
}

function isDuplicate(error: ApiError): boolean {
  if (error.status !== 400 && error.status !== 422) return false;
  return /duplicate|unique|already exists|already in use|already used|already taken/i.test(
    error.details.map((detail) => detail.detail).join(' '),
  );
}

function nameFields(object: ObjectType, attributes: Attributes): Record<string, string> {
  const wanted = object === 'person' ? ['first_name', 'last_name'] : ['name'];
  const fields: Record<string, string> = {};
  for (const field of wanted) {
    const value = attributes[field];
    if (typeof value === 'string' && value) fields[field] = value;
  }
  return fields;
}

/** The snapshot keeps what an import can compare and write: no system (`_`) attributes. */
function writableAttributes(attributes: Record<string, unknown>): Attributes {
  const result: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (!key.startsWith('_')) result[key] = value as Attributes[string];
  }
  return result;
}
