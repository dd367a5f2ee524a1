import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { ImportError } from '../core/errors.js';
import { eventPreparer, type PreparedEvent, preparedBatches, type SourceSetup } from './source-events.js';
import type { FromSourceWorker, NormalizeOn, SerializedError, ToSourceWorker } from './source-messages.js';
import { WireDecoder } from './source-wire.js';

/** The built worker beside this file; absent when the sources run untranspiled (the test runner). */
const WORKER_URL = new URL('./source-worker.js', import.meta.url);
/**
 * Below this many bytes of exports, starting a thread (about 0.3 s to load the modules) costs more than it
 * saves. `CLARIFY_IMPORT_THREAD_MIN_BYTES` overrides it (0: always a thread), for tuning and for the tests
 * that run small exports through the thread.
 */
function threadMinBytes(): number {
  const set = Number.parseInt(process.env.CLARIFY_IMPORT_THREAD_MIN_BYTES ?? '', 10);
  return Number.isFinite(set) && set >= 0 ? set : 2 * 2 ** 20;
}

/**
 * Source events to iterate once, in batches (a million rows through an async iterator one at a time cost a
 * promise and a turn of the microtask queue each); `close` stops the reading (and its thread) whether or not
 * it was iterated.
 */
export interface SourceStream extends AsyncIterable<readonly PreparedEvent[]> {
  /** Whether a worker thread reads the exports. */
  readonly threaded: boolean;
  close(): Promise<void>;
}

/**
 * The prepared events of the exports, read and normalized on a worker thread when the exports are large and the built
 * worker is there (a second core parses and normalizes while this thread plans and journals), else in this
 * thread. Both give the same events in the same order. The thread starts at once, so it boots and reads
 * ahead while the caller snapshots the workspace. `inThread: true` forces this thread; a `workerUrl` forces
 * that worker, whatever the size.
 */
export function openSourceEvents(
  setup: SourceSetup,
  options: {
    inThread?: boolean;
    workerUrl?: URL;
    normalizeOn?: NormalizeOn;
    /**
     * `lazy` (the default) builds a record's original values from the thread's message only when something
     * reads them: a plan reads them for a few rows in a thousand. A run journals them for every row, and
     * serializing the lazy object costs ten times a plain one's: `eager` builds them plain.
     */
    rawValues?: 'lazy' | 'eager';
  } = {},
): SourceStream {
  const normalizeOn = options.normalizeOn ?? 'either';
  const lazyRaw = options.rawValues !== 'eager';
  if (options.inThread) return inThread(setup);
  if (options.workerUrl) return onWorker(setup, options.workerUrl, normalizeOn, lazyRaw);
  const large = setup.files.reduce((sum, file) => sum + sizeOf(file.path), 0) >= threadMinBytes();
  if (!large || !existsSync(fileURLToPath(WORKER_URL))) {
    stopWarmSourceThread();
    return inThread(setup);
  }
  return onWorker(setup, WORKER_URL, normalizeOn, lazyRaw, takeWarm());
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the reader reports the file that cannot be opened
  }
}

/** Events per batch when the exports are read in this thread. */
const IN_THREAD_BATCH = 256;

function inThread(setup: SourceSetup): SourceStream {
  const stream: AsyncGenerator<PreparedEvent[]> = preparedBatches(setup, IN_THREAD_BATCH);
  return {
    threaded: false,
    [Symbol.asyncIterator]: () => stream,
    close: async () => {
      await stream.return(undefined);
    },
  };
}

function newWorker(url: URL): Worker {
  // With the reader thread, two threads keep two cores busy. On a machine with no more cores than that, the
  // helper tasks of V8's parallel young-generation collection only contend with those two threads: with one
  // collector thread per heap, a million-contact plan took 5% less time and 2.5 s less CPU on two cores.
  // Where more cores are idle, the parallel collection uses them and stays on. (The flag is read at every
  // collection, so setting it now takes effect for both threads.)
  if (availableParallelism() <= 2) setFlagsFromString('--no-parallel-scavenge');
  // A large young generation: the reader allocates short-lived strings and objects for every cell, and with
  // the default most of them lived long enough to be copied into the old generation (on a million contacts
  // the thread spent 7.5 s collecting garbage; with 96 MB, 2.4 s).
  return new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 96 } });
}

