import type { ObjectType } from '../core/objects.js';

/**
 * Groups planned creates and updates into bulk requests of at most `size`, per object and operation, in
 * source order: how the journal and plan.jsonl both number a plan's batches. `newBatch` gives the next
 * batch's id (a journal row, or a plan's running number).
 */
export class BatchGrouper {
  // The batch being filled per object and operation (a nested record: no key string built per row).
  readonly #open: Partial<
    Record<ObjectType, Partial<Record<'create' | 'update', { id: number; count: number }>>>
  > = {};

  constructor(
    private readonly size: number,
    private readonly newBatch: (object: ObjectType, op: 'create' | 'update') => number,
  ) {}

  /** The id of the batch this create or update goes in. */
  batchOf(object: ObjectType, op: 'create' | 'update'): number {
    let byOp = this.#open[object];
    if (!byOp) {
      byOp = {};
      this.#open[object] = byOp;
    }
    let batch = byOp[op];
    if (!batch || batch.count === this.size) {
      batch = { id: this.newBatch(object, op), count: 0 };
      byOp[op] = batch;
    }
    batch.count++;
    return batch.id;
  }
}
