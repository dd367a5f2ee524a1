import { randomBytes } from 'node:crypto';

/**
 * Record ids look like Clarify's documented ones (`per_` + 26 chars of Crockford base32). They come from
 * node:crypto, not the seeded PRNG: a restarted sandbox on the same database must never reissue an id.
 * The first 10 characters encode the time, so ids also sort roughly by creation.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX: Record<string, string> = { person: 'per_', company: 'com_', deal: 'deal_' };

// One randomBytes call per 4 KiB instead of one per id: bulk creates are a hot path.
let pool = Buffer.alloc(0);
let poolAt = 0;
function nextByte(): number {
  if (poolAt >= pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  return pool[poolAt++]!;
}

export function newRecordId(object: string): string {
  let time = Date.now();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  let tail = '';
  for (let i = 0; i < 16; i++) tail += ALPHABET[nextByte() % 32];
  return `${PREFIX[object] ?? 'rec_'}${head}${tail}`;
}
