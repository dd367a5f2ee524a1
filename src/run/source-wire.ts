import type { CanonicalRecord, SourceLink, SourceRecord } from '../core/records.js';
import type { SourcePosition } from '../core/rows.js';
import type { Attributes } from '../core/schema.js';
import type { SourceEvent } from '../core/source-adapter.js';
import { setValue } from '../read/index.js';
import type { PreparedEvent } from './source-events.js';

/** Either what the adapter yields or the same with its records normalized: a batch holds one kind. */
type AnyEvent = PreparedEvent | SourceEvent;

/**
 * Prepared source events as they cross from the reader thread. Two things repeat on every row and go once
 * instead, as numbers: the column names of a row's original values, and the file of its position. They were
 * a third of the bytes, and the reader thread is the slower of the two.
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

const VALUE_SEPARATOR = '\u0000';

/**
 * Each event crosses as a flat array, its fields in a fixed order, instead of nested objects: structured
 * clone writes and reads every object's keys and structure, and taking events apart again on the main thread
 * cost more than making them on the reader thread. Flat, a batch clones in about 60% of the time. A row's
 * original values go joined by NUL into one string, with the number of their column list (the reader strips
 * NUL bytes from every cell, so none is in a value); a position goes as the number of its file and its line.
 *
 * - record: `[RECORD, object, sourceId, file, line, attributes or fields, companySourceId | null, issues | 0, columns, values, region | null]`
 *   (region: the row's country, which only a record still to normalize needs, for its phone numbers), then
 *   `matchEmails` when the record has them
 * - skip:   `[SKIP, object, sourceId, file, line, reason, issue, columns, values]`
 * - link:   `[LINK, dealSourceId, personSourceId, file, line]`, then `problem` when the link has one
 * - issue:  `[ISSUE, issue]`
 */
const RECORD = 0;
const SKIP = 1;
const LINK = 2;
const ISSUE = 3;

type SkipRow = Extract<AnyEvent, { kind: 'skip' }>['skip'];
type IssueOf = Extract<AnyEvent, { kind: 'issue' }>['issue'];
type WireRecord = [
  typeof RECORD,
  SkipRow['object'],
  string,
  number,
  number,
  Attributes | SourceRecord['fields'],
  string | null,
  IssueOf[] | 0,
  number,
  string,
  string | null,
  string[]?,
];
type WireSkip = [typeof SKIP, SkipRow['object'], string, number, number, string, IssueOf, number, string];
type WireLink = [typeof LINK, string, string, number, number, IssueOf?];
type WireIssue = [typeof ISSUE, IssueOf];
type WireEvent = WireRecord | WireSkip | WireLink | WireIssue;

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
    for (const event of events) {
      if (event.kind === 'record') {
        const { record } = event;
        const content = 'attributes' in record ? record.attributes : record.fields;
        const wire: WireRecord = [
          RECORD,
          record.object,
          record.sourceId,
          this.#file(record.origin.file, batch),
          record.origin.line,
          content,
          record.companySourceId ?? null,
          record.issues.length > 0 ? record.issues : 0,
          this.#columns(Object.keys(record.raw), batch),
          Object.values(record.raw).join(VALUE_SEPARATOR),
          ('region' in record ? record.region : undefined) ?? null,
        ];
        if (record.matchEmails) wire.push(record.matchEmails);
        batch.events.push(wire);
      } else if (event.kind === 'skip') {
        const { skip } = event;
        batch.events.push([
          SKIP,
          skip.object,
          skip.sourceId,
          this.#file(skip.origin.file, batch),
          skip.origin.line,
          skip.reason,
          skip.issue,
          this.#columns(Object.keys(skip.raw), batch),
          Object.values(skip.raw).join(VALUE_SEPARATOR),
        ]);
      } else if (event.kind === 'link') {
        const { link } = event;
        const wire: WireLink = [
          LINK,
          link.dealSourceId,
          link.personSourceId,
          this.#file(link.origin.file, batch),
          link.origin.line,
        ];
        if (link.problem) wire.push(link.problem);
        batch.events.push(wire);
      } else batch.events.push([ISSUE, event.issue]);
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
  readonly #lazyRaw: boolean;

  /** `lazyRaw`: records' original values built when first read (LazyRawValues), or plain at once. */
  constructor(options: { lazyRaw?: boolean } = {}) {
    this.#lazyRaw = options.lazyRaw ?? true;
  }

  decode(batch: WireBatch): DecodedBatch {
    for (const [number, names] of batch.columns) this.#columns[number] = names;
    for (const [number, path] of batch.files) this.#files[number] = path;
    const events = batch.events.map((event): AnyEvent => {
      switch (event[0]) {
        case RECORD: {
          const origin = this.#origin(event[3], event[4]);
          const raw = this.#lazyRaw ? this.#lazyRawValues(event[8], event[9]) : this.#raw(event[8], event[9]);
          const issues = event[7] === 0 ? [] : event[7];
          // One object shape per kind of batch (the flag says which), with companySourceId only when set.
          if (batch.normalized) {
            const record: CanonicalRecord = {
              object: event[1],
              sourceId: event[2],
              origin,
              attributes: event[5] as Attributes,
              raw,
              issues,
            };
            if (event[6] !== null) record.companySourceId = event[6];
            if (event[11]) record.matchEmails = event[11];
            return { kind: 'record', record };
          }
          const record: SourceRecord = {
            object: event[1],
            sourceId: event[2],
            origin,
            fields: event[5] as SourceRecord['fields'],
            raw,
            issues,
          };
          if (event[6] !== null) record.companySourceId = event[6];
          if (event[10] !== null) record.region = event[10];
          if (event[11]) record.matchEmails = event[11];
          return { kind: 'record', record };
        }
        case SKIP:
          return {
            kind: 'skip',
            skip: {
              object: event[1],
              sourceId: event[2],
              origin: this.#origin(event[3], event[4]),
              reason: event[5],
              raw: this.#raw(event[7], event[8]),
              issue: event[6],
            },
          };
        case LINK: {
          const link: SourceLink = {
            dealSourceId: event[1],
            personSourceId: event[2],
            origin: this.#origin(event[3], event[4]),
          };
          if (event[5]) link.problem = event[5];
          return { kind: 'link', link };
        }
        default: // ISSUE
          return { kind: 'issue', issue: event[1] };
      }
    });
    // The encoder's overloads keep a batch to one kind, which its flag says.
    return batch.normalized
      ? { normalized: true, events: events as PreparedEvent[] }
      : { normalized: false, events: events as SourceEvent[] };
  }

  #origin(fileNumber: number, line: number): SourcePosition {
    const file = this.#files[fileNumber];
    if (file === undefined)
      throw new Error(`source events arrived out of order (file ${fileNumber} unknown)`);
    return { file, line };
  }

  #names(columns: number): string[] {
    const names = this.#columns[columns];
    if (!names) throw new Error(`source events arrived out of order (column list ${columns} unknown)`);
    return names;
  }

  #raw(columns: number, joinedValues: string): Record<string, string> {
    return rawValues(this.#names(columns), joinedValues, {});
  }

  /** A record's original values, built only when first read (see LazyRawValues). */
  #lazyRawValues(columns: number, joinedValues: string): Record<string, string> {
    return new Proxy({}, new LazyRawValues(this.#names(columns), joinedValues));
  }
}

