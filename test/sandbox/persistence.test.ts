import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { emails, harness, listAll, person } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dbFile', () => {
  test('records, unique keys and relationships survive a restart', async () => {
    const dbFile = join(dir, 'workspace.db');
    const first = await harness({ dbFile });
    const created = await first.call('POST', '/objects/person/records/bulk', {
      data: [person({ first_name: 'Kept', email_addresses: emails('kept@x.com') })],
    });
    const deal = await first.call('POST', '/objects/deal/records', {
      data: { type: 'deal', attributes: { name: 'D' } },
    });
    const personId = created.body.data[0].id;
    await first.call('PATCH', `/objects/deal/records/${deal.body.data.id}/relationships/people`, {
      data: [{ id: personId, type: 'person' }],
    });
    const before = first.sandbox.dump();
    await first.sandbox.close();

    const second = await harness({ dbFile });
    try {
      expect(second.sandbox.dump()).toEqual(before);
      const people = await listAll(second, 'person');
      expect(people.map((p) => p.id)).toEqual([personId]);
      // The unique key index was persisted too: the same email still collides.
      const dup = await second.call('POST', '/objects/person/records', {
        data: person({ email_addresses: emails('KEPT@x.com') }),
      });
      expect(dup.status).toBe(400);
      // New records come after the old ones in the default order.
      await second.call('POST', '/objects/person/records', { data: person({ first_name: 'New' }) });
      const names = (await listAll(second, 'person')).map(
        (p) => (p.attributes as { first_name: string }).first_name,
      );
      expect(names).toEqual(['Kept', 'New']);
    } finally {
      await second.sandbox.close();
    }
  });

  test('a failed batch leaves nothing in the file', async () => {
    const dbFile = join(dir, 'atomic.db');
    const first = await harness({ dbFile });
    const reply = await first.call('POST', '/objects/person/records/bulk', {
      data: [person({ first_name: 'ok' }), person({ status: 'bogus' })],
    });
    expect(reply.status).toBe(422);
    await first.sandbox.close();
    const second = await harness({ dbFile });
    expect(second.sandbox.dump().person).toEqual([]);
    await second.sandbox.close();
  });
});

describe('seedRecords', () => {
  test('a workspace that already holds records', async () => {
    const h = await harness({
      seedRecords: {
        company: [{ name: 'Old Co', domains: { items: ['old.co'] } }],
        person: [{ first_name: 'Old', email_addresses: emails('old@old.co') }],
      },
    });
    try {
      expect((await listAll(h, 'company')).length).toBe(1);
      const dup = await h.call('POST', '/objects/company/records', {
        data: { type: 'company', attributes: { domains: { items: ['old.co'] } } },
      });
      expect(dup.status).toBe(400);
    } finally {
      await h.sandbox.close();
    }
  });
});
