import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sandboxOptionsFromCli } from '../../src/sandbox/cli-options.js';
import { defaultSchemaBody } from '../../src/sandbox/schema/default-schema.js';
import { type Harness, harness, person } from './helpers.js';

describe('GET /schemas (default)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h.sandbox.close());

  test('JSON:API list of person, company, deal with the documented property shapes', async () => {
    const reply = await h.call('GET', '/schemas');
    expect(reply.status).toBe(200);
    expect(reply.body.links).toEqual({ next: null });
    const byName = Object.fromEntries(
      reply.body.data.map((s: { attributes: { $id: string } }) => [s.attributes.$id.split('/')[1], s]),
    );
    expect(Object.keys(byName)).toEqual(['person', 'company', 'deal']);
    const p = byName.person;
    expect(p.id).toBe('https://getclarify.ai/schemas/entities/person');
    expect(p.type).toBe('schema');
    expect(p.attributes.type).toBe('object');
    expect(p.attributes.xClarifyLabel).toEqual({ singular: 'Person', plural: 'People' });
    const props = p.attributes.properties;
    expect(props.first_name).toEqual({ type: ['string', 'null'], title: 'First name' });
    expect(props.email_addresses).toEqual({
      type: 'object',
      title: 'Email addresses',
      properties: { items: { type: 'array', items: { type: 'string', format: 'email' } } },
      xClarifyUnique: true,
    });
    expect(props.phone_numbers.properties.items.items.format).toBe('phone');
    expect(props.phone_numbers.xClarifyUnique).toBeUndefined();
    expect(props.company_id.xClarifyRelationship).toEqual({ kind: 'many-to-one', entity: 'company' });
    expect(props.status.enum).toEqual(['Lead', 'Qualified', 'Customer', 'Churned']);
    for (const system of ['_id', '_created_at', '_updated_at']) expect(props[system].readOnly).toBe(true);
    const c = byName.company.attributes.properties;
    expect(c.domains.properties.items.items.format).toBe('hostname');
    expect(c.domains.xClarifyUnique).toBe(true);
    expect(c.employee_count.type).toEqual(['number', 'null']);
    const d = byName.deal.attributes;
    expect(d.properties.name).toMatchObject({ type: 'string', xClarifyUnique: true });
    expect(d.properties.close_date).toMatchObject({ type: ['string', 'null'], format: 'date' });
    expect(d.properties.stage.enum).toEqual([
      'Prospecting',
      'Qualification',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
    ]);
    expect(d.required).toEqual(['name']);
  });
});

describe('--schema FILE with custom fields', () => {
  let h: Harness;
  beforeAll(async () => {
    const body = defaultSchemaBody();
    const personSchema = body.data[0]!.attributes.properties as Record<string, unknown>;
    personSchema.tier = { type: ['string', 'null'], enum: ['Gold', 'Silver'], title: 'Tier' };
    personSchema.tags = {
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'string', enum: ['vip', 'beta'] } } },
    };
    personSchema.newsletter = { type: ['boolean', 'null'] };
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-schema-'));
    const file = join(dir, 'schema.json');
    writeFileSync(file, JSON.stringify(body));
    h = await harness({ ...sandboxOptionsFromCli({ schema: file }), port: 0 });
  });
  afterAll(() => h.sandbox.close());

  test('serves the file as GET /schemas', async () => {
    const reply = await h.call('GET', '/schemas');
    expect(reply.body.data[0].attributes.properties.tier.enum).toEqual(['Gold', 'Silver']);
  });

  test('honours custom select, multi-select and boolean fields in validation', async () => {
    const good = await h.call('POST', '/objects/person/records', {
      data: person({ tier: 'Gold', tags: { items: ['vip'] }, newsletter: true }),
    });
    expect(good.status).toBe(201);
    expect(good.body.data.attributes.tier).toBe('Gold');
    const cases: [Record<string, unknown>, string][] = [
      [{ tier: 'gold' }, '/data/attributes/tier'],
      [{ tier: 'Bronze' }, '/data/attributes/tier'],
      [{ tags: ['vip'] }, '/data/attributes/tags'],
      [{ tags: { items: ['VIP'] } }, '/data/attributes/tags/items/0'],
      [{ newsletter: 'yes' }, '/data/attributes/newsletter'],
    ];
    for (const [attributes, pointer] of cases) {
      const reply = await h.call('POST', '/objects/person/records', { data: person(attributes) });
      expect(reply.status, JSON.stringify(attributes)).toBe(422);
      expect(reply.body.errors[0].source.pointer).toBe(pointer);
    }
  });
});
