import { afterEach, describe, expect, test } from 'vitest';
import { company, deal, emails, type Harness, harness, listAll, person } from './helpers.js';

let h: Harness;
afterEach(() => h?.sandbox.close());

const seed = {
  person: [{ first_name: 'Jane', email_addresses: emails('jane@acme.com', 'j@acme.com') }],
  company: [{ name: 'Acme', domains: { items: ['acme.com'] } }],
  deal: [{ name: 'Acme renewal', amount: 10 }],
};

describe('reject mode (default)', () => {
  test('collision with the workspace → 400 naming field and value; nothing written', async () => {
    h = await harness({ seedRecords: seed });
    const reply = await h.call('POST', '/objects/person/records/bulk', {
      data: [
        person({ email_addresses: emails('new@acme.com') }),
        person({ email_addresses: emails('J@ACME.com') }),
      ],
    });
    expect(reply.status).toBe(400);
    const [error] = reply.body.errors;
    expect(error.status).toBe('400');
    expect(error.detail).toContain('email_addresses');
    expect(error.detail).toContain('j@acme.com');
    expect(error.source.pointer).toBe('/data/1/attributes/email_addresses');
    expect(await listAll(h, 'person')).toHaveLength(1);
  });

  test('collision inside the batch → 400 pointing at the second record', async () => {
    h = await harness();
    const reply = await h.call('POST', '/objects/company/records/bulk', {
      data: [
        company({ name: 'A', domains: { items: ['a.com'] } }),
        company({ name: 'B', domains: { items: ['b.com', 'a.com'] } }),
      ],
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].detail).toContain('a.com');
    expect(reply.body.errors[0].detail).toContain('/data/0');
    expect(reply.body.errors[0].source.pointer).toBe('/data/1/attributes/domains');
    expect(await listAll(h, 'company')).toHaveLength(0);
  });

  test('deal name collides exactly; case-insensitive mode folds case', async () => {
    h = await harness({ seedRecords: seed });
    expect(
      (await h.call('POST', '/objects/deal/records', { data: deal({ name: 'Acme renewal' }) })).status,
    ).toBe(400);
    expect(
      (await h.call('POST', '/objects/deal/records', { data: deal({ name: 'ACME renewal' }) })).status,
    ).toBe(201);
    await h.sandbox.close();
    h = await harness({ seedRecords: seed, dealNameMatch: 'case-insensitive' });
    const reply = await h.call('POST', '/objects/deal/records', { data: deal({ name: 'ACME Renewal' }) });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].source.pointer).toBe('/data/attributes/name');
    const found = await h.call('GET', '/objects/deal/resources?filter[name][Is]=acme RENEWAL');
    expect(found.body.data).toHaveLength(1);
  });

  test('PATCH cannot take another record’s unique value', async () => {
    h = await harness({ seedRecords: seed });
    const created = await h.call('POST', '/objects/person/records', {
      data: person({ email_addresses: emails('x@y.com') }),
    });
    const reply = await h.call('PATCH', `/objects/person/records/${created.body.data.id}`, {
      data: { type: 'person', attributes: { email_addresses: emails('x@y.com', 'jane@acme.com') } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].source.pointer).toBe('/data/attributes/email_addresses');
    // Keeping its own value is fine.
    const same = await h.call('PATCH', `/objects/person/records/${created.body.data.id}`, {
      data: { type: 'person', attributes: { email_addresses: emails('X@y.com'), first_name: 'X' } },
    });
    expect(same.status).toBe(200);
  });
});

describe('match_on and upsert mode', () => {
  test('match_on updates the matched record and returns it; others are created', async () => {
    h = await harness({ seedRecords: seed });
    const [jane] = await listAll(h, 'person');
    const reply = await h.call('POST', '/objects/person/records/bulk', {
      match_on: 'email_addresses',
      data: [
        person({ email_addresses: emails('jane@acme.com'), job_title: 'CTO' }),
        person({ email_addresses: emails('bob@acme.com'), first_name: 'Bob' }),
      ],
    });
    expect(reply.status).toBe(201);
    expect(reply.body.data[0].id).toBe(jane!.id);
    expect(reply.body.data[0].attributes).toMatchObject({ first_name: 'Jane', job_title: 'CTO' });
    expect(reply.body.data[1].id).not.toBe(jane!.id);
    const all = await listAll(h, 'person');
    expect(all).toHaveLength(2);
    const dump = h.sandbox.dump().person!;
    expect(dump[0]!.attributes).toMatchObject({ first_name: 'Jane', job_title: 'CTO' });
  });

  test('match_on on a single create and on a non-unique field', async () => {
    h = await harness({ seedRecords: seed });
    const one = await h.call('POST', '/objects/company/records', {
      match_on: 'domains',
      data: company({ domains: { items: ['acme.com'] }, industry: 'Tools' }),
    });
    expect(one.status).toBe(201);
    expect(one.body.data.attributes).toMatchObject({ name: 'Acme', industry: 'Tools' });
    expect(await listAll(h, 'company')).toHaveLength(1);
    const bad = await h.call('POST', '/objects/company/records', {
      match_on: 'name',
      data: company({ name: 'Acme' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].source.pointer).toBe('/match_on');
  });

  test('duplicates: upsert updates on collision without match_on', async () => {
    h = await harness({ seedRecords: seed, duplicates: 'upsert' });
    const reply = await h.call('POST', '/objects/deal/records/bulk', {
      data: [deal({ name: 'Acme renewal', amount: 99 }), deal({ name: 'Fresh', amount: 1 })],
    });
    expect(reply.status).toBe(201);
    const deals = await listAll(h, 'deal');
    expect(deals.map((d) => (d.attributes as { amount: number }).amount)).toEqual([99, 1]);
  });

  test('a record matching two different records cannot be upserted', async () => {
    h = await harness({
      seedRecords: {
        person: [{ email_addresses: emails('a@x.com') }, { email_addresses: emails('b@x.com') }],
      },
      duplicates: 'upsert',
    });
    const reply = await h.call('POST', '/objects/person/records', {
      data: person({ email_addresses: emails('a@x.com', 'b@x.com') }),
    });
    expect(reply.status).toBe(400);
    expect(await listAll(h, 'person')).toHaveLength(2);
  });
});
