import { describe, expect, it } from 'vitest';
import { parseWorkspaceSchema } from '../../src/clarify/schema.js';

const entity = (name: string, properties: Record<string, unknown>) => ({
  id: `https://getclarify.ai/schemas/entities/${name}`,
  type: 'schema',
  attributes: { $id: `entities/${name}`, type: 'object', properties },
});

describe('parseWorkspaceSchema', () => {
  it('maps every JSON Schema shape the API uses to a field kind', () => {
    const schema = parseWorkspaceSchema({
      data: [
        entity('person', {
          _id: { type: 'string', readOnly: true },
          _created_at: { type: 'string', format: 'date-time', readOnly: true },
          first_name: { type: ['string', 'null'], title: 'First name' },
          email_addresses: {
            type: 'object',
            properties: { items: { type: 'array', items: { type: 'string', format: 'email' } } },
            xClarifyUnique: true,
          },
          phone_numbers: {
            type: 'object',
            properties: { items: { type: 'array', items: { type: 'string', format: 'phone' } } },
          },
          tags: { type: 'object', properties: { items: { type: 'array', items: { type: 'string' } } } },
          labels: {
            type: 'object',
            properties: { items: { type: 'array', items: { type: 'string', enum: ['VIP', 'Partner'] } } },
          },
          status: { type: ['string', 'null'], enum: ['Lead', 'Customer', null] },
          company_id: {
            type: ['string', 'null'],
            xClarifyRelationship: { kind: 'many-to-one', entity: 'company' },
          },
          owner_id: {
            type: ['string', 'null'],
            xClarifyRelationship: { kind: 'many-to-one', entity: 'user' },
          },
          deals: { $ref: 'core/collectionOfIds' },
          name: {
            type: 'object',
            properties: { first_name: { type: 'string' }, last_name: { type: 'string' } },
          },
          birthday: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] },
          last_seen: { type: ['string', 'null'], format: 'date-time' },
          vip: { type: 'boolean' },
          score: { type: 'integer' },
          weird: { type: ['string', 'number'] },
          locked: { type: ['string', 'null'], readOnly: true },
        }),
        entity('company', {
          domains: {
            type: 'object',
            properties: { items: { type: 'array', items: { type: 'string', format: 'hostname' } } },
          },
          employee_count: { type: ['number', 'null'] },
        }),
        entity('deal', {
          name: { type: 'string', xClarifyUnique: true },
          close_date: { type: ['string', 'null'], format: 'date' },
          people: {
            type: 'array',
            items: { type: 'string' },
            xClarifyRelationship: { kind: 'many-to-many', entity: 'person' },
          },
        }),
        {
          id: 'https://getclarify.ai/schemas/core/collectionOfIds',
          type: 'schema',
          attributes: { $id: 'core/collectionOfIds', properties: {} },
        },
        entity('c_invoice', { number: { type: 'string' } }),
      ],
    });
    const p = schema.person.fields;
    expect(p._id!.kind).toBe('readonly');
    expect(p._created_at!.kind).toBe('readonly');
    expect(p.first_name).toEqual({ name: 'first_name', kind: 'text', title: 'First name' });
    expect(p.email_addresses).toMatchObject({ kind: 'email_list', unique: true });
    expect(p.phone_numbers!.kind).toBe('phone_list');
    expect(p.tags!.kind).toBe('string_list');
    expect(p.labels).toMatchObject({ kind: 'multi_select', options: ['VIP', 'Partner'] });
    expect(p.status).toMatchObject({ kind: 'select', options: ['Lead', 'Customer'] });
    expect(p.company_id).toMatchObject({ kind: 'reference', target: 'company' });
    expect(p.owner_id!.kind).toBe('reference');
    expect(p.owner_id!.target).toBeUndefined();
    expect(p.deals!.kind).toBe('readonly');
    expect(p.name!.kind).toBe('readonly');
    expect(p.birthday!.kind).toBe('date');
    expect(p.last_seen!.kind).toBe('readonly');
    expect(p.vip!.kind).toBe('boolean');
    expect(p.score!.kind).toBe('number');
    expect(p.weird!.kind).toBe('readonly');
    expect(p.locked!.kind).toBe('readonly');
    expect(schema.company.fields.domains!.kind).toBe('domain_list');
    expect(schema.company.fields.employee_count!.kind).toBe('number');
    expect(schema.deal.fields.name).toMatchObject({ kind: 'text', unique: true });
    expect(schema.deal.fields.close_date!.kind).toBe('date');
    expect(schema.deal.fields.people!.kind).toBe('readonly');
  });

  it('recognises collections by name when the item format is missing', () => {
    const items = { type: 'object', properties: { items: { type: 'array', items: { type: 'string' } } } };
    const schema = parseWorkspaceSchema({
      data: [
        entity('person', { email_addresses: items, phone_numbers: items }),
        entity('company', { domains: items }),
      ],
    });
    expect(schema.person.fields.email_addresses!.kind).toBe('email_list');
    expect(schema.person.fields.phone_numbers!.kind).toBe('phone_list');
    expect(schema.company.fields.domains!.kind).toBe('domain_list');
    expect(schema.deal.fields).toEqual({});
  });

  it("tolerates the docs' simplified map shape, over several pages", () => {
    const schema = parseWorkspaceSchema([
      {
        data: {
          'core/person': {
            properties: {
              email_addresses: { type: 'collection' },
              stage: { type: 'select', options: ['Lead', 'Qualified'] },
              title: { type: 'text' },
            },
          },
        },
      },
      {
        data: {
          'entities/deal': {
            properties: {
              name: { type: 'text' },
              amount: { type: 'number' },
              close_date: { type: 'date' },
              tags: { type: 'collection' },
              mystery: { type: 'hologram' },
            },
          },
          'entities/investor': { properties: { fund: { type: 'text' } } },
        },
      },
    ]);
    expect(schema.person.fields.email_addresses).toMatchObject({ kind: 'email_list', unique: true });
    expect(schema.person.fields.stage).toMatchObject({ kind: 'select', options: ['Lead', 'Qualified'] });
    expect(schema.person.fields.title!.kind).toBe('text');
    expect(schema.deal.fields.name).toMatchObject({ kind: 'text', unique: true });
    expect(schema.deal.fields.amount!.kind).toBe('number');
    expect(schema.deal.fields.close_date!.kind).toBe('date');
    expect(schema.deal.fields.tags!.kind).toBe('string_list');
    expect(schema.deal.fields.mystery!.kind).toBe('readonly');
  });

  it('returns empty schemas for garbage instead of throwing', () => {
    const schema = parseWorkspaceSchema('not json');
    expect(Object.keys(schema).sort()).toEqual(['company', 'deal', 'person']);
    expect(schema.person.fields).toEqual({});
  });
});
