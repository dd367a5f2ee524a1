import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ImportError } from '../core/errors.js';
import type { SourceEvent } from '../core/source-adapter.js';
import { adapterEvents, type SourceSetup } from './source-events.js';
import type { FromSourceWorker, SerializedError } from './source-messages.js';
import { WireDecoder } from './source-wire.js';

/** The built worker beside this file; absent when the sources run untranspiled (the test runner). */
const WORKER_URL = new URL('./source-worker.js', import.meta.url);
/** Below this many bytes of exports, starting a thread (about 0.3 s to load the modules) costs more than it saves. */
const THREAD_MIN_BYTES = 2 * 2 ** 20;

/**
 * The source events of the exports, read on a worker thread when the exports are large and the built
 * worker is there (a second core parses while this thread normalizes, plans and journals), else in this
 * thread. Both give the same events in the same order. `inThread: true` forces this thread; a `workerUrl`
 * forces that worker, whatever the size.
 */
export function sourceEvents(
  setup: SourceSetup,
  options: { inThread?: boolean; workerUrl?: URL } = {},
): AsyncGenerator<SourceEvent> {
  if (options.inThread) return adapterEvents(setup);
  if (options.workerUrl) return threadEvents(setup, options.workerUrl);
  const large = setup.files.reduce((sum, file) => sum + sizeOf(file.path), 0) >= THREAD_MIN_BYTES;
  if (!large || !existsSync(fileURLToPath(WORKER_URL))) return adapterEvents(setup);
  return threadEvents(setup, WORKER_URL);
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the reader reports the file that cannot be opened
  }
}

async function* threadEvents(setup: SourceSetup, url: URL): AsyncGenerator<SourceEvent> {
  // A larger young generation: the reader allocates a short-lived string or object per cell.
  const worker = new Worker(url, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
  const inbox: FromSourceWorker[] = [];
  const decoder = new WireDecoder();
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: FromSourceWorker) => {
    inbox.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', (code) => {
    exited = true;
    if (code !== 0) failure ??= new Error(`the export reader thread stopped (exit code ${code})`);
    notify();
  });
  try {
    for (;;) {
      const message = inbox.shift();
      if (!message) {
        if (failure) throw failure;
        if (exited) throw new Error('the export reader thread stopped before the end of the exports');
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (message.type === 'done') return;
      if (message.type === 'error') throw revive(message.error);
      yield* decoder.decode(message.batch);
      worker.postMessage({ type: 'ack' });
    }
  } finally {
    await worker.terminate();
  }
}

/** The worker's error as this thread's: an ImportError keeps its code (and so its exit code) and hint. */
function revive(error: SerializedError): Error {
  if (error.importCode) return new ImportError(error.importCode, error.message, { hint: error.hint });
  const revived = new Error(error.message);
  if (error.stack) revived.stack = error.stack;
  return revived;
}
