import { describe, expect, it } from 'vitest';
import { normalizeEmail, splitEmails } from '../../src/normalize/index.js';

describe('normalizeEmail', () => {
  it.each([
    ['jane@x.com', 'jane@x.com'],
    ['  Jane@Example.COM  ', 'jane@example.com'],
    ['"Jane Doe" <jane@x.com>', 'jane@x.com'],
    ['Jane <Jane@X.com>', 'jane@x.com'],
    ['<jane@x.com>', 'jane@x.com'],
    ['mailto:jane@x.com', 'jane@x.com'],
    ['MAILTO:Jane@x.com?subject=Hello', 'jane@x.com'],
    ['jane.doe+crm@sub.example.co.uk', 'jane.doe+crm@sub.example.co.uk'],
    ["o'brien@x.ie", "o'brien@x.ie"],
    ['jane@bücher.de', 'jane@xn--bcher-kva.de'],
    ['jane@x.com.', 'jane@x.com'],
    ['"Doe, Jane" <jane@x.com>', 'jane@x.com'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeEmail(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['jane', 'no "@"'],
    ['jane@', 'nothing after'],
    ['@x.com', 'nothing before'],
    ['jane@localhost', 'domain'],
    ['jane@x', 'domain'],
    ['jane@x.c', 'domain'],
    ['jane@x.123', 'domain'],
    ['jane doe@x.com', 'space'],
    ['jane@@x.com', 'before "@"'],
    ['jane..doe@x.com', 'before "@"'],
    ['.jane@x.com', 'before "@"'],
    ['jane@x_y.com', 'domain'],
    ['jane@-x.com', 'domain'],
    ['jane@x..com', 'domain'],
    ['a@b.com, c@d.com', 'space'],
  ])('%j is rejected (%s)', (raw, why) => {
    const result = normalizeEmail(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });

  it('rejects a local part longer than 64 characters', () => {
    expect(normalizeEmail(`${'a'.repeat(65)}@x.com`).ok).toBe(false);
    expect(normalizeEmail(`${'a'.repeat(64)}@x.com`).ok).toBe(true);
  });
});

describe('splitEmails', () => {
  it.each([
    ['a@x.com', ['a@x.com']],
    ['a@x.com, b@x.com', ['a@x.com', 'b@x.com']],
    ['a@x.com;b@x.com', ['a@x.com', 'b@x.com']],
    ['a@x.com b@y.com\tc@z.com', ['a@x.com', 'b@y.com', 'c@z.com']],
    ['"Jane" <j@x.com>, Bob <b@y.com>', ['"Jane" <j@x.com>', 'Bob <b@y.com>']],
    ['"Doe, Jane" <j@x.com>; b@y.com', ['"Doe, Jane" <j@x.com>', 'b@y.com']],
    ['Jane Doe <j@x.com> ; Bob Smith <b@y.com>', ['Jane Doe <j@x.com>', 'Bob Smith <b@y.com>']],
    ['Doe, Jane <j@x.com>, b@y.com', ['Doe, Jane <j@x.com>', 'b@y.com']],
    [' a@x.com ,, ; b@x.com ', ['a@x.com', 'b@x.com']],
    ['', []],
    ['not an email', ['not an email']],
    ['a@x.com, junk', ['a@x.com', 'junk']],
  ])('%j → %j', (raw, expected) => {
    expect(splitEmails(raw)).toEqual(expected);
  });

  it('every piece of a display-name list normalizes', () => {
    const pieces = splitEmails('"Jane" <J@X.com>, Bob <b@Y.com>, c@z.org');
    expect(pieces.map((piece) => normalizeEmail(piece))).toEqual([
      { ok: true, value: 'j@x.com' },
      { ok: true, value: 'b@y.com' },
      { ok: true, value: 'c@z.org' },
    ]);
  });
});
