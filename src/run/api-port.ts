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
