import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createClient, UncertainOutcome } from '../../src/clarify/index.js';

/**
 * Variants the sandbox does not produce (NestJS errors, HTTP-date Retry-After, X-RateLimit-Reset,
 * absent or relative next links, cursor-paginated schemas...), served by a tiny scripted HTTP server.
 */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
type Handler = (req: Seen, res: ServerResponse, n: number) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((r) => {
          s.closeAllConnections();
          s.close(() => r());
        }),
    ),
  );
});

async function serve(handler: Handler) {
  const seen: Seen[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const s: Seen = { method: req.method!, url: req.url!, headers: req.headers, body };
      seen.push(s);
      handler(s, res, seen.length);
    });
  });
  server.on('connection', () => connections++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const client = createClient({
    baseUrl: `http://127.0.0.1:${port}/v1`,
    workspace: 'ws',
    apiKey: 'KEY-123',
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });
  return { client, seen, port, connections: () => connections };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

const rec = (id: string, attributes: Record<string, unknown> = {}) => ({ id, type: 'person', attributes });

describe('protocol variants', () => {
  it('sends the auth and JSON headers, on kept-alive connections', async () => {
    const { client, seen, connections } = await serve((_req, res) =>
      json(res, 201, { data: [rec('1'), rec('2')] }),
    );
    for (let i = 0; i < 10; i++)
      await client.bulkCreate('person', [{ first_name: 'a' }, { first_name: 'b' }]);
    expect(seen[0]!.headers.authorization).toBe('api-key KEY-123');
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(seen[0]!.url).toBe('/v1/workspaces/ws/objects/person/records/bulk');
    expect(JSON.parse(seen[0]!.body)).toEqual({
      data: [
        { type: 'person', attributes: { first_name: 'a' } },
        { type: 'person', attributes: { first_name: 'b' } },
      ],
    });
    // Keep-alive: 20 sequential requests reuse a pooled connection or two, not 20 sockets.
    expect(connections()).toBeLessThanOrEqual(2);
  });

  it('sends match_on at the top level and the bulk update and delete bodies', async () => {
    const { client, seen } = await serve((req, res) => {
      if (req.method === 'DELETE') return json(res, 204, undefined);
      json(res, 200, { data: [rec('1')] });
    });
    await client.bulkCreate('person', [{ first_name: 'a' }], { matchOn: 'email_addresses' });
    await client.bulkUpdate('person', [{ id: '1', attributes: { first_name: 'b' } }]);
    await client.bulkDelete('person', ['1', '2']);
    expect(JSON.parse(seen[0]!.body).match_on).toBe('email_addresses');
    expect(seen[1]!.method).toBe('PATCH');
    expect(seen[1]!.url).toBe('/v1/workspaces/ws/objects/person/records');
    expect(JSON.parse(seen[1]!.body)).toEqual({
      data: [{ id: '1', type: 'person', attributes: { first_name: 'b' } }],
    });
    expect(JSON.parse(seen[2]!.body)).toEqual({ items: ['1', '2'] });
  });

  it('parses NestJS-shaped errors', async () => {
    const { client } = await serve((_req, res) =>
      json(res, 400, {
        statusCode: 400,
        message: ['data.1.attributes.email must be an email'],
        error: 'Bad Request',
      }),
    );
    const err = (await caught(client.bulkCreate('person', [{}, {}]))) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, label: 'terminal', recordIndex: 1 });
    expect(err.detail).toContain('must be an email');
  });

  it('waits for an HTTP-date Retry-After and for X-RateLimit-Reset', async () => {
    const { client, seen } = await serve((_req, res, n) => {
      if (n === 1) {
        // HTTP dates have one-second resolution: this is 1 to 2 seconds away.
        return json(
          res,
          429,
          { errors: [{ status: '429', detail: 'API rate limit exceeded' }] },
          {
            'retry-after': new Date(Date.now() + 2000).toUTCString(),
          },
        );
      }
      if (n === 2) {
        return json(
          res,
          429,
          {},
          { 'x-ratelimit-limit': '3000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' },
        );
      }
      json(res, 200, { data: [], links: { next: null } });
    });
    const started = Date.now();
    await client.getSchemas();
    expect(seen).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2, throttled: 2 });
  });

  it('retries a create after 503 with Retry-After or a 409 "schema is being modified", never after a 500', async () => {
    const { client, seen } = await serve((_req, res, n) => {
      if (n === 1) return json(res, 503, {}, { 'retry-after': '0' });
      if (n === 2)
        return json(res, 409, {
          errors: [{ status: '409', detail: 'Schema is being modified by another request. Please retry.' }],
        });
      if (n === 3) return json(res, 201, { data: [rec('a')] });
      return json(res, 500, { errors: [{ status: '500', detail: 'boom' }] });
    });
    expect(await client.bulkCreate('person', [{}])).toEqual(['a']);
    expect(seen).toHaveLength(3);
    const err = await caught(client.bulkCreate('person', [{}]));
    expect(err).toBeInstanceOf(UncertainOutcome);
    expect(seen).toHaveLength(4);
  });

  it('a 2xx bulk create whose ids cannot be read is uncertain, not a failure', async () => {
    const { client } = await serve((_req, res) => json(res, 201, { data: [rec('only-one')] }));
    const err = await caught(client.bulkCreate('person', [{}, {}]));
    expect(err).toBeInstanceOf(UncertainOutcome);
    expect((err as UncertainOutcome).reason).toBe('bad_response');
  });

  it('pagination: relative next links, absent next, no links at all, and a stuck offset', async () => {
    const page = (offset: number, count: number) =>
      Array.from({ length: count }, (_, i) => rec(`r${offset + i}`));
    const collect = async (client: ReturnType<typeof createClient>) => {
      const ids: string[] = [];
      for await (const r of client.listAll('person', { pageSize: 2 })) ids.push(r.id);
      return ids;
    };
    // relative next, then `links: {}` (absent next) on the last page
    const a = await serve((req, res) => {
      const offset = Number(new URL(req.url, 'http://x').searchParams.get('page[offset]'));
      if (offset === 0)
        return json(res, 200, {
          data: page(0, 2),
          links: { next: '/v1/workspaces/ws/objects/person/resources?page[limit]=2&page[offset]=2' },
        });
      return json(res, 200, { data: page(2, 1), links: {} });
    });
    expect(await collect(a.client)).toEqual(['r0', 'r1', 'r2']);

    // no links key at all: continue while pages are full
    const b = await serve((req, res) => {
      const offset = Number(new URL(req.url, 'http://x').searchParams.get('page[offset]'));
      json(res, 200, { data: page(offset, offset < 4 ? 2 : 1) });
    });
    expect(await collect(b.client)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);

    // a server whose next link never advances: stop instead of looping forever
    const c = await serve((req, res) => json(res, 200, { data: page(0, 2), links: { next: req.url } }));
    expect(await collect(c.client)).toEqual(['r0', 'r1']);
    expect(c.seen).toHaveLength(1);
  });

  it('findByUniqueKey falls back to a bare filter when the operator is refused, and matches exactly', async () => {
    const { client, seen } = await serve((req, res) => {
      const url = decodeURIComponent(req.url);
      if (url.includes('[Is]'))
        return json(res, 400, { errors: [{ status: '400', detail: 'Unknown filter operator "Is"' }] });
      json(res, 200, {
        data: [rec('1', { name: 'Acme deal' }), rec('2', { name: 'Acme deal 2' })],
        links: { next: null },
      });
    });
    const found = await client.findByUniqueKey('deal', 'name', 'Acme deal');
    expect(found.map((r) => r.id)).toEqual(['1']);
    expect(decodeURIComponent(seen[0]!.url)).toContain('filter[name][Is]=Acme deal');
    expect(decodeURIComponent(seen[1]!.url)).toContain('filter[name]=Acme deal');
    expect(seen[1]!.url).not.toContain('+');
  });

  it('follows a cursor next link on /schemas, rebuilt on the configured base', async () => {
    const { client, seen } = await serve((req, res) => {
      const entity = (name: string) => ({
        id: `entities/${name}`,
        type: 'schema',
        attributes: { $id: `entities/${name}`, properties: { name: { type: ['string', 'null'] } } },
      });
      if (!req.url.includes('cursor')) {
        return json(res, 200, {
          data: [entity('person')],
          links: { next: 'http://evil.example/v1/workspaces/ws/schemas?cursor=abc' },
        });
      }
      json(res, 200, { data: [entity('deal')], links: { next: null } });
    });
    const { schema, raw } = await client.getSchemas();
    expect(raw).toHaveLength(2);
    expect(seen[1]!.url).toBe('/v1/workspaces/ws/schemas?cursor=abc');
    expect(schema.person.fields.name!.kind).toBe('text');
    expect(schema.deal.fields.name!.kind).toBe('text');
  });

  it('connection refused: retried for creates too (nothing was sent), then reported transient', async () => {
    const { port } = await serve((_req, res) => json(res, 200, {}));
    const s = servers.pop()!;
    await new Promise<void>((r) => s.close(() => r()));
    const client = createClient({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      workspace: 'ws',
      apiKey: 'KEY-123',
      retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 3 },
    });
    const err = (await caught(client.bulkCreate('person', [{}]))) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      label: 'transient',
      reason: 'connection_refused',
      attempts: 3,
      code: 'NETWORK',
    });
    expect(client.stats().requests).toBe(3);
    expect(err.message).not.toContain('KEY-123');
  });
});
