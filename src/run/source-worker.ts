/**
 * Worker-thread entry of source-thread.ts: reads and normalizes the exports on a second core while the main
 * thread plans and journals. Events go out in batches; the worker pauses when the main thread is
 * WINDOW batches behind, so a million-row file never piles up in the message queue.
 *
 * Normalizing is the one step either thread can do. The worker does it while the main thread has batches
 * waiting, and leaves it to the main thread when that one is about to wait for the next batch: whichever
 * thread would idle takes the work, so both cores stay busy whatever the export's mix of columns.
 */
import { parentPort } from 'node:worker_threads';
import { ImportError } from '../core/errors.js';
import type { SourceEvent } from '../core/source-adapter.js';
import { eventPreparer, sourceBatches } from './source-events.js';
import {
  BATCH_EVENTS,
  type FromSourceWorker,
  type SourceWorkerData,
  type SourceWorkerSignal,
  type ToSourceWorker,
  WINDOW,
} from './source-messages.js';
import { WireEncoder } from './source-wire.js';

const port = parentPort;
if (!port) throw new Error('source-worker.ts runs only as a worker thread');

let unacked = 0;
let wake: (() => void) | undefined;
let start: ((message: Extract<ToSourceWorker, { type: 'start' }>) => void) | undefined;
// The thread may be started before the exports are known (source-thread.ts warms it up while the command
// starts): what to read comes in the first message, with the channel the events go on.
const started = new Promise<Extract<ToSourceWorker, { type: 'start' }>>((resolve) => (start = resolve));
port.on('message', (message: ToSourceWorker) => {
  if (message.type === 'start') {
    start?.(message);
    return;
  }
  unacked--;
  wake?.();
  wake = undefined;
});

const { data, events } = await started;
const { setup, normalizeOn }: SourceWorkerData = data;
const more: SourceWorkerSignal = { type: 'more' };
/** On the events channel, where the main thread takes it when it is ready; then the signal that it is there. */
const send = (message: FromSourceWorker) => {
  events.postMessage(message);
  port.postMessage(more);
};
const encoder = new WireEncoder();
const prepare = eventPreparer(setup);
/**
 * With fewer batches than this waiting, the main thread would soon idle: it gets the next batch to normalize.
 * Two keep it busy while the worker reads on; more would only hold memory.
 */
const MAIN_BUSY_BATCHES = 2;

function post(batch: SourceEvent[]): void {
  const here = normalizeOn === 'worker' || (normalizeOn === 'either' && unacked >= MAIN_BUSY_BATCHES);
  send({
    type: 'events',
    batch: here ? encoder.encode(batch.map(prepare), true) : encoder.encode(batch, false),
  });
}

async function flush(batch: SourceEvent[]): Promise<void> {
  post(batch);
  unacked++;
  while (unacked >= WINDOW) await new Promise<void>((resolve) => (wake = resolve));
}

try {
  for await (const batch of sourceBatches(setup, BATCH_EVENTS)) await flush(batch);
  send({ type: 'done' });
} catch (error) {
  const e = error as Error;
  send({
    type: 'error',
    error: {
      importCode: error instanceof ImportError ? error.code : undefined,
      hint: error instanceof ImportError ? error.hint : undefined,
      message: e.message ?? String(error),
      stack: e.stack,
    },
  });
}
port.unref();
