import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/issues.js';
import { DEFAULT_MAPPING, type MappingOptions } from '../../src/core/mapping.js';
import type { SourceRecord } from '../../src/core/records.js';
import type { FieldSpec, ObjectSchema } from '../../src/core/schema.js';
import { type NormalizeContext, normalizeRecord } from '../../src/normalize/index.js';

function schema(
  object: ObjectSchema['object'],
  specs: Omit<FieldSpec, 'name'>[],
  names: string[],
): ObjectSchema {
  const fields: Record<string, FieldSpec> = {};
  names.forEach((name, index) => {
    fields[name] = { name, ...(specs[index] as Omit<FieldSpec, 'name'>) };
  });
  return { object, fields };
}

const PERSON = schema(
  'person',
  [
    { kind: 'text' },
    { kind: 'text' },
    { kind: 'text' },
    { kind: 'email_list', unique: true },
    { kind: 'phone_list' },
    { kind: 'select', options: ['Lead', 'Marketing Qualified Lead', 'Customer'] },
    { kind: 'multi_select', options: ['VIP', 'Newsletter'] },
    { kind: 'date' },
    { kind: 'boolean' },
    { kind: 'reference', target: 'company' },
    { kind: 'readonly' },
  ],
  [
    'first_name',
    'last_name',
    'job_title',
    'email_addresses',
    'phone_numbers',
    'stage',
    'labels',
    'birthday',
    'do_not_call',
    'company_id',
    'created_at',
  ],
);

const COMPANY = schema(
  'company',
  [{ kind: 'text' }, { kind: 'domain_list', unique: true }, { kind: 'number' }, { kind: 'string_list' }],
  ['name', 'domains', 'annual_revenue', 'tags'],
);

const DEAL = schema(
  'deal',
  [
    { kind: 'text' },
    { kind: 'number' },
    { kind: 'date' },
    { kind: 'select', options: ['Prospecting', 'Closed Won', 'Closed Lost'] },
  ],
  ['name', 'amount', 'close_date', 'stage'],
);

const options = (overrides: Partial<MappingOptions> = {}): MappingOptions => ({
  ...DEFAULT_MAPPING.options,
  ...overrides,
});

function context(objectSchema: ObjectSchema, extra: Partial<NormalizeContext> = {}): NormalizeContext {
  return { schema: objectSchema, valueMaps: {}, options: options(), ...extra };
}

function record(
  object: SourceRecord['object'],
  fields: SourceRecord['fields'],
  extra: Partial<SourceRecord> = {},
) {
  return {
    object,
    sourceId: `${object}-1`,
    origin: { file: `${object}s.csv`, line: 7 },
    fields,
    raw: { Any: 'thing' },
    issues: [],
    ...extra,
  } satisfies SourceRecord;
}

const codes = (issues: Issue[]) => issues.map((issue) => issue.code);

