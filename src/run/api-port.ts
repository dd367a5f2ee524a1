import type { ObjectType } from '../core/objects.js';
import type { Attributes } from '../core/schema.js';

/**
 * What the executor needs from the Clarify API, in its own terms. src/run/clarify-port.ts adapts the client
 * to it; the executor only reads the label of a failure (rejected vs uncertain) and never decides it.
 */
export type WriteResult<T> =
  | { ok: true; value: T }
  /** The API answered no: nothing of the request was written (batches are atomic). */
  | { ok: false; kind: 'rejected'; status: number; detail: string; recordIndex?: number; duplicate: boolean }
  /** We do not know whether the write happened (response lost, timeout after sending). */
  | { ok: false; kind: 'uncertain'; detail: string };

export interface WriteApi {
  bulkCreate(object: ObjectType, items: Attributes[]): Promise<WriteResult<string[]>>;
  bulkUpdate(
    object: ObjectType,
    items: Array<{ id: string; attributes: Attributes }>,
  ): Promise<WriteResult<void>>;
  /**
   * Ids of the records that hold this match key (an email, a domain, a deal name). A `name:` key (records
   * without a unique key) is looked up by the record's own name attributes.
   */
  findByMatchKey(object: ObjectType, key: string, attributes: Attributes): Promise<string[]>;
  getDealPeople(dealId: string): Promise<string[]>;
  setDealPeople(dealId: string, personIds: string[]): Promise<WriteResult<void>>;
  requestCount(): number;
}

/**
 * What rollback needs: deletes (bulk of at most 25, atomic; single) and removing people from a deal. A record
 * already gone answers `not_found` rather than failing, so a second rollback is harmless.
 */
export interface DeleteApi {
  /** `not_found` when at least one id is gone: then nothing was deleted (the request is atomic). */
  bulkDelete(object: ObjectType, ids: string[]): Promise<WriteResult<'deleted' | 'not_found'>>;
  deleteRecord(object: ObjectType, id: string): Promise<WriteResult<'deleted' | 'not_found'>>;
  /** Removes only these people from the deal; `not_found` when the deal itself is gone. */
  removeDealPeople(dealId: string, personIds: string[]): Promise<WriteResult<'removed' | 'not_found'>>;
  requestCount(): number;
}
