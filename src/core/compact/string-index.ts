import { IntColumn } from './int-column.js';
import { StringStore } from './string-store.js';

/** 32-bit FNV-1a over UTF-16 code units. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * A map from strings to 32-bit integers for the per-row indexes of a million-row export (source id → row,
 * e-mail → row): open addressing over typed arrays, keys in a StringStore. About a third of the memory
 * of a `Map<string, number>` of short keys, and nothing for the garbage collector to trace. Keys are never
 * removed (the indexes only grow while an export is read).
 */
export class StringIndex {
  readonly #keys = new StringStore();
  readonly #hashes = new IntColumn();
  readonly #values = new IntColumn();
  /** Entry number + 1 per bucket; 0 is an empty bucket. Kept at most half full. */
  #table = new Int32Array(1024);

  get size(): number {
    return this.#keys.size;
  }

  get(key: string): number | undefined {
    const entry = this.#find(key, hashOf(key));
    return entry < 0 ? undefined : this.#values.get(entry);
  }

  has(key: string): boolean {
    return this.#find(key, hashOf(key)) >= 0;
  }

  /** Sets the value of `key`, adding the key when it is new. */
  set(key: string, value: number): void {
    const hash = hashOf(key);
    const entry = this.#find(key, hash);
    if (entry >= 0) this.#values.set(entry, value);
    else this.#append(key, hash, value);
  }

  /** Adds `key` with `value` when it is new (true); leaves an existing key as it is (false). One lookup. */
  addIfAbsent(key: string, value: number): boolean {
    const hash = hashOf(key);
    if (this.#find(key, hash) >= 0) return false;
    this.#append(key, hash, value);
    return true;
  }

  #append(key: string, hash: number, value: number): void {
    if ((this.#keys.size + 1) * 2 > this.#table.length) this.#grow();
    const added = this.#keys.add(key);
    this.#hashes.push(hash);
    this.#values.push(value);
    this.#place(added, hash);
  }

  /** Entry number of `key`, or -1. */
  #find(key: string, hash: number): number {
    const mask = this.#table.length - 1;
    for (let bucket = hash & mask; ; bucket = (bucket + 1) & mask) {
      const slot = this.#table[bucket]!;
      if (slot === 0) return -1;
      const entry = slot - 1;
      if (this.#hashes.get(entry) === hash && this.#keys.equals(entry, key)) return entry;
    }
  }

  #place(entry: number, hash: number): void {
    const mask = this.#table.length - 1;
    let bucket = hash & mask;
    while (this.#table[bucket] !== 0) bucket = (bucket + 1) & mask;
    this.#table[bucket] = entry + 1;
  }

  #grow(): void {
    this.#table = new Int32Array(this.#table.length * 2);
    for (let entry = 0; entry < this.#keys.size; entry++) this.#place(entry, this.#hashes.get(entry));
  }
}