describe('normalizeRecord: person', () => {
  it('normalizes every kind and reports nothing for clean data', () => {
    const result = normalizeRecord(
      record(
        'person',
        {
          first_name: ' Jane ',
          last_name: 'Doe',
          job_title: 'CTO',
          email_addresses: ['"Jane Doe" <Jane@Acme.com>, jane@acme.com', 'j.doe@ACME.com'],
          phone_numbers: ['+1 (415) 555-2671', '030 1234567'],
          stage: 'marketingqualifiedlead',
          labels: 'vip; newsletter;VIP',
          birthday: '04.03.1990',
          do_not_call: 'yes',
          company_id: '123',
          created_at: '2024-01-01',
        },
        { companySourceId: 'company-9' },
      ),
      context(PERSON, {
        valueMaps: { 'person.stage': { MarketingQualifiedLead: 'Marketing Qualified Lead' } },
        options: options({ date_order: 'dmy', default_country: 'DE' }),
      }),
    );
    expect(result.attributes).toEqual({
      first_name: 'Jane',
      last_name: 'Doe',
      job_title: 'CTO',
      email_addresses: { items: ['jane@acme.com', 'j.doe@acme.com'] },
      phone_numbers: { items: ['+14155552671', '+49301234567'] },
      stage: 'Marketing Qualified Lead',
      labels: { items: ['VIP', 'Newsletter'] },
      birthday: '1990-03-04',
      do_not_call: true,
    });
    expect(result.issues).toEqual([]);
    expect(result.companySourceId).toBe('company-9');
    expect(result.sourceId).toBe('person-1');
    expect(result.origin).toEqual({ file: 'persons.csv', line: 7 });
    expect(result.raw).toEqual({ Any: 'thing' });
  });

  it('splits a full name when first and last name are absent, and does not send name', () => {
    const result = normalizeRecord(record('person', { name: 'Dr. Jean-Luc van der Berg' }), context(PERSON));
    expect(result.attributes).toEqual({ first_name: 'Jean-Luc', last_name: 'van der Berg' });
    expect(result.issues).toEqual([]);
  });

  it('normalizes the e-mails a record only matches by, keeping the valid ones, none when none is', () => {
    const withOthers = record('person', { name: 'Ann Lee' });
    withOthers.matchEmails = [' Ann.Lee@Gmail.com ', 'not-an-email'];
    expect(normalizeRecord(withOthers, context(PERSON)).matchEmails).toEqual(['ann.lee@gmail.com']);
    withOthers.matchEmails = ['not-an-email'];
    const none = normalizeRecord(withOthers, context(PERSON));
    expect(none.matchEmails).toBeUndefined();
    expect(none.issues).toEqual([]);
  });

  it('splits "Doe, Jane" and omits an empty last name', () => {
    expect(normalizeRecord(record('person', { name: 'Doe, Jane' }), context(PERSON)).attributes).toEqual({
      first_name: 'Jane',
      last_name: 'Doe',
    });
    expect(
      normalizeRecord(record('person', { name: 'Madonna', last_name: '' }), context(PERSON)).attributes,
    ).toEqual({ first_name: 'Madonna' });
  });

  it('keeps explicit first/last name and reports a name the schema lacks', () => {
    const result = normalizeRecord(
      record('person', { first_name: 'Jane', last_name: 'Doe', name: 'Someone Else' }),
      context(PERSON),
    );
    expect(result.attributes).toEqual({ first_name: 'Jane', last_name: 'Doe' });
    expect(codes(result.issues)).toEqual(['UNKNOWN_COLUMN']);
  });

  it('drops invalid e-mails with INVALID_EMAIL and keeps the valid ones', () => {
    const result = normalizeRecord(
      record('person', { email_addresses: 'jane@acme, jane@acme.com; not-an-email' }),
      context(PERSON),
    );
    expect(result.attributes).toEqual({ email_addresses: { items: ['jane@acme.com'] } });
    expect(result.issues).toHaveLength(2);
    expect(result.issues[0]).toMatchObject({
      code: 'INVALID_EMAIL',
      severity: 'warning',
      file: 'persons.csv',
      line: 7,
      column: 'email_addresses',
      object: 'person',
      sourceId: 'person-1',
      value: 'jane@acme',
    });
    expect(result.issues[1]).toMatchObject({ code: 'INVALID_EMAIL', value: 'not-an-email' });
  });

  it('omits the collection when every e-mail is invalid', () => {
    const result = normalizeRecord(record('person', { email_addresses: ['nope', ''] }), context(PERSON));
    expect(result.attributes).toEqual({});
    expect(codes(result.issues)).toEqual(['INVALID_EMAIL']);
  });

  it('drops a select value that is not an option (case-mismatch is fixed, unknown is reported)', () => {
    const fixed = normalizeRecord(record('person', { stage: 'customer' }), context(PERSON));
    expect(fixed.attributes).toEqual({ stage: 'Customer' });
    const unknown = normalizeRecord(
      record('person', { stage: 'Evangelist', labels: 'VIP;Gold' }),
      context(PERSON),
    );
    expect(unknown.attributes).toEqual({ labels: { items: ['VIP'] } });
    expect(unknown.issues.map((issue) => [issue.code, issue.value, issue.severity])).toEqual([
      ['UNMAPPED_SELECT', 'Evangelist', 'warning'],
      ['UNMAPPED_SELECT', 'Gold', 'warning'],
    ]);
    expect(unknown.issues[0]?.message).toContain('"Lead", "Marketing Qualified Lead", "Customer"');
  });

  it('a value the value map sends to "" is left out on purpose and said (info), never silently', () => {
    const result = normalizeRecord(
      record('person', { stage: ' Other ', labels: 'VIP;Internal' }),
      context(PERSON, {
        valueMaps: { 'person.stage': { other: '' }, 'person.labels': { INTERNAL: ' ' } },
      }),
    );
    expect(result.attributes).toEqual({ labels: { items: ['VIP'] } });
    expect(result.issues.map((issue) => [issue.code, issue.column, issue.value, issue.severity])).toEqual([
      ['UNMAPPED_SELECT', 'stage', 'Other', 'info'],
      ['UNMAPPED_SELECT', 'labels', 'Internal', 'info'],
    ]);
    expect(result.issues[0]?.message).toBe(
      'person.stage: the value map sends "Other" to "" (no value), so it was not sent, as the mapping asks.',
    );
    // An empty cell is not a value: nothing to say.
    const empty = normalizeRecord(
      record('person', { stage: '  ' }),
      context(PERSON, { valueMaps: { 'person.stage': { other: '' } } }),
    );
    expect(empty.issues).toEqual([]);
  });

  it('drops invalid dates and booleans and a phone Excel rewrote', () => {
    const result = normalizeRecord(
      record('person', {
        birthday: '1990-02-30',
        do_not_call: 'maybe',
        phone_numbers: '4.15555E+09; +14155552671',
      }),
      context(PERSON),
    );
    expect(result.attributes).toEqual({ phone_numbers: { items: ['+14155552671'] } });
    expect(codes(result.issues)).toEqual(['INVALID_DATE', 'UNMAPPED_SELECT', 'INVALID_PHONE']);
    expect(result.issues[0]).toMatchObject({ column: 'birthday', value: '1990-02-30' });
  });

  it('keeps a phone number it cannot convert as written, when Clarify takes that shape', () => {
    const result = normalizeRecord(record('person', { phone_numbers: '(415) 555-0101' }), context(PERSON));
    expect(result.attributes).toEqual({ phone_numbers: { items: ['(415) 555-0101'] } });
    expect(result.issues).toEqual([]);
  });

  it("reads phone numbers in the row's own country before the mapping's default_country (case 46b)", () => {
    const phones = (region: string | undefined, default_country?: string) =>
      normalizeRecord(
        record('person', { phone_numbers: ['(415) 555-0101', '030 1234567'] }, region ? { region } : {}),
        context(PERSON, { options: options(default_country ? { default_country } : {}) }),
      ).attributes.phone_numbers;
    expect(phones('United States')).toEqual({ items: ['+14155550101', '030 1234567'] });
    // (415) 555-0101 is a valid German number too: the row's country wins over the default
    expect(phones('Germany', 'US')).toEqual({ items: ['+494155550101', '+49301234567'] });
    expect(phones('de', 'US')).toEqual({ items: ['+494155550101', '+49301234567'] });
    // a country the table does not know, or none: the mapping's default
    expect(phones('Narnia', 'US')).toEqual({ items: ['+14155550101', '030 1234567'] });
    expect(phones(undefined, 'DE')).toEqual({ items: ['+494155550101', '+49301234567'] });
    expect(phones(undefined)).toEqual({ items: ['(415) 555-0101', '030 1234567'] });
  });

  it('notes a country it does not recognise, when that decides how a number is read; never otherwise', () => {
    const issues = (region: string, phone: string) =>
      normalizeRecord(
        record('person', { phone_numbers: phone }, { region }),
        context(PERSON, { options: options({ default_country: 'US' }) }),
      ).issues;
    expect(issues('Narnia', '(415) 555-0101')).toMatchObject([
      { code: 'UNKNOWN_COUNTRY', severity: 'info', value: 'Narnia', column: 'phone_numbers' },
    ]);
    expect(issues('Narnia', '(415) 555-0101')[0]!.message).toContain('read as numbers of US');
    expect(issues('Narnia', '+44 20 7946 0958')).toEqual([]);
    expect(issues('Narnia', '0044 20 7946 0958')).toEqual([]);
    expect(issues('United States', '(415) 555-0101')).toEqual([]);
    expect(issues(' ', '(415) 555-0101')).toEqual([]);
  });

  it('drops and reports what cannot be a phone number, which Clarify would reject with the whole person', () => {
    const result = normalizeRecord(
      record('person', { phone_numbers: ['call me', '555-CALL-ME', '+44 20 7946 0958'] }),
      context(PERSON),
    );
    expect(result.attributes).toEqual({ phone_numbers: { items: ['+442079460958'] } });
    expect(result.issues).toMatchObject([
      { code: 'INVALID_PHONE', severity: 'warning', column: 'phone_numbers', value: 'call me', line: 7 },
      { code: 'INVALID_PHONE', value: '555-CALL-ME' },
    ]);
    expect(result.issues[0]?.message).toBe(
      'person.phone_numbers: "call me" is not a phone number (it has no digits). Write it with digits, like +1 415 555 2671, or leave the cell empty. The value was not sent.',
    );
  });

  it('carries the adapter issues over, first', () => {
    const adapterIssue: Issue = { code: 'DROPPED_EMAIL', severity: 'info', message: 'kept the first e-mail' };
    const result = normalizeRecord(
      record('person', { email_addresses: 'bad' }, { issues: [adapterIssue] }),
      context(PERSON),
    );
    expect(codes(result.issues)).toEqual(['DROPPED_EMAIL', 'INVALID_EMAIL']);
  });

  it('never sends reference or read-only fields, or empty values', () => {
    const result = normalizeRecord(
      record('person', {
        company_id: '42',
        created_at: '2024-01-01',
        job_title: '   ',
        labels: ' ; ',
        stage: '',
        email_addresses: [],
      }),
      context(PERSON),
    );
    expect(result.attributes).toEqual({});
    expect(result.issues).toEqual([]);
  });
});

