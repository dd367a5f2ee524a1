import type { SourcePosition } from '../core/rows.js';
import type { SourceEvent } from '../core/source-adapter.js';
import { setValue } from '../read/index.js';
import type { PreparedEvent } from './source-events.js';

/** Either what the adapter yields or the same with its records normalized: a batch holds one kind. */
type AnyEvent = PreparedEvent | SourceEvent;

/**
 * Prepared source events as they cross from the reader thread. Two things repeat on every row and go once
 * instead, as numbers: the column names of a row's original values (`raw` goes as a list of values), and
 * the file of its position. They were a third of the bytes, and the reader thread is the slower of the two.
 */
export interface WireBatch {
  /** Whether the records are normalized (PreparedEvent) or left to the receiver (SourceEvent). */
  normalized: boolean;
  /** Column lists first seen in this batch: [number, names]. */
  columns: [number, string[]][];
  /** File paths first seen in this batch: [number, path]. */
  files: [number, string][];
  events: WireEvent[];
}

/**
 * A row's original values, joined by NUL: one string crosses the thread boundary where the values one by one
 * made a third of the cost of cloning a batch. The reader strips NUL bytes from every cell, so none is in a
 * value.
 */
type WireRaw = { columns: number; values: string };
const VALUE_SEPARATOR = '\u0000';
type WireOrigin = { file: number; line: number };
type Wired<T, K extends keyof T> = Omit<T, K> & { [P in K]: P extends 'raw' ? WireRaw : WireOrigin };
type RecordOf<E> = E extends { kind: 'record'; record: infer R } ? R : never;
type SkipOf<E> = E extends { kind: 'skip'; skip: infer S } ? S : never;
type LinkOf<E> = E extends { kind: 'link'; link: infer L } ? L : never;
type WireEvent =
  | Extract<AnyEvent, { kind: 'issue' }>
  | { kind: 'record'; record: Wired<RecordOf<PreparedEvent>, 'raw' | 'origin'> }
  | { kind: 'record'; record: Wired<RecordOf<SourceEvent>, 'raw' | 'origin'> }
  | { kind: 'skip'; skip: Wired<SkipOf<AnyEvent>, 'raw' | 'origin'> }
  | { kind: 'link'; link: Wired<LinkOf<AnyEvent>, 'origin'> };

/** A decoded batch: its events, of the kind it was sent with. */
export type DecodedBatch =
  | { normalized: true; events: PreparedEvent[] }
  | { normalized: false; events: SourceEvent[] };

/** Numbers the column lists and files it has seen; one encoder per stream. */
export class WireEncoder {
  readonly #columnNumbers = new Map<string, number>();
  readonly #fileNumbers = new Map<string, number>();
  /** The last column list: consecutive rows of a file nearly always have the same. */
  #last: { names: string[]; number: number } | undefined;

  encode(events: readonly PreparedEvent[], normalized: true): WireBatch;
  encode(events: readonly SourceEvent[], normalized: false): WireBatch;
  encode(events: readonly AnyEvent[], normalized: boolean): WireBatch {
    const batch: WireBatch = { normalized, columns: [], files: [], events: [] };
    const raw = (values: Record<string, string>): WireRaw => ({
      columns: this.#columns(Object.keys(values), batch),
      values: Object.values(values).join(VALUE_SEPARATOR),
    });
    const origin = (position: SourcePosition): WireOrigin => ({
      file: this.#file(position.file, batch),
      line: position.line,
    });
    for (const event of events) {
      if (event.kind === 'record') {
        const { record } = event;
        batch.events.push({
          kind: 'record',
          record: { ...record, raw: raw(record.raw), origin: origin(record.origin) },
        } as WireEvent);
      } else if (event.kind === 'skip') {
        const { skip } = event;
        batch.events.push({
          kind: 'skip',
          skip: { ...skip, raw: raw(skip.raw), origin: origin(skip.origin) },
        });
      } else if (event.kind === 'link') {
        batch.events.push({ kind: 'link', link: { ...event.link, origin: origin(event.link.origin) } });
      } else batch.events.push(event);
    }
    return batch;
  }

  #columns(names: string[], batch: WireBatch): number {
    const last = this.#last;
    if (last && last.names.length === names.length && last.names.every((name, i) => name === names[i])) {
      return last.number;
    }
    const key = names.join('\u0000');
    let number = this.#columnNumbers.get(key);
    if (number === undefined) {
      number = this.#columnNumbers.size;
      this.#columnNumbers.set(key, number);
      batch.columns.push([number, names]);
    }
    this.#last = { names, number };
    return number;
  }

  #file(path: string, batch: WireBatch): number {
    let number = this.#fileNumbers.get(path);
    if (number === undefined) {
      number = this.#fileNumbers.size;
      this.#fileNumbers.set(path, number);
      batch.files.push([number, path]);
    }
    return number;
  }
}

/** Rebuilds the events on the receiving side; batches must be decoded in the order they were encoded. */
export class WireDecoder {
  readonly #columns: string[][] = [];
  readonly #files: string[] = [];

  decode(batch: WireBatch): DecodedBatch {
    for (const [number, names] of batch.columns) this.#columns[number] = names;
    for (const [number, path] of batch.files) this.#files[number] = path;
    const events = batch.events.map((event): AnyEvent => {
      if (event.kind === 'record') {
        const { record } = event;
        return {
          kind: 'record',
          record: { ...record, raw: this.#raw(record.raw), origin: this.#origin(record.origin) },
        } as AnyEvent;
      }
      if (event.kind === 'skip') {
        const { skip } = event;
        return {
          kind: 'skip',
          skip: { ...skip, raw: this.#raw(skip.raw), origin: this.#origin(skip.origin) },
        };
      }
      if (event.kind === 'link')
        return { kind: 'link', link: { ...event.link, origin: this.#origin(event.link.origin) } };
      return event;
    });
    // The encoder's overloads keep a batch to one kind, which its flag says.
    return batch.normalized
      ? { normalized: true, events: events as PreparedEvent[] }
      : { normalized: false, events: events as SourceEvent[] };
  }

  #origin(wire: WireOrigin): SourcePosition {
    const file = this.#files[wire.file];
    if (file === undefined) throw new Error(`source events arrived out of order (file ${wire.file} unknown)`);
    return { file, line: wire.line };
  }

  #raw(wire: WireRaw): Record<string, string> {
    const names = this.#columns[wire.columns];
    if (!names) throw new Error(`source events arrived out of order (column list ${wire.columns} unknown)`);
    const values: Record<string, string> = {};
    const joined = wire.values.split(VALUE_SEPARATOR);
    // As the reader made it: a column named `__proto__` stays a value.
    for (let i = 0; i < names.length; i++) setValue(values, names[i]!, joined[i]!);
    return values;
  }
}
