import { OBJECT_TYPES, type ObjectType } from '../core/objects.js';
import type { WriteApi } from './api-port.js';
import { sendCreateBatch } from './create-batch.js';
import type { BatchOp, BatchRow, Journal } from './journal.js';
import { linkDeal } from './link-deal.js';
import { reconcile } from './reconcile.js';
import { sendUpdateBatch } from './update-batch.js';

export type Phase = ObjectType | 'links';

export interface ProgressEvent {
  phase: Phase;
  done: number;
  total: number;
}

export interface ExecuteOptions {
  /** Batches in flight at once; the client paces the requests themselves. */
  parallel: number;
  /** Set when the user asked to stop (Ctrl-C): no new batch starts, in-flight ones finish. */
  shouldStop: () => boolean;
  onProgress?: (event: ProgressEvent) => void;
}

export type ExecuteResult = 'finished' | 'interrupted';

/**
 * Executes a journaled plan: companies → people → deals (creates, then updates), then person–deal links.
 * Every batch moves pending → in_flight → done | failed in the journal before and after its request, so a run
 * killed at any point resumes here: batches left in flight are reconciled by unique key before anything is sent.
 */
export async function executePlan(
  api: WriteApi,
  journal: Journal,
  runId: number,
  options: ExecuteOptions,
): Promise<ExecuteResult> {
  const started = Date.now();
  let recordsDone = 0;
  const sampler = setInterval(
    () => journal.addThroughputSample(runId, Date.now() - started, recordsDone),
    1000,
  );
  try {
    await reconcileInFlight(api, journal, runId, options);
    for (const object of OBJECT_TYPES) {
      for (const op of ['create', 'update'] as const) {
        const batches = journal.batches(runId, object, op, ['pending', 'in_flight']);
        const total = journal.batches(runId, object, op, ['pending', 'in_flight', 'done', 'failed']).length;
        let done = total - batches.length;
        const stopped = await runPool(batches, options, async (batch) => {
          recordsDone += await sendBatch(api, journal, runId, batch, op);
          done++;
          options.onProgress?.({ phase: object, done, total });
        });
        if (stopped) return 'interrupted';
      }
    }
    const links = journal.links(runId, ['pending', 'in_flight']);
    const totalLinks = journal.linkTotals(runId).deals;
    let linksDone = totalLinks - links.length;
    const stopped = await runPool(links, options, async (link) => {
      await linkDeal(api, journal, runId, link);
      linksDone++;
      options.onProgress?.({ phase: 'links', done: linksDone, total: totalLinks });
    });
    return stopped ? 'interrupted' : 'finished';
  } finally {
    clearInterval(sampler);
    journal.addThroughputSample(runId, Date.now() - started, recordsDone);
  }
}

async function sendBatch(
  api: WriteApi,
  journal: Journal,
  runId: number,
  batch: BatchRow,
  op: BatchOp,
): Promise<number> {
  journal.setBatchState(batch.id, 'in_flight');
  const records = journal.batchRecords(batch.id);
  if (op === 'create') await sendCreateBatch(api, journal, runId, records);
  else await sendUpdateBatch(api, journal, runId, records);
  const after = journal.batchRecords(batch.id);
  journal.setBatchState(batch.id, after.some((record) => record.outcome === 'failed') ? 'failed' : 'done');
  return records.length;
}

/**
 * A create batch that was in flight when the process died may have been written: its records are looked up
 * by unique key first; those found are recorded as created, the rest stay pending and are sent normally.
 */
async function reconcileInFlight(api: WriteApi, journal: Journal, runId: number, options: ExecuteOptions) {
  const inFlight = journal.allBatchesInState(runId, 'in_flight').filter((batch) => batch.op === 'create');
  // Several batches were in flight when the process died: look them up side by side, not one after another.
  await runPool(inFlight, { ...options, shouldStop: () => false }, async (batch) => {
    const open = journal.batchRecords(batch.id).filter((record) => record.outcome === null);
    const found = await reconcile(api, open);
    journal.transaction(() => {
      open.forEach((record, index) => {
        const id = found[index];
        if (id) journal.setOutcome(record, 'created', { clarifyId: id, runId });
      });
    });
  });
}

/**
 * Runs tasks with at most `parallel` at once; returns true when it stopped early on request. When one task
 * fails the others finish what they started (their outcomes are journaled) before the error is raised.
 */
async function runPool<T>(
  items: T[],
  options: ExecuteOptions,
  task: (item: T) => Promise<void>,
): Promise<boolean> {
  let next = 0;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      if (options.shouldStop()) {
        stopped = true;
        return;
      }
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallel, items.length)) }, worker));
  if (failure) throw failure.error;
  return stopped;
}
