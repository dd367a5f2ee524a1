/**
 * Tells a UTF-8 file with a few damaged bytes from a Latin-1/Windows-1252 file. Text written in Windows-1252
 * almost never holds a valid UTF-8 multi-byte sequence (that takes an accented capital followed by a symbol
 * such as `€` or `’`), while a UTF-8 export with one bad byte holds many. So: UTF-8 when valid multi-byte
 * sequences outnumber invalid bytes by MIN_VALID_PER_INVALID to one.
 */
export const MIN_VALID_PER_INVALID = 4;

/** Counts, over a stream of bytes, the valid UTF-8 multi-byte sequences and the bytes that belong to none. */
export class Utf8Tally {
  valid = 0;
  invalid = 0;
  private carry: Uint8Array = new Uint8Array(0);

  /** Adds a chunk; a sequence cut at its end is completed by the next chunk (or counted invalid by `end`). */
  add(chunk: Uint8Array): void {
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const n = buf.length;
    let i = 0;
    while (i < n) {
      const byte = buf[i]!;
      if (byte < 0x80) {
        i++;
        continue;
      }
      const length = sequenceLength(byte);
      if (length === 0) {
        this.invalid++;
        i++;
        continue;
      }
      if (i + length > n && isPrefix(buf, i, n)) break;
      if (i + length <= n && isSequence(buf, i, length)) {
        this.valid++;
        i += length;
      } else {
        this.invalid++;
        i++;
      }
    }
    // A copy: the caller reuses its buffer.
    this.carry = Uint8Array.prototype.slice.call(buf, i);
  }

  /** The end of the input: an incomplete sequence left over is invalid. */
  end(): void {
    this.invalid += this.carry.length;
    this.carry = new Uint8Array(0);
  }

  get isUtf8(): boolean {
    return this.invalid === 0 || this.valid >= this.invalid * MIN_VALID_PER_INVALID;
  }
}

/** Bytes in the sequence a lead byte starts (0: not a lead byte). */
function sequenceLength(byte: number): number {
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/** Allowed range of the second byte (overlong forms, surrogates and code points above U+10FFFF excluded). */
function secondOk(lead: number, second: number): boolean {
  if (lead === 0xe0) return second >= 0xa0 && second <= 0xbf;
  if (lead === 0xed) return second >= 0x80 && second <= 0x9f;
  if (lead === 0xf0) return second >= 0x90 && second <= 0xbf;
  if (lead === 0xf4) return second >= 0x80 && second <= 0x8f;
  return second >= 0x80 && second <= 0xbf;
}

function isSequence(buf: Uint8Array, at: number, length: number): boolean {
  if (!secondOk(buf[at]!, buf[at + 1]!)) return false;
  for (let k = 2; k < length; k++) if ((buf[at + k]! & 0xc0) !== 0x80) return false;
  return true;
}

/** The bytes from `at` to the end could still begin a valid sequence. */
function isPrefix(buf: Uint8Array, at: number, n: number): boolean {
  if (at + 1 < n && !secondOk(buf[at]!, buf[at + 1]!)) return false;
  for (let k = at + 2; k < n; k++) if ((buf[k]! & 0xc0) !== 0x80) return false;
  return true;
}