describe('normalizeRecord: company', () => {
  it('normalizes domains: URLs, www, subdomains, IDN; drops free mail and invalid ones; dedupes', () => {
    const result = normalizeRecord(
      record('company', {
        name: 'Acme',
        domains: [
          'https://www.acme.com/about',
          'shop.acme.co.uk; acme.com; gmail.com',
          'localhost',
          'bücher.de',
        ],
        annual_revenue: '$1,200,000.50',
        tags: 'saas;enterprise',
      }),
      context(COMPANY),
    );
    expect(result.attributes).toEqual({
      name: 'Acme',
      domains: { items: ['acme.com', 'acme.co.uk', 'xn--bcher-kva.de'] },
      annual_revenue: 1200000.5,
      tags: { items: ['saas', 'enterprise'] },
    });
    expect(result.issues.map((issue) => [issue.code, issue.severity, issue.value])).toEqual([
      ['FREEMAIL_DOMAIN', 'warning', 'gmail.com'],
      ['INVALID_DOMAIN', 'warning', 'localhost'],
    ]);
  });

  it('reads amounts with the decimal separator of the mapping', () => {
    const result = normalizeRecord(
      record('company', { annual_revenue: '1.200,50' }),
      context(COMPANY, { options: options({ decimal: ',' }) }),
    );
    expect(result.attributes).toEqual({ annual_revenue: 1200.5 });
  });

  it('reports an unknown attribute once, as info, with the agreed message', () => {
    const result = normalizeRecord(
      record('company', { name: 'Acme', industry: 'Software' }),
      context(COMPANY),
    );
    expect(result.attributes).toEqual({ name: 'Acme' });
    expect(result.issues).toEqual([
      {
        code: 'UNKNOWN_COLUMN',
        severity: 'info',
        message:
          'attribute industry does not exist in the workspace schema for company; the value was not sent',
        file: 'companys.csv',
        line: 7,
        column: 'industry',
        object: 'company',
        sourceId: 'company-1',
        value: 'Software',
      },
    ]);
  });
});

