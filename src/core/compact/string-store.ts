import { IntColumn } from './int-column.js';

/** Characters per arena chunk (2 MiB of UTF-16 code units). */
const CHUNK = 1 << 20;

/**
 * Strings kept as UTF-16 code units in large typed-array chunks, addressed by number. A million short
 * strings (ids, e-mail addresses, names) take their characters and 8 bytes each here, against about
 * 40 bytes of object per string on the JavaScript heap, and the garbage collector never walks them.
 */
export class StringStore {
  readonly #chunks: Uint16Array[] = [new Uint16Array(CHUNK)];
  #used = 0;
  /** Start of each string: chunk × CHUNK + offset. */
  readonly #starts = new IntColumn();
  readonly #lengths = new IntColumn();
  /** Strings longer than a chunk (rare: a cell of a megabyte) stay ordinary strings. */
  readonly #long = new Map<number, string>();

  get size(): number {
    return this.#starts.length;
  }

  /** Stores `value` and returns its number (0, 1, 2, …). */
  add(value: string): number {
    const id = this.#starts.length;
    const length = value.length;
    if (length > CHUNK) {
      this.#long.set(id, value);
      this.#starts.push(-1);
      this.#lengths.push(0);
      return id;
    }
    if (this.#used + length > CHUNK) {
      this.#chunks.push(new Uint16Array(CHUNK));
      this.#used = 0;
    }
    const chunkIndex = this.#chunks.length - 1;
    const chunk = this.#chunks[chunkIndex]!;
    const offset = this.#used;
    for (let i = 0; i < length; i++) chunk[offset + i] = value.charCodeAt(i);
    this.#used += length;
    this.#starts.push(chunkIndex * CHUNK + offset);
    this.#lengths.push(length);
    return id;
  }

  get(id: number): string {
    const start = this.#starts.get(id);
    if (start < 0) return this.#long.get(id)!;
    const chunk = this.#chunks[Math.floor(start / CHUNK)]!;
    const offset = start % CHUNK;
    const length = this.#lengths.get(id);
    let text = '';
    // In slices, so a long string never passes too many arguments to fromCharCode.
    for (let from = 0; from < length; from += 4096) {
      const to = Math.min(length, from + 4096);
      text += String.fromCharCode.apply(
        null,
        chunk.subarray(offset + from, offset + to) as unknown as number[],
      );
    }
    return text;
  }

  /** Whether string `id` equals `value`, without building it. */
  equals(id: number, value: string): boolean {
    const start = this.#starts.get(id);
    if (start < 0) return this.#long.get(id) === value;
    const length = this.#lengths.get(id);
    if (length !== value.length) return false;
    const chunk = this.#chunks[Math.floor(start / CHUNK)]!;
    const offset = start % CHUNK;
    for (let i = 0; i < length; i++) if (chunk[offset + i] !== value.charCodeAt(i)) return false;
    return true;
  }
}
