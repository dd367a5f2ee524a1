import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING } from '../../src/core/mapping.js';
import type { SourceRecord } from '../../src/core/records.js';
import type { ObjectSchema } from '../../src/core/schema.js';
import { normalizeDomain, normalizeEmail, normalizeRecord } from '../../src/normalize/index.js';
import { stripInvisible } from '../../src/normalize/invisible.js';

const ZWSP = '\u200b';

describe('stripInvisible', () => {
  it.each([
    [`Ann${ZWSP}`, 'Ann'],
    ['a\u200cb\u200dc\u2060d\ufeffe\u2063f', 'abcdef'],
    ['plain ASCII', 'plain ASCII'],
    ['Zoë\u00a0Dupré', 'Zoë\u00a0Dupré'], // visible or spacing characters stay; trimming handles spaces
    ['\u200fשלום', '\u200fשלום'], // a bidirectional mark carries meaning in right-to-left text
  ])('%j → %j', (raw, expected) => {
    expect(stripInvisible(raw)).toBe(expected);
  });
});

describe('invisible characters in e-mails and domains', () => {
  it('an address with a zero-width space or word joiner is the plain address', () => {
    expect(normalizeEmail(`${ZWSP}ann@acme.com\u00a0`)).toEqual({ ok: true, value: 'ann@acme.com' });
    expect(normalizeEmail('ann@ac\u2060me.com')).toEqual({ ok: true, value: 'ann@acme.com' });
  });

  it('a domain with a byte-order mark or zero-width joiner inside is the plain domain', () => {
    expect(normalizeDomain('acme\ufeff.com')).toEqual({ ok: true, value: 'acme.com' });
    expect(normalizeDomain(`https://www.acme.com${ZWSP}/`)).toEqual({ ok: true, value: 'acme.com' });
  });
});

describe('invisible characters in a record (case 74)', () => {
  const schema: ObjectSchema = {
    object: 'person',
    fields: {
      first_name: { name: 'first_name', kind: 'text' },
      email_addresses: { name: 'email_addresses', kind: 'email_list' },
      stage: { name: 'stage', kind: 'select', options: ['lead'] },
    },
  };

  it('are stripped from text, e-mail and select cells, and nothing is reported', () => {
    const record: SourceRecord = {
      object: 'person',
      sourceId: '101',
      origin: { file: 'contacts.csv', line: 2 },
      fields: {
        first_name: `\u00a0Ann${ZWSP}`,
        email_addresses: `${ZWSP}ann@acme.com\u00a0`,
        stage: `lead${ZWSP}`,
      },
      raw: {},
      issues: [],
    };
    const result = normalizeRecord(record, { schema, valueMaps: {}, options: DEFAULT_MAPPING.options });
    expect(result.attributes).toEqual({
      first_name: 'Ann',
      email_addresses: { items: ['ann@acme.com'] },
      stage: 'lead',
    });
    expect(result.issues).toEqual([]);
  });
});
