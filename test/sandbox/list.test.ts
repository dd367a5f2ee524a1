import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { company, deal, emails, type Harness, harness, listAll, person } from './helpers.js';

let h: Harness;
const ids: string[] = [];
beforeAll(async () => {
  h = await harness({
    seedRecords: {
      company: [
        { name: 'Acme', domains: { items: ['acme.com', 'acme.io'] }, employee_count: 50 },
        { name: 'Globex', domains: { items: ['globex.com'] }, employee_count: 500 },
        { name: 'Initech', employee_count: null },
      ],
    },
  });
  // 53 people → 3 pages of 25 (25, 25, 3).
  for (let batch = 0; batch < 3; batch++) {
    const data = [];
    for (let i = batch * 25; i < Math.min(53, batch * 25 + 25); i++) {
      data.push(
        person({
          first_name: `P${String(i).padStart(2, '0')}`,
          email_addresses: emails(`p${i}@example.com`, ...(i === 7 ? ['Seven@Other.org'] : [])),
          status: i % 2 === 0 ? 'Lead' : 'Customer',
          ...(i % 10 === 0 ? {} : { job_title: `Engineer ${i}` }),
        }),
      );
    }
    const reply = await h.call('POST', '/objects/person/records/bulk', { data });
    expect(reply.status).toBe(201);
    ids.push(...reply.body.data.map((r: { id: string }) => r.id));
  }
  const deals = await h.call('POST', '/objects/deal/records/bulk', {
    data: [
      deal({ name: 'Big one', amount: 100000, close_date: '2024-06-30', stage: 'Won' }),
      deal({ name: 'Small one', amount: 500, close_date: '2024-01-15', stage: 'Lost' }),
      deal({ name: 'Mid one', amount: 20000, close_date: '2024-03-01', stage: 'Proposal' }),
      deal({ name: 'No amount' }),
    ],
  });
  expect(deals.status).toBe(201);
});
afterAll(() => h.sandbox.close());

const names = (reply: { body: { data: { attributes: { name?: string; first_name?: string } }[] } }) =>
  reply.body.data.map((r) => r.attributes.name ?? r.attributes.first_name);

describe('pagination', () => {
  test('default page of 25 with meta and links; walks to the last page where next is null', async () => {
    const first = await h.call('GET', '/objects/person/resources');
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(25);
    expect(first.body.meta).toEqual({ total_records: 53, total_pages: 3, offset: 0, limit: 25 });
    expect(first.body.links.prev).toBeNull();
    expect(first.body.data.map((r: { id: string }) => r.id)).toEqual(ids.slice(0, 25));
    const resource = first.body.data[0];
    expect(resource.type).toBe('person');
    expect(resource.attributes._id).toBe(resource.id);
    expect(resource.attributes._created_at).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(resource.attributes._updated_at).toBe(resource.attributes._created_at);

    const second = await h.call('GET', first.body.links.next);
    expect(second.body.meta.offset).toBe(25);
    expect(second.body.links.prev).toContain('page%5Boffset%5D=0');
    const third = await h.call('GET', second.body.links.next);
    expect(third.body.data).toHaveLength(3);
    expect(third.body.links.next).toBeNull();
    expect(third.body.links.prev).not.toBeNull();
    const all = [...first.body.data, ...second.body.data, ...third.body.data].map(
      (r: { id: string }) => r.id,
    );
    expect(all).toEqual(ids);
  });

  test('page[limit] up to 500; above or non-integer → 400', async () => {
    expect((await h.call('GET', '/objects/person/resources?page[limit]=500')).body.data).toHaveLength(53);
    for (const bad of ['501', '0', '-1', '2.5', 'ten']) {
      const reply = await h.call('GET', `/objects/person/resources?page[limit]=${bad}`);
      expect(reply.status, bad).toBe(400);
      expect(reply.body.errors[0].status).toBe('400');
    }
    expect((await h.call('GET', '/objects/person/resources?page[offset]=x')).status).toBe(400);
  });

  test('offset past the end → empty page, next null', async () => {
    const reply = await h.call('GET', '/objects/person/resources?page[offset]=100');
    expect(reply.body.data).toEqual([]);
    expect(reply.body.links.next).toBeNull();
  });

  test('next links keep the filters, URL-encoded', async () => {
    const reply = await h.call('GET', '/objects/person/resources?filter[status][Is]=Lead&page[limit]=5');
    expect(reply.body.meta.total_records).toBe(27);
    const next: string = reply.body.links.next;
    expect(next).toContain('filter%5Bstatus%5D%5BIs%5D=Lead');
    expect(next).toContain('page%5Boffset%5D=5');
    expect(next).toContain('page%5Blimit%5D=5');
    const page2 = await h.call('GET', next);
    expect(
      page2.body.data.every((r: { attributes: { status: string } }) => r.attributes.status === 'Lead'),
    ).toBe(true);
    expect(await listAll(h, 'person', '&filter[status][Is]=Lead')).toHaveLength(27);
  });

  test('nextLinkOrigin rewrites the origin of next/prev links', async () => {
    const other = await harness({ nextLinkOrigin: 'http://elsewhere.invalid' });
    try {
      await other.call('POST', '/objects/company/records/bulk', {
        data: [company({ name: 'A' }), company({ name: 'B' })],
      });
      const reply = await other.call('GET', '/objects/company/resources?page[limit]=1');
      expect(reply.body.links.next).toMatch(
        /^http:\/\/elsewhere\.invalid\/v1\/workspaces\/demo\/objects\/company\/resources\?/,
      );
    } finally {
      await other.sandbox.close();
    }
  });
});

