import type { PreparedEvent } from './source-events.js';

/**
 * Prepared source events as they cross from the reader thread: the original values of a row (`raw`, one entry per
 * column) go as a plain list of values plus the number of their column list, sent once. Posting a row's
 * column names with every row was a third of the bytes, and the reader thread is the slower of the two.
 */
export interface WireBatch {
  /** Column lists first seen in this batch: [number, names]. */
  columns: [number, string[]][];
  events: WireEvent[];
}

type WireRaw = { columns: number; values: string[] };
type WireEvent =
  | Exclude<PreparedEvent, { kind: 'record' } | { kind: 'skip' }>
  | {
      kind: 'record';
      record: Omit<Extract<PreparedEvent, { kind: 'record' }>['record'], 'raw'> & { raw: WireRaw };
    }
  | { kind: 'skip'; skip: Omit<Extract<PreparedEvent, { kind: 'skip' }>['skip'], 'raw'> & { raw: WireRaw } };

/** Numbers the column lists it has seen; one encoder per stream. */
export class WireEncoder {
  readonly #numbers = new Map<string, number>();

  encode(events: PreparedEvent[]): WireBatch {
    const columns: [number, string[]][] = [];
    const raw = (values: Record<string, string>): WireRaw => {
      const names = Object.keys(values);
      const key = names.join('\u0000');
      let number = this.#numbers.get(key);
      if (number === undefined) {
        number = this.#numbers.size;
        this.#numbers.set(key, number);
        columns.push([number, names]);
      }
      return { columns: number, values: Object.values(values) };
    };
    const wire = events.map((event): WireEvent => {
      if (event.kind === 'record')
        return { kind: 'record', record: { ...event.record, raw: raw(event.record.raw) } };
      if (event.kind === 'skip') return { kind: 'skip', skip: { ...event.skip, raw: raw(event.skip.raw) } };
      return event;
    });
    return { columns, events: wire };
  }
}

/** Rebuilds the events on the receiving side; batches must be decoded in the order they were encoded. */
export class WireDecoder {
  readonly #columns: string[][] = [];

  decode(batch: WireBatch): PreparedEvent[] {
    for (const [number, names] of batch.columns) this.#columns[number] = names;
    return batch.events.map((event): PreparedEvent => {
      if (event.kind === 'record')
        return { kind: 'record', record: { ...event.record, raw: this.#raw(event.record.raw) } };
      if (event.kind === 'skip')
        return { kind: 'skip', skip: { ...event.skip, raw: this.#raw(event.skip.raw) } };
      return event;
    });
  }

  #raw(wire: WireRaw): Record<string, string> {
    const names = this.#columns[wire.columns];
    if (!names) throw new Error(`source events arrived out of order (column list ${wire.columns} unknown)`);
    const values: Record<string, string> = {};
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      // A column named `__proto__` must stay a value, as the reader made it, not set the prototype.
      if (name === '__proto__') {
        Object.defineProperty(values, name, {
          value: wire.values[i]!,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else values[name] = wire.values[i]!;
    }
    return values;
  }
}
