import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSandboxApp, type SandboxApp } from '../../src/sandbox/index.js';
import { AUTH, type Harness, harness, listAll } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => h.sandbox.close());

describe('malformed requests never crash and never 500', () => {
  test('malformed JSON → 400 JSON:API', async () => {
    const reply = await h.call('POST', '/objects/person/records', '{"data": {');
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0]).toMatchObject({ status: '400', detail: expect.stringMatching(/JSON/) });
  });

  test('body over maxBodyBytes → 413 JSON:API, nothing written', async () => {
    const big = { data: [{ type: 'person', attributes: { description: 'x'.repeat(70 * 1024) } }] };
    const reply = await h.call('POST', '/objects/person/records/bulk', big);
    expect(reply.status).toBe(413);
    expect(reply.body.errors[0].status).toBe('413');
    expect(await listAll(h, 'person')).toHaveLength(0);
  });

  test('wrong content type → 415', async () => {
    const reply = await h.call('POST', '/objects/person/records', 'data=1', { 'content-type': 'text/plain' });
    expect(reply.status).toBe(415);
    expect(reply.body.errors[0].status).toBe('415');
    const form = await h.call('POST', '/objects/person/records', 'a=1', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
  });

  test('application/vnd.api+json is accepted like application/json', async () => {
    const reply = await h.call(
      'POST',
      '/objects/person/records',
      { data: { type: 'person', attributes: { first_name: 'V' } } },
      { 'content-type': 'application/vnd.api+json' },
    );
    expect(reply.status).toBe(201);
  });

  test.each([
    ['JSON array', []],
    ['JSON string', 'just a string'],
    ['JSON null', null],
    ['no data', { foo: 1 }],
    ['data is a string', { data: 'x' }],
    ['data is an array on single create', { data: [] }],
  ])('%s as a create body → 400', async (_name, body) => {
    const reply = await h.call('POST', '/objects/person/records', JSON.stringify(body));
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].status).toBe('400');
  });

  test('missing body on create → 400', async () => {
    const reply = await h.call('POST', '/objects/person/records', '');
    expect(reply.status).toBe(400);
  });

  test('attributes that are not an object → 422', async () => {
    const reply = await h.call('POST', '/objects/person/records', {
      data: { type: 'person', attributes: [1] },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0].source.pointer).toBe('/data/attributes');
  });

  test('DELETE with a JSON content type and an empty body still works', async () => {
    const created = await h.call('POST', '/objects/person/records', {
      data: { type: 'person', attributes: {} },
    });
    const reply = await fetch(`${h.base}/objects/person/records/${created.body.data.id}`, {
      method: 'DELETE',
      headers: { ...AUTH, 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(204);
  });

  test('bad percent-encoding in the URL → 400, server keeps serving', async () => {
    const reply = await h.call('GET', '/objects/person/resources?filter[first_name][Is]=%E0%A4%A');
    expect([200, 400]).toContain(reply.status);
    const path = await h.call('GET', '/objects/%E0%A4%A/resources');
    expect(path.status).toBe(400);
    expect((await h.call('GET', '/schemas')).status).toBe(200);
  });
});

describe('app.inject (in-process)', () => {
  let app: SandboxApp;
  beforeAll(() => {
    app = buildSandboxApp({ workspace: 'acme' });
  });
  afterAll(() => app.close());

  test('serves the same API without a socket, with stats per route pattern', async () => {
    const create = await app.inject({
      method: 'POST',
      url: '/v1/workspaces/acme/objects/company/records',
      headers: AUTH,
      payload: { data: { type: 'company', attributes: { name: 'Inj', domains: { items: ['inj.dev'] } } } },
    });
    expect(create.statusCode).toBe(201);
    const list = await app.inject({
      method: 'GET',
      url: '/v1/workspaces/acme/objects/company/resources',
      headers: AUTH,
    });
    expect(list.json().meta.total_records).toBe(1);
    const stats = app.sandbox.stats();
    expect(stats.byRoute).toEqual({
      'POST /objects/:object/records': 1,
      'GET /objects/:object/resources': 1,
    });
    expect(stats.byStatus).toEqual({ '200': 1, '201': 1 });
    app.sandbox.resetStats();
    expect(app.sandbox.stats().requests).toBe(0);
    expect(app.sandbox.dump().company![0]!.attributes).toEqual({
      name: 'Inj',
      domains: { items: ['inj.dev'] },
    });
  });

  test('invalid options throw a clear Error', () => {
    expect(() => buildSandboxApp({ faultRate: 2 })).toThrow(/faultRate/);
    expect(() => buildSandboxApp({ duplicates: 'merge' as 'upsert' })).toThrow(/duplicates/);
    expect(() => buildSandboxApp({ schema: { data: 'x' } })).toThrow(/schema/);
    expect(() => buildSandboxApp({ seedRecords: { person: [{ email_addresses: ['a@b.c'] }] } })).toThrow(
      /seedRecords\.person\[0\]/,
    );
  });
});