describe('filters', () => {
  const q = async (object: string, query: string) => {
    const reply = await h.call('GET', `/objects/${object}/resources?page[limit]=500&${query}`);
    expect(reply.status, `${query}: ${reply.text}`).toBe(200);
    return reply;
  };

  test('collections: Contains/Is match a whole item ignoring case', async () => {
    expect(names(await q('person', 'filter[email_addresses][Contains]=P7@EXAMPLE.COM'))).toEqual(['P07']);
    expect(names(await q('person', 'filter[email_addresses][Contains]=seven@other.org'))).toEqual(['P07']);
    expect(names(await q('person', 'filter[email_addresses]=p8@example.com'))).toEqual(['P08']);
    expect(names(await q('person', 'filter[email_addresses][Is]=p9@example.com'))).toEqual(['P09']);
    expect((await q('person', 'filter[email_addresses][Contains]=p7@example')).body.data).toEqual([]);
    expect(names(await q('company', 'filter[domains][Contains]=acme.io'))).toEqual(['Acme']);
    expect(names(await q('company', 'filter[domains][Is empty]=true'))).toEqual(['Initech']);
    expect(names(await q('company', 'filter[domains][Ends with]=.io'))).toEqual(['Acme']);
    expect(names(await q('company', 'filter[domains][Does not contain]=acme.com'))).toEqual([
      'Globex',
      'Initech',
    ]);
    expect(names(await q('person', 'filter[email_addresses][One of]=p1@example.com,P2@example.com'))).toEqual(
      ['P01', 'P02'],
    );
  });

  test('text operators', async () => {
    expect(names(await q('deal', 'filter[name][Is]=Big one'))).toEqual(['Big one']);
    expect((await q('deal', 'filter[name][Is]=big one')).body.data).toEqual([]);
    expect(names(await q('deal', 'filter[name][Is not]=Big one'))).toEqual([
      'Small one',
      'Mid one',
      'No amount',
    ]);
    expect(names(await q('deal', 'filter[name][Contains]=ONE'))).toEqual(['Big one', 'Small one', 'Mid one']);
    expect(names(await q('deal', 'filter[name][Does not contain]=one'))).toEqual(['No amount']);
    expect(names(await q('deal', 'filter[name][Starts with]=sm'))).toEqual(['Small one']);
    expect(names(await q('deal', 'filter[name][Ends with]=unt'))).toEqual(['No amount']);
    expect((await q('person', 'filter[job_title][Is empty]=1')).body.meta.total_records).toBe(6);
    expect((await q('person', 'filter[job_title][Is not empty]=1')).body.meta.total_records).toBe(47);
  });

  test('number, date and select operators', async () => {
    expect(names(await q('deal', 'filter[amount][Greater than]=20000'))).toEqual(['Big one']);
    expect(names(await q('deal', 'filter[amount][Greater than or equal]=20000'))).toEqual([
      'Big one',
      'Mid one',
    ]);
    expect(names(await q('deal', 'filter[amount][Less than]=20000'))).toEqual(['Small one']);
    expect(names(await q('deal', 'filter[amount][Less than or equal]=20000'))).toEqual([
      'Small one',
      'Mid one',
    ]);
    expect(names(await q('deal', 'filter[amount][Is]=500'))).toEqual(['Small one']);
    expect(names(await q('deal', 'filter[close_date][Is before]=2024-03-01'))).toEqual(['Small one']);
    expect(names(await q('deal', 'filter[close_date][Is after]=2024-03-01'))).toEqual(['Big one']);
    expect(names(await q('deal', 'filter[stage][One of]=Won,Lost'))).toEqual(['Big one', 'Small one']);
    expect(names(await q('deal', 'filter[stage][Is]=Proposal'))).toEqual(['Mid one']);
    expect(
      names(await q('company', 'filter[_created_at][Is after]=2000-01-01&filter[name][Is]=Acme')),
    ).toEqual(['Acme']);
  });

  test('several filters are ANDed, incl. a range on one field', async () => {
    const reply = await q('deal', 'filter[amount][Greater than]=100&filter[amount][Less than]=50000');
    expect(names(reply)).toEqual(['Small one', 'Mid one']);
    const both = await q('person', 'filter[status][Is]=Customer&filter[first_name][Starts with]=P1');
    expect(names(both)).toEqual(['P11', 'P13', 'P15', 'P17', 'P19']);
  });

  test('unknown operator, Equals, unknown field → 400', async () => {
    for (const query of [
      'filter[name][Equals]=Big one',
      'filter[name][Resembles]=x',
      'filter[name][is]=Big one',
      'filter[nope][Is]=x',
      'filter[amount][Greater than]=lots',
      'filter[stage][Contains]=Won',
    ]) {
      const reply = await h.call('GET', `/objects/deal/resources?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.errors[0].status).toBe('400');
    }
  });
});

describe('sort', () => {
  test('sortOrder[column] and sortOrder[dir], empty values last', async () => {
    const asc = await h.call('GET', '/objects/deal/resources?sortOrder[column]=amount&sortOrder[dir]=ASC');
    expect(names(asc)).toEqual(['Small one', 'Mid one', 'Big one', 'No amount']);
    const desc = await h.call('GET', '/objects/deal/resources?sortOrder[column]=amount&sortOrder[dir]=DESC');
    expect(names(desc)).toEqual(['Big one', 'Mid one', 'Small one', 'No amount']);
    const byName = await h.call('GET', '/objects/deal/resources?sortOrder[column]=name&sortOrder[dir]=ASC');
    expect(names(byName)).toEqual(['Big one', 'Mid one', 'No amount', 'Small one']);
    const newest = await h.call(
      'GET',
      '/objects/deal/resources?sortOrder[column]=_created_at&sortOrder[dir]=DESC',
    );
    expect(names(newest)).toEqual(['No amount', 'Mid one', 'Small one', 'Big one']);
  });

  test('default order is creation order and stable', async () => {
    const a = await h.call('GET', '/objects/company/resources');
    expect(names(a)).toEqual(['Acme', 'Globex', 'Initech']);
  });

  test('bad sort column or direction → 400', async () => {
    expect((await h.call('GET', '/objects/deal/resources?sortOrder[column]=nope')).status).toBe(400);
    expect(
      (await h.call('GET', '/objects/deal/resources?sortOrder[column]=name&sortOrder[dir]=UP')).status,
    ).toBe(400);
  });
});
