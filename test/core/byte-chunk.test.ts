import { describe, expect, it } from 'vitest';
import { ByteChunk } from '../../src/core/byte-chunk.js';

/** Appends every text, taking the chunk whenever it is full, as the file writers do. */
function encodeAll(texts: string[], size: number): Buffer {
  const chunk = new ByteChunk(size);
  const out: Buffer[] = [];
  for (const text of texts) {
    if (chunk.append(text)) continue;
    out.push(chunk.take());
    expect(chunk.append(text)).toBe(true);
  }
  out.push(chunk.take());
  return Buffer.concat(out);
}

describe('ByteChunk', () => {
  it('encodes lines of one-, two-, three- and four-byte characters exactly as Buffer.from would', () => {
    const texts = Array.from({ length: 500 }, (_, i) => `${i},Zoë,Łódź – 東京 😀,${'x'.repeat(i % 37)}\n`);
    const expected = Buffer.from(texts.join(''), 'utf8');
    for (const size of [64, 100, 1024, 64 * 1024]) expect(encodeAll(texts, size).equals(expected)).toBe(true);
  });

  it('takes a text longer than a whole chunk in a buffer of its own', () => {
    const long = `${'é'.repeat(5000)}\n`;
    const chunk = new ByteChunk(1024);
    expect(chunk.append('a\n')).toBe(true);
    expect(chunk.append(long)).toBe(false);
    expect(chunk.take().toString('utf8')).toBe('a\n');
    expect(chunk.append(long)).toBe(true);
    expect(chunk.take().toString('utf8')).toBe(long);
    expect(chunk.used).toBe(0);
    expect(chunk.append('b\n')).toBe(true);
    expect(chunk.take().toString('utf8')).toBe('b\n');
  });

  it('drains into a synchronous writer and reuses its buffer, oversized texts included', () => {
    const chunk = new ByteChunk(64);
    const written: string[] = [];
    const write = (bytes: Buffer) => written.push(bytes.toString('utf8'));
    const texts = ['Zoë 😀\n', 'x'.repeat(100), 'Łódź\n', '東京\n'];
    for (const text of texts) {
      if (chunk.append(text)) continue;
      chunk.drainTo(write);
      expect(chunk.append(text)).toBe(true);
    }
    chunk.drainTo(write);
    chunk.drainTo(write);
    expect(written.join('')).toBe(texts.join(''));
    expect(written).toHaveLength(3);
  });

  it('never hands out a buffer it writes into again', () => {
    const chunk = new ByteChunk(16);
    chunk.append('first\n');
    const taken = chunk.take();
    chunk.append('second\n');
    expect(taken.toString('utf8')).toBe('first\n');
  });
});
