import { IntColumn } from './int-column.js';

/** Characters per arena chunk. */
const CHUNK = 1 << 20;
/** `starts` value of a string kept as an ordinary string (longer than a chunk). */
const LONG = -1;

/** One arena of chunks: one byte a character (Latin-1) or two (UTF-16). */
class Arena<T extends Uint8Array | Uint16Array> {
  readonly chunks: T[] = [];
  #used = CHUNK;

  constructor(private readonly make: (length: number) => T) {}

  /** Copies `value` in and returns its position (chunk × CHUNK + offset). */
  put(value: string): number {
    if (this.#used + value.length > CHUNK) {
      this.chunks.push(this.make(CHUNK));
      this.#used = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1]!;
    const offset = this.#used;
    for (let i = 0; i < value.length; i++) chunk[offset + i] = value.charCodeAt(i);
    this.#used += value.length;
    return (this.chunks.length - 1) * CHUNK + offset;
  }

  get(position: number, length: number): string {
    const chunk = this.chunks[Math.floor(position / CHUNK)]!;
    const offset = position % CHUNK;
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

  equals(position: number, value: string): boolean {
    const chunk = this.chunks[Math.floor(position / CHUNK)]!;
    const offset = position % CHUNK;
    for (let i = 0; i < value.length; i++) if (chunk[offset + i] !== value.charCodeAt(i)) return false;
    return true;
  }
}

function isLatin1(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0xff) return false;
  return true;
}

/**
 * Strings kept in large typed-array chunks and addressed by number: one byte a character when every
 * character fits (ids, e-mail addresses, most names), two otherwise. A million short strings take their
 * characters and 8 bytes each here, against about 40 bytes of object per string on the JavaScript heap,
 * and the garbage collector never walks them.
 */
export class StringStore {
  readonly #narrow = new Arena((length) => new Uint8Array(length));
  readonly #wide = new Arena((length) => new Uint16Array(length));
  /** Position in the narrow arena (≥ 0), in the wide one (encoded as -2 - position), or LONG. */
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
    if (value.length > CHUNK) {
      this.#long.set(id, value);
      this.#starts.push(LONG);
    } else if (isLatin1(value)) {
      this.#starts.push(this.#narrow.put(value));
    } else {
      this.#starts.push(-2 - this.#wide.put(value));
    }
    this.#lengths.push(value.length);
    return id;
  }

  get(id: number): string {
    const start = this.#starts.get(id);
    if (start === LONG) return this.#long.get(id)!;
    const length = this.#lengths.get(id);
    return start >= 0 ? this.#narrow.get(start, length) : this.#wide.get(-2 - start, length);
  }

  /** Whether string `id` equals `value`, without building it. */
  equals(id: number, value: string): boolean {
    const start = this.#starts.get(id);
    if (start === LONG) return this.#long.get(id) === value;
    if (this.#lengths.get(id) !== value.length) return false;
    return start >= 0 ? this.#narrow.equals(start, value) : this.#wide.equals(-2 - start, value);
  }
}
