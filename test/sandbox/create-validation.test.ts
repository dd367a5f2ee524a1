import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { company, deal, emails, type Harness, harness, listAll, person } from './helpers.js';

let h: Harness;
let acmeId: string;
beforeAll(async () => {
  h = await harness();
  const reply = await h.call('POST', '/objects/company/records', {
    data: company({ name: 'Acme', domains: { items: ['acme.com'] } }),
  });
  acmeId = reply.body.data.id;
});
afterAll(() => h.sandbox.close());

describe('create', () => {
  test('single create → 201 with a prefixed id and the attributes', async () => {
    const reply = await h.call('POST', '/objects/person/records', {
      data: person({ first_name: 'Ann', email_addresses: emails('ann@acme.com'), company_id: acmeId }),
    });
    expect(reply.status).toBe(201);
    expect(reply.body.data.id).toMatch(/^per_[0-9A-Z]{26}$/);
    expect(reply.body.data.type).toBe('person');
    expect(reply.body.data.attributes).toMatchObject({ first_name: 'Ann', company_id: acmeId });
    expect(acmeId).toMatch(/^com_[0-9A-Z]{26}$/);
  });

  test('bulk create → 201 with data in input order', async () => {
    const reply = await h.call('POST', '/objects/deal/records/bulk', {
      data: ['D1', 'D2', 'D3'].map((name) => deal({ name, close_date: '2024-02-29', amount: 12.5 })),
    });
    expect(reply.status).toBe(201);
    expect(reply.body.data.map((r: { attributes: { name: string } }) => r.attributes.name)).toEqual([
      'D1',
      'D2',
      'D3',
    ]);
    expect(reply.body.data[0].id).toMatch(/^deal_/);
  });

  test('bulk of more than 25 → 400, nothing written; an empty bulk → 400', async () => {
    const before = (await listAll(h, 'company')).length;
    const data = Array.from({ length: 26 }, (_, i) => company({ name: `C${i}` }));
    const reply = await h.call('POST', '/objects/company/records/bulk', { data });
    expect(reply.status).toBe(400);
    expect((await listAll(h, 'company')).length).toBe(before);
    expect((await h.call('POST', '/objects/company/records/bulk', { data: [] })).status).toBe(400);
    const items = await h.call('POST', '/objects/company/records/bulk', {
      data: { items: [company({ name: 'X' })] },
    });
    expect(items.status).toBe(400);
  });
});