/** A thread started ahead of need by warmSourceThread, loading its modules while the command starts. */
let warm: { worker: Worker; exited: boolean } | undefined;

/**
 * Starts the reader thread now, before the exports and the schema are known: loading its modules takes about
 * 0.3 s, which then overlaps the command's own start (mapping, headers, schema, snapshot) on the other core
 * instead of delaying the first rows. It does not keep the process alive, and it is stopped unused when the
 * exports turn out small enough to read in this thread.
 */
export function warmSourceThread(): void {
  if (warm || !existsSync(fileURLToPath(WORKER_URL))) return;
  const started = { worker: newWorker(WORKER_URL), exited: false };
  started.worker.unref();
  // A warm thread that failed to load is not used: the reading gets a new thread, and its own error if any.
  started.worker.on('error', () => {});
  started.worker.once('exit', () => {
    started.exited = true;
  });
  warm = started;
}

/** Stops the warm thread when the command turns out not to read the exports (a `run` that resumes). */
export function stopWarmSourceThread(): void {
  void takeWarm()?.terminate();
}

/** The warm thread, if there is one still alive; it is then the caller's. */
function takeWarm(): Worker | undefined {
  const taken = warm;
  warm = undefined;
  if (!taken || taken.exited) return undefined;
  taken.worker.ref();
  return taken.worker;
}

function onWorker(
  setup: SourceSetup,
  url: URL,
  normalizeOn: NormalizeOn,
  lazyRaw: boolean,
  given?: Worker,
): SourceStream {
  const worker = given ?? newWorker(url);
  // The batches come on a channel of their own and are taken off it one at a time, when the planner wants
  // the next: a message delivered as an event is deserialized on arrival, so the batches the worker had
  // sent ahead lived here as objects, survived each young-generation collection and were copied by it
  // (9.3 s of a 1M plan's main thread went to those collections; 3.1 s with one batch at a time). Queued on
  // the channel they stay serialized, outside the JavaScript heap. The worker's own port only says
  // "there is more" (and carries its errors and exit).
  const channel = new MessageChannel();
  const start: ToSourceWorker = { type: 'start', data: { setup, normalizeOn }, events: channel.port2 };
  worker.postMessage(start, [channel.port2]);
  // For the batches the worker leaves to this thread to normalize (see source-worker.ts).
  const prepare = eventPreparer(setup);
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', notify);
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', (code) => {
    exited = true;
    if (code !== 0) failure ??= new Error(`the export reader thread stopped (exit code ${code})`);
    notify();
  });
  const close = async () => {
    channel.port1.close();
    if (!exited) await worker.terminate();
  };

  async function* events(): AsyncGenerator<PreparedEvent[]> {
    const decoder = new WireDecoder({ lazyRaw });
    try {
      for (;;) {
        // Posted before its "more" signal, so a batch is always on the channel by the time it is signalled.
        const message = receiveMessageOnPort(channel.port1)?.message as FromSourceWorker | undefined;
        if (!message) {
          if (failure) throw failure;
          if (exited) throw new Error('the export reader thread stopped before the end of the exports');
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        if (message.type === 'done') return;
        if (message.type === 'error') throw revive(message.error);
        const decoded = decoder.decode(message.batch);
        yield decoded.normalized ? decoded.events : decoded.events.map(prepare);
        worker.postMessage({ type: 'ack' } satisfies ToSourceWorker);
      }
    } finally {
      await close();
    }
  }
  return { threaded: true, [Symbol.asyncIterator]: events, close };
}

/** The worker's error as this thread's: an ImportError keeps its code (and so its exit code) and hint. */
function revive(error: SerializedError): Error {
  if (error.importCode) return new ImportError(error.importCode, error.message, { hint: error.hint });
  const revived = new Error(error.message);
  if (error.stack) revived.stack = error.stack;
  return revived;
}
