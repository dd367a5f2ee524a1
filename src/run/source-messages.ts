import type { MessagePort } from 'node:worker_threads';
import type { ErrorCode } from '../core/errors.js';
import type { SourceSetup } from './source-events.js';
import type { WireBatch } from './source-wire.js';

/**
 * Where records are normalized: `either` lets the worker hand the step to the main thread when that one
 * would wait (the default); `worker` and `main` pin it, for the tests that compare both.
 */
export type NormalizeOn = 'either' | 'worker' | 'main';

export interface SourceWorkerData {
  setup: SourceSetup;
  normalizeOn: NormalizeOn;
}

/** Events per message: large enough that posting costs little per event, small enough to start soon. */
export const BATCH_EVENTS = 512;
/** Batches the worker may send ahead of the main thread (bounds the memory between the threads). */
export const WINDOW = 8;

/** `start` hands the worker what to read and the channel to send its events on (see source-thread.ts). */
export type ToSourceWorker = { type: 'start'; data: SourceWorkerData; events: MessagePort } | { type: 'ack' };

/** On the worker's own port: "a message is waiting on the events channel". */
export type SourceWorkerSignal = { type: 'more' };

export interface SerializedError {
  importCode: ErrorCode | undefined;
  hint: string | undefined;
  message: string;
  stack: string | undefined;
}

export type FromSourceWorker =
  | { type: 'events'; batch: WireBatch }
  | { type: 'done' }
  | { type: 'error'; error: SerializedError };