describe('422 rules, each with a pointer to the failing record and field', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['_-prefixed attribute', 'person', { _created_at: '2024-01-01' }, '/attributes/_created_at'],
    ['unknown attribute', 'person', { shoe_size: 42 }, '/attributes/shoe_size'],
    ['id as attribute', 'person', { id: 'per_x' }, '/attributes/id'],
    [
      'bare array for a collection',
      'person',
      { email_addresses: ['a@b.com'] },
      '/attributes/email_addresses',
    ],
    ['bare string for a collection', 'person', { email_addresses: 'a@b.com' }, '/attributes/email_addresses'],
    [
      'invalid email',
      'person',
      { email_addresses: emails('not-an-email') },
      '/attributes/email_addresses/items/0',
    ],
    [
      'email with spaces',
      'person',
      { email_addresses: emails('a b@c.com') },
      '/attributes/email_addresses/items/0',
    ],
    [
      'domain with scheme',
      'company',
      { domains: { items: ['https://acme.org'] } },
      '/attributes/domains/items/0',
    ],
    ['domain with www.', 'company', { domains: { items: ['www.acme.org'] } }, '/attributes/domains/items/0'],
    [
      'domain with path',
      'company',
      { domains: { items: ['acme.org/about'] } },
      '/attributes/domains/items/0',
    ],
    ['domain with port', 'company', { domains: { items: ['acme.org:8080'] } }, '/attributes/domains/items/0'],
    ['domain in upper case', 'company', { domains: { items: ['Acme.org'] } }, '/attributes/domains/items/0'],
    ['select with wrong case', 'person', { status: 'lead' }, '/attributes/status'],
    ['select not an option', 'deal', { name: 'x1', stage: 'Closed Won' }, '/attributes/stage'],
    ['string for a number', 'company', { employee_count: '50' }, '/attributes/employee_count'],
    ['number for a string', 'person', { first_name: 12 }, '/attributes/first_name'],
    ['object for a string', 'person', { job_title: { a: 1 } }, '/attributes/job_title'],
    ['date in another format', 'deal', { name: 'x2', close_date: '03/01/2024' }, '/attributes/close_date'],
    [
      'date-time for a date',
      'deal',
      { name: 'x3', close_date: '2024-03-01T00:00:00Z' },
      '/attributes/close_date',
    ],
    ['impossible date', 'deal', { name: 'x4', close_date: '2023-02-29' }, '/attributes/close_date'],
    ['unknown company_id', 'person', { company_id: 'com_DOESNOTEXIST' }, '/attributes/company_id'],
    [
      'to-many people as attribute',
      'deal',
      { name: 'x5', people: { items: ['per_1'] } },
      '/attributes/people',
    ],
    ['to-many companies as attribute', 'person', { companies: ['com_1'] }, '/attributes/companies'],
    ['missing required deal name', 'deal', { amount: 1 }, '/attributes/name'],
    ['null for a non-null deal name', 'deal', { name: null }, '/attributes/name'],
    ['NUL character in text', 'person', { first_name: 'A\u0000B' }, '/attributes/first_name'],
    [
      'invalid phone',
      'person',
      { phone_numbers: { items: ['call me'] } },
      '/attributes/phone_numbers/items/0',
    ],
  ];

  test.each(cases)('%s → 422 (single)', async (_name, object, attributes, pointer) => {
    const reply = await h.call('POST', `/objects/${object}/records`, { data: { type: object, attributes } });
    expect(reply.status, reply.text).toBe(422);
    const [error] = reply.body.errors;
    expect(error.status).toBe('422');
    expect(error.detail).toEqual(expect.any(String));
    expect(error.source.pointer).toBe(`/data${pointer}`);
  });

  test.each(cases)(
    '%s → 422 (bulk, record 2 of 3), nothing written',
    async (_name, object, attributes, pointer) => {
      const before = (await listAll(h, object)).length;
      const data = [
        { type: object, attributes: object === 'deal' ? { name: `ok-a-${_name}` } : {} },
        { type: object, attributes: object === 'deal' ? { name: `ok-b-${_name}` } : {} },
        { type: object, attributes },
      ];
      const reply = await h.call('POST', `/objects/${object}/records/bulk`, { data });
      expect(reply.status, reply.text).toBe(422);
      expect(reply.body.errors[0].source.pointer).toBe(`/data/2${pointer}`);
      expect((await listAll(h, object)).length).toBe(before);
    },
  );

  test('id in a create body → 422', async () => {
    const reply = await h.call('POST', '/objects/person/records', {
      data: { id: 'per_1', type: 'person', attributes: {} },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0].source.pointer).toBe('/data/id');
  });

  test('type that is not the object → 422', async () => {
    const reply = await h.call('POST', '/objects/person/records', {
      data: { type: 'company', attributes: {} },
    });
    expect(reply.status).toBe(422);
  });

  test('valid edge values are accepted', async () => {
    const reply = await h.call('POST', '/objects/person/records/bulk', {
      data: [
        person({
          email_addresses: emails('O.Brien+tag@Example.co.uk'),
          phone_numbers: { items: ['+44 20 7946 0958'] },
        }),
        person({ email_addresses: { items: [] }, status: null, first_name: null }),
      ],
    });
    expect(reply.status, reply.text).toBe(201);
    const ok = await h.call('POST', '/objects/company/records', {
      data: company({
        domains: { items: ['sub.example-site.co.uk', 'xn--bcher-kva.example'] },
        annual_revenue: 1.5e9,
      }),
    });
    expect(ok.status, ok.text).toBe(201);
  });

  test('number outside DECIMAL(16,4) → 400', async () => {
    const reply = await h.call('POST', '/objects/company/records', {
      data: company({ annual_revenue: 1e13 }),
    });
    expect(reply.status).toBe(400);
  });
});