/** Fills `values` with a row's original values, as the reader made them: a column named `__proto__` stays a value. */
function rawValues(
  names: string[],
  joinedValues: string,
  values: Record<string, string>,
): Record<string, string> {
  const joined = joinedValues.split(VALUE_SEPARATOR);
  for (let i = 0; i < names.length; i++) setValue(values, names[i]!, joined[i]!);
  return values;
}

/**
 * A record's original values as an ordinary-looking object that is built on first use. A plan reads them only
 * for the rows it skips or fails (plan.jsonl, errors.csv), a few in a thousand; building them for every row
 * was a twelfth of the main thread's work at a million contacts, with the garbage it made (measured: 6–7%
 * of the plan's wall time). Any read (a key, the list of keys, JSON.stringify, a spread) first fills the
 * proxy's target with the values, and from then on the target answers.
 */
class LazyRawValues implements ProxyHandler<Record<string, string>> {
  #names: string[] | undefined;
  readonly #joined: string;

  constructor(names: string[], joined: string) {
    this.#names = names;
    this.#joined = joined;
  }

  #fill(target: Record<string, string>): Record<string, string> {
    if (this.#names !== undefined) {
      rawValues(this.#names, this.#joined, target);
      this.#names = undefined;
    }
    return target;
  }

  get(target: Record<string, string>, key: string | symbol, receiver: unknown): unknown {
    return Reflect.get(this.#fill(target), key, receiver);
  }
  has(target: Record<string, string>, key: string | symbol): boolean {
    return Reflect.has(this.#fill(target), key);
  }
  ownKeys(target: Record<string, string>): (string | symbol)[] {
    return Reflect.ownKeys(this.#fill(target));
  }
  getOwnPropertyDescriptor(
    target: Record<string, string>,
    key: string | symbol,
  ): PropertyDescriptor | undefined {
    return Reflect.getOwnPropertyDescriptor(this.#fill(target), key);
  }
  set(target: Record<string, string>, key: string | symbol, value: unknown, receiver: unknown): boolean {
    return Reflect.set(this.#fill(target), key, value, receiver);
  }
  defineProperty(
    target: Record<string, string>,
    key: string | symbol,
    descriptor: PropertyDescriptor,
  ): boolean {
    return Reflect.defineProperty(this.#fill(target), key, descriptor);
  }
  deleteProperty(target: Record<string, string>, key: string | symbol): boolean {
    return Reflect.deleteProperty(this.#fill(target), key);
  }
  preventExtensions(target: Record<string, string>): boolean {
    return Reflect.preventExtensions(this.#fill(target));
  }
}
