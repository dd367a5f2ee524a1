import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness({ apiKey: 'secret-key-123' });
});
afterAll(() => h.sandbox.close());

describe('auth', () => {
  test.each([
    ['missing header', {}],
    ['Bearer scheme', { authorization: 'Bearer secret-key-123' }],
    ['wrong key', { authorization: 'api-key nope' }],
    ['empty key', { authorization: 'api-key ' }],
    ['key alone', { authorization: 'secret-key-123' }],
  ])('%s → 401 JSON:API error without the key', async (_name, headers) => {
    const reply = await fetch(`${h.base}/schemas`, { headers });
    const text = await reply.text();
    expect(reply.status).toBe(401);
    expect(JSON.parse(text).errors[0].status).toBe('401');
    expect(text).not.toContain('secret-key-123');
  });

  test('api-key scheme → 200', async () => {
    const reply = await h.call('GET', '/schemas', undefined, { authorization: 'api-key secret-key-123' });
    expect(reply.status).toBe(200);
  });
});

describe('routing', () => {
  const ok = { authorization: 'api-key secret-key-123' };
  test('unknown workspace → 404', async () => {
    const reply = await h.call('GET', `${h.sandbox.url}/workspaces/other/schemas`, undefined, ok);
    expect(reply.status).toBe(404);
    expect(reply.body.errors[0].detail).toMatch(/workspace/i);
  });

  test('path without /v1 → 404 JSON:API', async () => {
    const url = h.sandbox.url.replace(/\/v1$/, '/workspaces/demo/schemas');
    const reply = await h.call('GET', url, undefined, ok);
    expect(reply.status).toBe(404);
    expect(reply.body.errors[0].status).toBe('404');
  });

  test('unknown object → 404', async () => {
    const reply = await h.call('GET', '/objects/widget/resources', undefined, ok);
    expect(reply.status).toBe(404);
    const create = await h.call('POST', '/objects/widget/records', { data: { attributes: {} } }, ok);
    expect(create.status).toBe(404);
  });

  test('unknown route → 404', async () => {
    const reply = await h.call('GET', '/objects/person/nothing-here', undefined, ok);
    expect(reply.status).toBe(404);
    expect(reply.body.errors[0].status).toBe('404');
  });

  test('unknown record id → 404 on GET, PATCH, DELETE', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const body = method === 'PATCH' ? { data: { type: 'person', attributes: {} } } : undefined;
      const reply = await h.call(method, '/objects/person/records/per_missing', body, ok);
      expect(reply.status, method).toBe(404);
    }
  });

  test('binds loopback by default and url shows the real port', () => {
    expect(h.sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(h.sandbox.url).not.toContain(':0/');
  });
});
