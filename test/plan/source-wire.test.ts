import { types } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { SourceEvent } from '../../src/core/source-adapter.js';
import type { PreparedEvent } from '../../src/run/source-events.js';
import { WireDecoder, WireEncoder } from '../../src/run/source-wire.js';

function row(values: Record<string, string>): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    Object.defineProperty(raw, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return raw;
}

const origin = { file: '/exports/contacts.csv', line: 2 };
const record = (sourceId: string, raw: Record<string, string>): PreparedEvent => ({
  kind: 'record',
  record: {
    object: 'person',
    sourceId,
    origin,
    attributes: { email_addresses: { items: ['a@x.com'] } },
    raw,
    issues: [],
  },
});

describe('source events on the wire between threads', () => {
  it('gives back every event, its original values in column order, over several batches', () => {
    const encoder = new WireEncoder();
    const decoder = new WireDecoder();
    const withOtherEmails = record('0', row({ Email: 'z@x.com, y@x.com', Name: 'Z' }));
    if (withOtherEmails.kind === 'record') withOtherEmails.record.matchEmails = ['y@x.com'];
    const first: PreparedEvent[] = [
      withOtherEmails,
      record('1', row({ Email: 'a@x.com', Name: 'A' })),
      { kind: 'link', link: { dealSourceId: 'd1', personSourceId: '1', origin } },
      {
        kind: 'link',
        link: {
          dealSourceId: 'd1',
          personSourceId: '',
          origin,
          problem: {
            code: 'MISSING_PERSON',
            severity: 'warning',
            message: 'No person named "Jo"',
            value: 'Jo',
          },
        },
      },
      {
        kind: 'skip',
        skip: {
          object: 'person',
          sourceId: '2',
          origin,
          reason: 'deleted',
          raw: row({ Email: 'b@x.com', Name: 'B' }),
          issue: { code: 'CSV_RAGGED_ROW', severity: 'error', message: 'ragged' },
        },
      },
    ];
    // A ragged row adds a column; a column literally named __proto__ must stay a value.
    const second: PreparedEvent[] = [
      record('3', row({ Email: 'c@x.com', Name: 'C', 'Column 3': 'extra' })),
      record(
        '4',
        row(
          Object.fromEntries([
            ['Email', 'd@x.com'],
            ['__proto__', 'not a prototype'],
          ]),
        ),
      ),
      record('5', row({ Email: 'e@x.com', Name: 'E' })),
    ];
    const wire = [encoder.encode(first, true), encoder.encode(second, true)];
    // Each file path goes once, the first time it is seen.
    expect(wire[0]!.files).toEqual([[0, '/exports/contacts.csv']]);
    expect(wire[1]!.files).toEqual([]);
    expect(wire[1]!.columns.map(([, names]) => names)).toEqual([
      ['Email', 'Name', 'Column 3'],
      ['Email', '__proto__'],
    ]);
    const decoded = [
      ...decoder.decode(structuredClone(wire[0]!)).events,
      ...decoder.decode(structuredClone(wire[1]!)).events,
    ];
    expect(decoded).toEqual([...first, ...second]);
    const proto = decoded[6]!.kind === 'record' ? decoded[6]!.record.raw : {};
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['Email', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(proto, '__proto__')?.value).toBe('not a prototype');
  });

  it("a record's original values, built on first read, answer every way a plain object does", () => {
    const encoder = new WireEncoder();
    const decoder = new WireDecoder();
    const plain = row(
      Object.fromEntries([
        ['Email', 'a@x.com'],
        ['Name', 'Ann "A"'],
        ['__proto__', 'p'],
      ]),
    );
    const batch = encoder.encode([record('1', plain)], true);
    const reads: ((raw: Record<string, string>) => unknown)[] = [
      (raw) => JSON.stringify(raw),
      (raw) => Object.keys(raw),
      (raw) => Object.entries(raw),
      (raw) => ({ ...raw }),
      (raw) => raw.Name,
      (raw) => 'Email' in raw,
      (raw) => Object.hasOwn(raw, '__proto__'),
      (raw) => Object.getPrototypeOf(raw) === Object.prototype,
    ];
    for (const read of reads) {
      // A fresh decode for each, so that each kind of read is the first one.
      const [event] = decoder.decode(structuredClone(batch)).events;
      const raw = event!.kind === 'record' ? event!.record.raw : {};
      expect(read(raw)).toEqual(read(plain));
    }
    const [event] = decoder.decode(structuredClone(batch)).events;
    const raw = event!.kind === 'record' ? event!.record.raw : {};
    raw.Name = 'changed';
    expect(raw).toEqual({ ...plain, Name: 'changed' });
  });

  it("builds a record's original values plain at once when told to (a run journals every row's)", () => {
    const plain = row(
      Object.fromEntries([
        ['Email', 'a@x.com'],
        ['Name', 'Ann "A"'],
        ['__proto__', 'p'],
      ]),
    );
    const batch = new WireEncoder().encode([record('1', plain)], true);
    const eager = new WireDecoder({ lazyRaw: false }).decode(structuredClone(batch)).events[0]!;
    const lazy = new WireDecoder().decode(structuredClone(batch)).events[0]!;
    const rawOf = (event: PreparedEvent | SourceEvent) => (event.kind === 'record' ? event.record.raw : {});
    expect(types.isProxy(rawOf(eager))).toBe(false);
    expect(types.isProxy(rawOf(lazy))).toBe(true);
    expect(JSON.stringify(rawOf(eager))).toBe(JSON.stringify(plain));
    expect(JSON.stringify(rawOf(lazy))).toBe(JSON.stringify(plain));
  });

  it('refuses a batch whose column list it never saw (batches out of order)', () => {
    const encoder = new WireEncoder();
    encoder.encode([record('1', row({ Email: 'a@x.com' }))], true);
    const later = encoder.encode([record('2', row({ Email: 'b@x.com' }))], true);
    expect(() => new WireDecoder().decode(later)).toThrow(/out of order/);
  });

  it('carries batches left for the receiver to normalize, flagged, between normalized ones', () => {
    const encoder = new WireEncoder();
    const decoder = new WireDecoder();
    const normalized = [record('1', row({ Email: 'a@x.com', Name: 'A' }))];
    const unnormalized: SourceEvent[] = [
      {
        kind: 'record',
        record: {
          object: 'person',
          sourceId: '2',
          origin: { file: '/exports/contacts.csv', line: 3 },
          fields: { email_addresses: ['B@X.com'], first_name: ' B ' },
          companySourceId: 'c9',
          region: 'United States',
          raw: row({ Email: 'B@X.com', Name: ' B ' }),
          issues: [],
        },
      },
    ];
    const first = decoder.decode(structuredClone(encoder.encode(normalized, true)));
    const second = decoder.decode(structuredClone(encoder.encode(unnormalized, false)));
    expect(first).toEqual({ normalized: true, events: normalized });
    expect(second).toEqual({ normalized: false, events: unnormalized });
  });
});
