import { describe, expect, it } from 'vitest';
import { IntColumn } from '../../src/core/compact/int-column.js';
import { StringIndex } from '../../src/core/compact/string-index.js';
import { StringStore } from '../../src/core/compact/string-store.js';
import { seededRandom } from '../../src/sandbox/prng.js';

describe('IntColumn', () => {
  it('grows past its first capacity and keeps every value', () => {
    const column = new IntColumn();
    for (let i = 0; i < 5000; i++) column.push(i * 3 - 7);
    expect(column.length).toBe(5000);
    expect(column.get(4999)).toBe(4999 * 3 - 7);
    column.set(10, -1);
    expect(column.get(10)).toBe(-1);
    expect(() => column.get(5000)).toThrow(RangeError);
  });
});

describe('StringStore', () => {
  it('gives back every string exactly, across chunks, with any characters', () => {
    const store = new StringStore();
    const values = ['', 'a@x.com', 'Zoë Ångström', '日本語の名前', '😀 emoji', 'x'.repeat(10_000)];
    // Enough short strings to fill more than one 2 MiB chunk.
    for (let i = 0; i < 120_000; i++) values.push(`person-${i}@example-${i % 97}.com`);
    const ids = values.map((value) => store.add(value));
    expect(ids.every((id, i) => store.get(id) === values[i])).toBe(true);
    expect(store.equals(ids[2]!, 'Zoë Ångström')).toBe(true);
    expect(store.equals(ids[2]!, 'Zoe Angstrom')).toBe(false);
    expect(store.equals(ids[1]!, 'a@x.co')).toBe(false);
    // Latin-1 text is kept one byte a character, the rest two: a compare across the two must not match.
    expect(store.equals(ids[2]!, 'Zoē Ångström')).toBe(false);
    expect(store.equals(ids[3]!, '日本語の名前')).toBe(true);
    expect(store.get(store.add('ÿ\u0100'))).toBe('ÿ\u0100');
  });

  it('keeps a string longer than a chunk as it is', () => {
    const store = new StringStore();
    const long = 'ab'.repeat(600_000);
    const id = store.add(long);
    expect(store.get(id)).toBe(long);
    expect(store.equals(id, long)).toBe(true);
  });
});

describe('StringIndex', () => {
  it('behaves like a Map<string, number> over many random keys, repeats and near-misses', () => {
    const index = new StringIndex();
    const model = new Map<string, number>();
    const random = seededRandom(42); // seeded, so a failure can be replayed
    for (let i = 0; i < 60_000; i++) {
      // Few distinct keys among many operations: repeats, updates and keys that differ in one character.
      const key = `${Math.floor(random() * 20_000)}@d${Math.floor(random() * 3)}.com`;
      if (random() < 0.6) {
        index.set(key, i);
        model.set(key, i);
      }
      expect(index.get(key)).toBe(model.get(key));
    }
    expect(index.size).toBe(model.size);
    for (const [key, value] of model) expect(index.get(key)).toBe(value);
    expect(index.has('not-a-key')).toBe(false);
    expect(index.get('')).toBeUndefined();
    index.set('', -5);
    expect(index.get('')).toBe(-5);
  });

  it('finds every key after the table has grown many times, among keys that differ by one character', () => {
    const index = new StringIndex();
    const keys = Array.from({ length: 3000 }, (_, i) => `k${String.fromCharCode(65 + (i % 26))}${i}`);
    for (const [i, key] of keys.entries()) index.set(key, i);
    expect(keys.map((key) => index.get(key))).toEqual(keys.map((_, i) => i));
  });

  it('addIfAbsent adds a new key once and leaves an existing one as it was', () => {
    const index = new StringIndex();
    const model = new Map<string, number>();
    const random = seededRandom(7);
    for (let i = 0; i < 20_000; i++) {
      const key = `${Math.floor(random() * 5000)}\u0000p${Math.floor(random() * 2)}`;
      expect(index.addIfAbsent(key, i)).toBe(!model.has(key));
      if (!model.has(key)) model.set(key, i);
    }
    expect(index.size).toBe(model.size);
    for (const [key, value] of model) expect(index.get(key)).toBe(value);
  });
});
