/**
 * The default workspace schema, written as the `GET /schemas` body Clarify returns. The property shapes
 * are exactly the ones our client parses; `--schema FILE` replaces this whole body.
 */
type Property = Record<string, unknown>;

const text = (title: string): Property => ({ type: ['string', 'null'], title });
const number = (title: string): Property => ({ type: ['number', 'null'], title });
const date = (title: string): Property => ({ type: ['string', 'null'], format: 'date', title });
const select = (title: string, options: string[]): Property => ({
  type: ['string', 'null'],
  enum: options,
  title,
});
const collection = (title: string, format: string, unique: boolean): Property => ({
  type: 'object',
  title,
  properties: { items: { type: 'array', items: { type: 'string', format } } },
  ...(unique ? { xClarifyUnique: true } : {}),
});
const companyRef = (title: string): Property => ({
  type: ['string', 'null'],
  title,
  xClarifyRelationship: { kind: 'many-to-one', entity: 'company' },
});
const system = (): Record<string, Property> => ({
  _id: { type: 'string', title: 'ID', readOnly: true },
  _created_at: { type: 'string', format: 'date-time', title: 'Created at', readOnly: true },
  _updated_at: { type: 'string', format: 'date-time', title: 'Updated at', readOnly: true },
});

function entity(
  name: string,
  singular: string,
  plural: string,
  required: string[],
  properties: Record<string, Property>,
) {
  return {
    id: `https://getclarify.ai/schemas/entities/${name}`,
    type: 'schema',
    attributes: {
      $id: `entities/${name}`,
      title: singular,
      type: 'object',
      xClarifyLabel: { singular, plural },
      required,
      properties: { ...system(), ...properties },
    },
  };
}

export function defaultSchemaBody() {
  return {
    data: [
      entity('person', 'Person', 'People', [], {
        first_name: text('First name'),
        last_name: text('Last name'),
        email_addresses: collection('Email addresses', 'email', true),
        phone_numbers: collection('Phone numbers', 'phone', false),
        job_title: text('Job title'),
        company_id: companyRef('Company'),
        status: select('Status', ['Lead', 'Qualified', 'Customer', 'Churned']),
        description: text('Description'),
      }),
      entity('company', 'Company', 'Companies', [], {
        name: text('Name'),
        domains: collection('Domains', 'hostname', true),
        industry: text('Industry'),
        employee_count: number('Employee count'),
        annual_revenue: number('Annual revenue'),
        description: text('Description'),
      }),
      entity('deal', 'Deal', 'Deals', ['name'], {
        name: { type: 'string', title: 'Name', xClarifyUnique: true },
        amount: number('Amount'),
        stage: select('Stage', ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Won', 'Lost']),
        close_date: date('Close date'),
        company_id: companyRef('Company'),
        description: text('Description'),
      }),
    ],
    links: { next: null },
  };
}
