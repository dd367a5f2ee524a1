/**
 * Worker-thread entry of source-thread.ts: reads and normalizes the exports on a second core while the main
 * thread plans and journals. Events go out in batches; the worker pauses when the main thread is
 * WINDOW batches behind, so a million-row file never piles up in the message queue.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ImportError } from '../core/errors.js';
import { type PreparedEvent, preparedEvents, type SourceSetup } from './source-events.js';
import { BATCH_EVENTS, type FromSourceWorker, type ToSourceWorker, WINDOW } from './source-messages.js';
import { WireEncoder } from './source-wire.js';

const port = parentPort;
if (!port) throw new Error('source-worker.ts runs only as a worker thread');

let unacked = 0;
let wake: (() => void) | undefined;
port.on('message', (message: ToSourceWorker) => {
  if (message.type !== 'ack') return;
  unacked--;
  wake?.();
  wake = undefined;
});

const send = (message: FromSourceWorker) => port.postMessage(message);

const encoder = new WireEncoder();

async function flush(batch: PreparedEvent[]): Promise<void> {
  send({ type: 'events', batch: encoder.encode(batch) });
  unacked++;
  while (unacked >= WINDOW) await new Promise<void>((resolve) => (wake = resolve));
}

try {
  let batch: PreparedEvent[] = [];
  for await (const event of preparedEvents(workerData as SourceSetup)) {
    batch.push(event);
    if (batch.length === BATCH_EVENTS) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length > 0) send({ type: 'events', batch: encoder.encode(batch) });
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
