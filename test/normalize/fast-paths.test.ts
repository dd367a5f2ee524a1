/**
 * normalizeEmail, splitEmails and toAsciiHost answer plain input (nearly every row of an export) by a short
 * path. Here each is held to its full path: the same answer, failures and their reasons included, for
 * generated addresses and hosts (plain, odd, international, too long) and for arbitrary strings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normalizeEmail,
  normalizeEmailFully,
  splitEmails,
  splitEmailsFully,
} from '../../src/normalize/email.js';
import { toAsciiHost, toAsciiHostFully } from '../../src/normalize/host.js';

const RUNS = { numRuns: 3000, seed: 20261128 };

/** Characters that sit at the edges of what the short paths accept. */
const EDGY = fc.constantFrom(
  'a',
  'Z',
  '0',
  '.',
  '-',
  '_',
  '+',
  "'",
  '%',
  '@',
  ' ',
  '\t',
  ',',
  ';',
  '<',
  '>',
  '"',
  ':',
  '?',
  '!',
  'ü',
  'K',
  'İ',
  'ß',
  '\u00a0',
);
const edgyString = fc.array(EDGY, { maxLength: 40 }).map((chars) => chars.join(''));

/** Address-like strings: real addresses, recased and padded, with labels long and short. */
const addressLike = fc.oneof(
  fc.emailAddress(),
  fc.emailAddress().map((address) => `  ${address.toUpperCase()} `),
  fc
    .tuple(
      fc.stringMatching(/^[a-z0-9._%+'-]{1,70}$/),
      fc.array(fc.stringMatching(/^[a-z0-9-]{1,66}$/), { minLength: 1, maxLength: 5 }),
      fc.stringMatching(/^[a-zA-Z0-9]{1,65}$/),
    )
    .map(([local, labels, tld]) => `${local}@${labels.join('.')}.${tld}`),
  edgyString,
  fc.string(),
);

const hostLike = fc.oneof(
  fc.domain(),
  fc.domain().map((domain) => domain.toUpperCase()),
  fc
    .array(fc.stringMatching(/^[a-zA-Z0-9-]{0,66}$/), { minLength: 1, maxLength: 6 })
    .map((labels) => labels.join('.')),
  fc.string({ maxLength: 300 }).map((text) => `${'a'.repeat(250)}.${text}`),
  edgyString,
  fc.string(),
);

describe('the short paths of the e-mail and host normalizers', () => {
  it('normalizeEmail answers as its full path does', () => {
    fc.assert(
      fc.property(addressLike, (raw) => {
        expect(normalizeEmail(raw)).toEqual(normalizeEmailFully(raw));
      }),
      RUNS,
    );
  });

  it('splitEmails answers as its full path does', () => {
    fc.assert(
      fc.property(fc.oneof(addressLike, edgyString), (raw) => {
        expect(splitEmails(raw)).toEqual(splitEmailsFully(raw));
      }),
      RUNS,
    );
  });

  it('toAsciiHost answers as its full path does', () => {
    fc.assert(
      fc.property(hostLike, (raw) => {
        expect(toAsciiHost(raw)).toBe(toAsciiHostFully(raw));
      }),
      RUNS,
    );
  });

  it('the cases at the edges: lengths, trailing dots, hyphens, numeric TLDs, non-ASCII that lower-cases to ASCII', () => {
    const local64 = 'a'.repeat(64);
    const label63 = 'b'.repeat(63);
    for (const raw of [
      `${local64}@x.com`,
      `${local64}a@x.com`,
      `a@${label63}.com`,
      `a@${label63}b.com`,
      `a@${`${label63}.`.repeat(4)}com`,
      'a@x.com.',
      'a@-x.com',
      'a@x-.com',
      'a@x.123',
      'a@x.c',
      'a@x.xn--p1ai',
      '\u212Aelvin@x.com',
      'jane@\u212A.com',
      '.a@x.com',
      'a.@x.com',
      'a..b@x.com',
    ]) {
      expect(normalizeEmail(raw), raw).toEqual(normalizeEmailFully(raw));
      const host = raw.slice(raw.indexOf('@') + 1);
      expect(toAsciiHost(host), host).toBe(toAsciiHostFully(host));
    }
  });
});
