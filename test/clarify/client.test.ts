import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createClient, isDuplicateError, type RequestInfo } from '../../src/clarify/index.js';
import { ImportError } from '../../src/core/errors.js';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';

const KEY = 'sk-test-SECRET-4f9a2c';
const sandboxes: RunningSandbox[] = [];

async function setup(
  options: SandboxOptions = {},
  clientOptions: Partial<Parameters<typeof createClient>[0]> = {},
) {
  const sandbox = await startSandbox({ port: 0, workspace: 'acme', apiKey: KEY, ...options });
  sandboxes.push(sandbox);
  const client = createClient({ baseUrl: sandbox.url, workspace: 'acme', apiKey: KEY, ...clientOptions });
  return { sandbox, client };
}

afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
});

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('client against the sandbox', () => {
  it('authenticates with "api-key KEY"; a wrong key is a terminal AUTH error that never shows the key', async () => {
    const { sandbox, client } = await setup();
    const { schema } = await client.getSchemas();
    expect(schema.person.fields.email_addresses!.kind).toBe('email_list');

    const infos: RequestInfo[] = [];
    const wrongKey = 'sk-WRONG-deadbeef';
    const bad = createClient({
      baseUrl: sandbox.url,
      workspace: 'acme',
      apiKey: wrongKey,
      onRequest: (i) => infos.push(i),
    });
    const err = await caught(bad.getSchemas());
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, label: 'terminal', code: 'AUTH', attempts: 1 });
    const visible = [
      (err as Error).message,
      (err as Error).stack,
      inspect(err, { depth: 10 }),
      JSON.stringify(err),
      JSON.stringify(bad),
      inspect(bad, { depth: 10, showHidden: true }),
      JSON.stringify(infos),
      JSON.stringify(bad.stats()),
      JSON.stringify(client),
    ].join('\n');
    expect(visible).not.toContain(wrongKey);
    expect(visible).not.toContain(KEY);
    expect(sandbox.stats().byStatus['401']).toBe(1);
  });

  it('refuses an unsafe base URL before sending anything', () => {
    let err: unknown;
    try {
      createClient({ baseUrl: 'http://api.clarify.ai/v1', workspace: 'acme', apiKey: KEY });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe('INSECURE_URL');
    expect((err as Error).message).not.toContain(KEY);
  });

  it('parses the default schema and a custom one', async () => {
    const { client } = await setup();
    const { schema, raw, objects } = await client.getSchemas();
    expect(raw).toHaveLength(1);
    expect(objects).toEqual(expect.arrayContaining(['person', 'company', 'deal']));
    expect(schema.person.fields._id!.kind).toBe('readonly');
    expect(schema.person.fields.status).toMatchObject({
      kind: 'select',
      options: ['Lead', 'Qualified', 'Customer', 'Churned'],
    });
    expect(schema.person.fields.company_id).toMatchObject({ kind: 'reference', target: 'company' });
    expect(schema.person.fields.phone_numbers!.kind).toBe('phone_list');
    expect(schema.company.fields.domains).toMatchObject({ kind: 'domain_list', unique: true });
    expect(schema.deal.fields.name).toMatchObject({ kind: 'text', unique: true });
    expect(schema.deal.fields.close_date!.kind).toBe('date');

    const custom = {
      data: [
        {
          id: 'https://getclarify.ai/schemas/entities/person',
          type: 'schema',
          attributes: {
            $id: 'entities/person',
            properties: {
              email_addresses: {
                type: 'object',
                properties: { items: { type: 'array', items: { type: 'string', format: 'email' } } },
                xClarifyUnique: true,
              },
              tier: { type: ['string', 'null'], enum: ['Gold', 'silver'] },
              hobbies: {
                type: 'object',
                properties: { items: { type: 'array', items: { type: 'string', enum: ['Golf', 'Chess'] } } },
              },
            },
          },
        },
      ],
      links: { next: null },
    };
    const { client: c2 } = await setup({ schema: custom });
    const s2 = (await c2.getSchemas()).schema;
    expect(s2.person.fields.tier).toMatchObject({ kind: 'select', options: ['Gold', 'silver'] });
    expect(s2.person.fields.hobbies).toMatchObject({ kind: 'multi_select', options: ['Golf', 'Chess'] });
    expect(s2.company.fields).toEqual({});
  });

  it('bulkCreate returns ids in input order; getRecord and findByUniqueKey find them', async () => {
    const { sandbox, client } = await setup();
    const input = Array.from({ length: 7 }, (_, i) => ({
      name: `Co ${i}`,
      domains: { items: [`co${i}.example.com`] },
    }));
    const ids = await client.bulkCreate('company', input);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    for (const [i, id] of ids.entries()) {
      const rec = await client.getRecord('company', id);
      expect(rec?.attributes.name).toBe(`Co ${i}`);
    }
    const dumped = sandbox.dump().company!;
    expect(dumped.map((r) => r.id).sort()).toEqual([...ids].sort());

    const found = await client.findByUniqueKey('company', 'domains', 'CO3.example.com');
    expect(found.map((r) => r.id)).toEqual([ids[3]]);
    expect(await client.findByUniqueKey('company', 'domains', 'nope.example.com')).toEqual([]);
    expect(await client.getRecord('company', 'com_does_not_exist')).toBeUndefined();
  });

  it('a duplicate is terminal, recognised by isDuplicateError, with the pointer of the bad record', async () => {
    const { sandbox, client } = await setup({
      seedRecords: { person: [{ first_name: 'Jane', email_addresses: { items: ['jane@example.com'] } }] },
    });
    const err = await caught(
      client.bulkCreate('person', [
        { first_name: 'A', email_addresses: { items: ['a@example.com'] } },
        { first_name: 'B', email_addresses: { items: ['b@example.com'] } },
        { first_name: 'J', email_addresses: { items: ['jane@example.com'] } },
      ]),
    );
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.label).toBe('terminal');
    expect(e.status).toBe(400);
    expect(isDuplicateError(e)).toBe(true);
    expect(e.recordIndex).toBe(2);
    expect(e.pointer).toMatch(/^\/data\/2\//);
    expect(e.attempts).toBe(1);
    expect(sandbox.dump().person).toHaveLength(1); // atomic: nothing written

    // with match_on the same create upserts
    const ids = await client.bulkCreate(
      'person',
      [{ first_name: 'Janet', email_addresses: { items: ['jane@example.com'] } }],
      { matchOn: 'email_addresses' },
    );
    expect(ids).toEqual([sandbox.dump().person![0]!.id]);
  });

  it('a 422 validation error carries its recordIndex and is not a duplicate', async () => {
    const { client } = await setup();
    const err = (await caught(
      client.bulkCreate('person', [
        { first_name: 'A', email_addresses: { items: ['a@example.com'] } },
        { first_name: 'B', status: 'lead' },
      ]),
    )) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.label).toBe('terminal');
    expect(err.recordIndex).toBe(1);
    expect(err.pointer).toBe('/data/1/attributes/status');
    expect(isDuplicateError(err)).toBe(false);
  });

  it('bulkUpdate, updateRecord, createRecord, deleteRecord and bulkDelete', async () => {
    const { sandbox, client } = await setup();
    const ids = await client.bulkCreate('deal', [{ name: 'D1' }, { name: 'D2' }, { name: 'D3' }]);
    const updated = await client.bulkUpdate('deal', [
      { id: ids[0]!, attributes: { amount: 10 } },
      { id: ids[1]!, attributes: { stage: 'Won' } },
    ]);
    expect(updated.map((r) => r.id)).toEqual([ids[0], ids[1]]);
    const one = await client.updateRecord('deal', ids[2]!, { amount: 3 });
    expect(one?.attributes.amount).toBe(3);
    const byId = Object.fromEntries(sandbox.dump().deal!.map((r) => [r.id, r.attributes]));
    expect(byId[ids[0]!]).toMatchObject({ name: 'D1', amount: 10 });
    expect(byId[ids[1]!]).toMatchObject({ name: 'D2', stage: 'Won' });

    const missing = (await caught(
      client.bulkUpdate('deal', [{ id: 'nope', attributes: { amount: 1 } }]),
    )) as ApiError;
    expect(missing.status).toBe(404);
    expect(missing.label).toBe('terminal');

    const created = await client.createRecord('deal', { name: 'D4' });
    expect(created.attributes.name).toBe('D4');
    expect(await client.findByFilters('deal', { name: 'D4' })).toHaveLength(1);
    expect(await client.findByUniqueKey('deal', 'name', 'D4')).toHaveLength(1);
    expect(await client.deleteRecord('deal', created.id)).toBe('deleted');
    expect(await client.deleteRecord('deal', created.id)).toBe('not_found');
    await client.bulkDelete('deal', [ids[0]!, ids[1]!]);
    expect(sandbox.dump().deal!.map((r) => r.id)).toEqual([ids[2]]);
  });

  it('relationships: patch replaces the set, delete removes listed ids, get lists them', async () => {
    const { sandbox, client } = await setup();
    const people = await client.bulkCreate('person', [
      { first_name: 'A', email_addresses: { items: ['a@x.com'] } },
      { first_name: 'B', email_addresses: { items: ['b@x.com'] } },
      { first_name: 'C', email_addresses: { items: ['c@x.com'] } },
    ]);
    const [deal] = await client.bulkCreate('deal', [{ name: 'Big deal' }]);
    await client.patchRelationship('deal', deal!, 'people', [people[0]!, people[1]!]);
    expect((await client.getRelationship('deal', deal!, 'people')).sort()).toEqual(
      [people[0], people[1]].sort(),
    );
    await client.patchRelationship('deal', deal!, 'people', [people[2]!]);
    expect(await client.getRelationship('deal', deal!, 'people')).toEqual([people[2]]);
    await client.patchRelationship('deal', deal!, 'people', [people[0]!, people[2]!]);
    await client.deleteRelationship('deal', deal!, 'people', [people[2]!]);
    expect(await client.getRelationship('deal', deal!, 'people')).toEqual([people[0]]);
    expect(sandbox.dump().deal![0]!.relationships.people).toEqual([people[0]]);
  });

  it('listAll walks every page, also when next links point at a foreign origin', async () => {
    const company = Array.from({ length: 23 }, (_, i) => ({
      name: `C${i}`,
      domains: { items: [`c${i}.test`] },
    }));
    const { sandbox, client } = await setup({
      seedRecords: { company },
      nextLinkOrigin: 'http://elsewhere.invalid',
    });
    const pages: number[] = [];
    for await (const page of client.listPages('company', { pageSize: 5 })) pages.push(page.length);
    expect(pages).toEqual([5, 5, 5, 5, 3]);
    const names: string[] = [];
    for await (const r of client.listAll('company', { pageSize: 10 })) names.push(String(r.attributes.name));
    expect(names.sort()).toEqual(company.map((c) => c.name).sort());
    // Every request went to the sandbox itself (the foreign host would have failed).
    expect(sandbox.stats().byRoute['GET /objects/:object/resources']).toBe(5 + 3);
    expect(client.stats().requests).toBe(8);
  });

  it('listAll falls back to smaller pages when the server refuses the page size', async () => {
    const company = Array.from({ length: 30 }, (_, i) => ({
      name: `C${i}`,
      domains: { items: [`c${i}.test`] },
    }));
    const { sandbox, client } = await setup({ seedRecords: { company }, maxPageLimit: 100 });
    let n = 0;
    for await (const _ of client.listAll('company')) n++;
    expect(n).toBe(30);
    expect(sandbox.stats().byStatus['400']).toBe(1); // 500 refused once, 100 accepted
    // the fallback is remembered
    for await (const _ of client.listAll('company')) n++;
    expect(sandbox.stats().byStatus['400']).toBe(1);
  });

  it('counts every request by endpoint', async () => {
    const { sandbox, client } = await setup();
    await client.getSchemas();
    await client.bulkCreate('company', [{ name: 'X', domains: { items: ['x.test'] } }]);
    await client.findByUniqueKey('company', 'domains', 'x.test');
    const s = client.stats();
    expect(s.requests).toBe(3);
    expect(s.requests).toBe(sandbox.stats().requests);
    expect(s.byEndpoint['POST /objects/company/records/bulk']).toMatchObject({ requests: 1, retries: 0 });
    expect(s.byEndpoint['GET /schemas']!.requests).toBe(1);
    expect(s.retries).toBe(0);
  });
});