describe('normalizeRecord: deal', () => {
  it('normalizes amount, date and stage', () => {
    const result = normalizeRecord(
      record('deal', { name: ' Big deal ', amount: '(1,200)', close_date: '45631', stage: 'closedwon' }),
      context(DEAL),
    );
    expect(result.attributes).toEqual({
      name: 'Big deal',
      amount: -1200,
      close_date: '2024-12-05',
      stage: 'Closed Won',
    });
    expect(result.issues).toEqual([]);
  });

  it('reads an ambiguous date in the mapping order', () => {
    const mdy = normalizeRecord(record('deal', { close_date: '03/04/2024' }), context(DEAL));
    const dmy = normalizeRecord(
      record('deal', { close_date: '03/04/2024' }),
      context(DEAL, { options: options({ date_order: 'dmy' }) }),
    );
    expect(mdy.attributes).toEqual({ close_date: '2024-03-04' });
    expect(dmy.attributes).toEqual({ close_date: '2024-04-03' });
  });

  it('drops what cannot be normalized and never sends it', () => {
    const result = normalizeRecord(
      record('deal', { name: 'X', amount: '1.2k', close_date: '2024-02-30', stage: 'Qualification' }),
      context(DEAL),
    );
    expect(result.attributes).toEqual({ name: 'X' });
    expect(result.issues.map((issue) => [issue.code, issue.column, issue.value])).toEqual([
      ['INVALID_NUMBER', 'amount', '1.2k'],
      ['INVALID_DATE', 'close_date', '2024-02-30'],
      ['UNMAPPED_SELECT', 'stage', 'Qualification'],
    ]);
    for (const issue of result.issues) {
      expect(issue).toMatchObject({
        severity: 'warning',
        file: 'deals.csv',
        line: 7,
        object: 'deal',
        sourceId: 'deal-1',
      });
    }
  });

  it('takes the first valid value when several columns feed one scalar', () => {
    const result = normalizeRecord(record('deal', { amount: ['', 'n/a', '500'] }), context(DEAL));
    expect(result.attributes).toEqual({ amount: 500 });
    expect(result.issues).toEqual([]);
  });

  it('keeps an amount whose reading depends on the decimal setting, with a warning that names the option', () => {
    const result = normalizeRecord(record('deal', { name: 'X', amount: '2.000' }), context(DEAL));
    expect(result.attributes).toEqual({ name: 'X', amount: 2 });
    expect(result.issues).toEqual([
      {
        code: 'AMBIGUOUS_NUMBER',
        severity: 'warning',
        message:
          'deal.amount: "2.000" was read as 2, with "." as the decimal separator; if it means 2000, set options.decimal: "," in the mapping (--mapping). The value is kept as read.',
        file: 'deals.csv',
        line: 7,
        column: 'amount',
        object: 'deal',
        sourceId: 'deal-1',
        value: '2.000',
      },
    ]);
  });

  it('rejects an amount that does not fit DECIMAL(16,4)', () => {
    const result = normalizeRecord(record('deal', { amount: '12345678901234' }), context(DEAL));
    expect(result.attributes).toEqual({});
    expect(codes(result.issues)).toEqual(['INVALID_NUMBER']);
  });
});
