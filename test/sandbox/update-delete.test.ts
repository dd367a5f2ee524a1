import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { emails, type Harness, harness, listAll, person } from './helpers.js';

let h: Harness;
let ids: string[];
beforeEach(async () => {
  h = await harness({
    seedRecords: {
      company: [{ name: 'Acme', domains: { items: ['acme.com'] } }],
      person: [
        { first_name: 'A', last_name: 'One', email_addresses: emails('a@x.com') },
        { first_name: 'B', last_name: 'Two', email_addresses: emails('b@x.com') },
        { first_name: 'C', last_name: 'Three', email_addresses: emails('c@x.com') },
      ],
    },
  });
  ids = (await listAll(h, 'person')).map((r) => r.id as string);
});
afterEach(() => h.sandbox.close());

describe('single record', () => {
  test('GET returns the record; PATCH changes only the sent fields', async () => {
    const got = await h.call('GET', `/objects/person/records/${ids[0]}`);
    expect(got.status).toBe(200);
    expect(got.body.data.attributes.first_name).toBe('A');
    const patched = await h.call('PATCH', `/objects/person/records/${ids[0]}`, {
      data: { id: ids[0], type: 'person', attributes: { first_name: 'Anna', status: 'Customer' } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data.attributes).toMatchObject({
      first_name: 'Anna',
      last_name: 'One',
      status: 'Customer',
    });
    expect(patched.body.data.attributes._updated_at > patched.body.data.attributes._created_at).toBe(true);
    const resource = await h.call('GET', `/objects/person/resources/${ids[0]}`);
    expect(resource.body.data.attributes.first_name).toBe('Anna');
  });

  test('PATCH applies the same validation (422) and writes nothing on failure', async () => {
    const reply = await h.call('PATCH', `/objects/person/records/${ids[0]}`, {
      data: { type: 'person', attributes: { first_name: 'Z', status: 'customer' } },
    });
    expect(reply.status).toBe(422);
    expect(h.sandbox.dump().person![0]!.attributes.first_name).toBe('A');
    const wrongId = await h.call('PATCH', `/objects/person/records/${ids[0]}`, {
      data: { id: ids[1], type: 'person', attributes: {} },
    });
    expect(wrongId.status).toBe(422);
  });

  test('DELETE → 204 with no body, then 404', async () => {
    const reply = await h.call('DELETE', `/objects/person/records/${ids[1]}`);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect((await h.call('GET', `/objects/person/records/${ids[1]}`)).status).toBe(404);
    // The freed email can be used again.
    const again = await h.call('POST', '/objects/person/records', {
      data: person({ email_addresses: emails('b@x.com') }),
    });
    expect(again.status).toBe(201);
  });

  test('deleting a company nulls company_id that pointed at it', async () => {
    const [acme] = await listAll(h, 'company');
    await h.call('PATCH', `/objects/person/records/${ids[0]}`, {
      data: { attributes: { company_id: acme!.id } },
    });
    expect((await h.call('DELETE', `/objects/company/records/${acme!.id}`)).status).toBe(204);
    expect(h.sandbox.dump().person![0]!.attributes.company_id).toBeNull();
  });
});

describe('bulk PATCH', () => {
  test('updates every record, returns them in order', async () => {
    const reply = await h.call('PATCH', '/objects/person/records', {
      data: [
        { id: ids[2], type: 'person', attributes: { job_title: 'CEO' } },
        { id: ids[0], type: 'person', attributes: { job_title: 'CTO' } },
      ],
    });
    expect(reply.status).toBe(200);
    expect(reply.body.data.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[0]]);
    const titles = h.sandbox.dump().person!.map((r) => r.attributes.job_title);
    expect(titles).toEqual(['CTO', undefined, 'CEO']);
  });

  test('any unknown id → 404 and nothing written', async () => {
    const reply = await h.call('PATCH', '/objects/person/records', {
      data: [
        { id: ids[0], type: 'person', attributes: { job_title: 'CTO' } },
        { id: 'per_UNKNOWN', type: 'person', attributes: { job_title: 'CEO' } },
      ],
    });
    expect(reply.status).toBe(404);
    expect(reply.body.errors[0].source.pointer).toBe('/data/1/id');
    expect(h.sandbox.dump().person![0]!.attributes.job_title).toBeUndefined();
  });

  test('one invalid record → 422 and nothing written; more than 25 → 400', async () => {
    const reply = await h.call('PATCH', '/objects/person/records', {
      data: [
        { id: ids[0], type: 'person', attributes: { job_title: 'CTO' } },
        { id: ids[1], type: 'person', attributes: { email_addresses: ['b@x.com'] } },
      ],
    });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0].source.pointer).toBe('/data/1/attributes/email_addresses');
    expect(h.sandbox.dump().person![0]!.attributes.job_title).toBeUndefined();
    const many = Array.from({ length: 26 }, () => ({ id: ids[0], type: 'person', attributes: {} }));
    expect((await h.call('PATCH', '/objects/person/records', { data: many })).status).toBe(400);
  });
});

describe('bulk DELETE', () => {
  test('{items:[ids]} → 204, records gone', async () => {
    const reply = await h.call('DELETE', '/objects/person/records', { items: [ids[0], ids[2]] });
    expect(reply.status).toBe(204);
    expect((await listAll(h, 'person')).map((r) => r.id)).toEqual([ids[1]]);
  });

  test('an unknown id → 404 and nothing deleted; bad body → 400', async () => {
    const reply = await h.call('DELETE', '/objects/person/records', { items: [ids[0], 'per_NOPE'] });
    expect(reply.status).toBe(404);
    expect(await listAll(h, 'person')).toHaveLength(3);
    expect((await h.call('DELETE', '/objects/person/records', { items: [] })).status).toBe(400);
    expect((await h.call('DELETE', '/objects/person/records', { data: [ids[0]] })).status).toBe(400);
  });
});
