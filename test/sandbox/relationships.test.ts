import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, harness, listAll } from './helpers.js';

let h: Harness;
let people: string[];
let companies: string[];
let dealId: string;
beforeAll(async () => {
  h = await harness({
    seedRecords: {
      company: [{ name: 'A' }, { name: 'B' }],
      person: [{ first_name: 'P1' }, { first_name: 'P2' }, { first_name: 'P3' }],
      deal: [{ name: 'Deal' }],
    },
  });
  people = (await listAll(h, 'person')).map((r) => r.id as string);
  companies = (await listAll(h, 'company')).map((r) => r.id as string);
  dealId = (await listAll(h, 'deal'))[0]!.id as string;
});
afterAll(() => h.sandbox.close());

const refs = (type: string, ids: string[]) => ({ data: ids.map((id) => ({ id, type })) });
const peopleUrl = () => `/objects/deal/records/${dealId}/relationships/people`;

describe('deal → people', () => {
  test('starts empty; PATCH replaces the set and answers 200 with it', async () => {
    expect((await h.call('GET', peopleUrl())).body).toEqual({ data: [] });
    const first = await h.call('PATCH', peopleUrl(), refs('person', [people[0]!, people[1]!]));
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual([
      { id: people[0], type: 'person' },
      { id: people[1], type: 'person' },
    ]);
    const replaced = await h.call('PATCH', peopleUrl(), refs('person', [people[2]!]));
    expect(replaced.body.data).toEqual([{ id: people[2], type: 'person' }]);
    expect((await h.call('GET', peopleUrl())).body.data).toEqual([{ id: people[2], type: 'person' }]);
  });

  test('DELETE removes only the listed ids → 204', async () => {
    await h.call('PATCH', peopleUrl(), refs('person', people));
    const reply = await h.call('DELETE', peopleUrl(), refs('person', [people[1]!]));
    expect(reply.status).toBe(204);
    expect((await h.call('GET', peopleUrl())).body.data.map((r: { id: string }) => r.id)).toEqual([
      people[0],
      people[2],
    ]);
  });

  test('unknown related id or wrong type → 422, set unchanged', async () => {
    const before = (await h.call('GET', peopleUrl())).body.data;
    const unknown = await h.call('PATCH', peopleUrl(), refs('person', [people[0]!, 'per_NOPE']));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].source.pointer).toBe('/data/1/id');
    const wrongType = await h.call('PATCH', peopleUrl(), refs('company', [companies[0]!]));
    expect(wrongType.status).toBe(422);
    expect((await h.call('GET', peopleUrl())).body.data).toEqual(before);
  });

  test('unknown record or relationship → 404', async () => {
    expect((await h.call('GET', '/objects/deal/records/deal_NOPE/relationships/people')).status).toBe(404);
    expect((await h.call('GET', `/objects/deal/records/${dealId}/relationships/friends`)).status).toBe(404);
  });

  test('GET record carries its relationships', async () => {
    const reply = await h.call('GET', `/objects/deal/records/${dealId}`);
    expect(reply.body.data.relationships.people.data.map((r: { id: string }) => r.id)).toEqual([
      people[0],
      people[2],
    ]);
  });

  test('deleting a person removes it from the deal', async () => {
    expect((await h.call('DELETE', `/objects/person/records/${people[0]}`)).status).toBe(204);
    expect((await h.call('GET', peopleUrl())).body.data.map((r: { id: string }) => r.id)).toEqual([
      people[2],
    ]);
    expect(h.sandbox.dump().deal![0]!.relationships.people).toEqual([people[2]]);
  });
});

describe('person → companies and deal → companies', () => {
  test('replace and remove', async () => {
    const url = `/objects/person/records/${people[1]}/relationships/companies`;
    expect((await h.call('PATCH', url, refs('company', companies))).body.data).toHaveLength(2);
    expect((await h.call('DELETE', url, refs('company', [companies[0]!]))).status).toBe(204);
    expect((await h.call('GET', url)).body.data).toEqual([{ id: companies[1], type: 'company' }]);
    const dealUrl = `/objects/deal/records/${dealId}/relationships/companies`;
    expect((await h.call('PATCH', dealUrl, refs('company', [companies[0]!]))).status).toBe(200);
    expect((await h.call('DELETE', `/objects/company/records/${companies[0]}`)).status).toBe(204);
    expect((await h.call('GET', dealUrl)).body.data).toEqual([]);
  });
});
