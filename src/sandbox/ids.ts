import { randomBytes } from 'node:crypto';

/**
 * Record ids look like Clarify's documented ones (`per_` + 26 chars of Crockford base32). They come from
 * node:crypto, not the seeded PRNG: a restarted sandbox on the same database must never reissue an id.
 * The first 10 characters encode the time, so ids also sort roughly by creation.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX: Record<string, string> = { person: 'per_', company: 'com_', deal: 'deal_' };

export function newRecordId(object: string): string {
  let time = Date.now();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const bytes = randomBytes(16);
  let tail = '';
  for (let i = 0; i < 16; i++) tail += ALPHABET[bytes[i]! % 32];
  return `${PREFIX[object] ?? 'rec_'}${head}${tail}`;
}
