import { describe, expect, it } from 'vitest';
import { parseWorkspaceSchema } from '../../src/clarify/index.js';
import { closestAttribute } from '../../src/mapping-init/index.js';
import { defaultSchemaBody } from '../../src/sandbox/schema/default-schema.js';

// The sandbox's default workspace schema: the attributes a new Clarify workspace has.
const DEFAULT_SCHEMA = parseWorkspaceSchema(defaultSchemaBody());

describe('closestAttribute: a suggestion only when the column plausibly is the attribute', () => {
  it.each([
    ['Job Titel', 'person', 'job_title'], // a typo
    ['Title', 'person', 'job_title'], // part of the attribute's name
    ['Firstname', 'person', 'first_name'],
    ['HomePhone', 'person', 'phone_numbers'], // camelCase, a phone by its main word
    ['Mobile', 'person', 'phone_numbers'],
    ['Personal Email', 'person', 'email_addresses'],
    ['Company Website', 'company', 'domains'],
    ['Employees', 'company', 'employee_count'],
    ['Revenue', 'company', 'annual_revenue'],
    ['Person - Job Title', 'person', 'job_title'], // a vendor prefix aside
  ] as const)('%s (%s) → %s', (header, object, expected) => {
    expect(closestAttribute(header, DEFAULT_SCHEMA, object)).toBe(expected);
  });

  it.each([
    ['Favourite Colour', 'person'],
    ['MasterRecordId', 'company'],
    ['BillingCity', 'company'],
    ['MailingAddress', 'person'], // shares letters with email_addresses, not meaning
    ['EmailBouncedReason', 'person'], // about an e-mail, not one
    ['AssistantName', 'person'],
    ['LastViewedDate', 'person'],
    ['Phone', 'company'], // companies have no phone attribute here
  ] as const)('%s (%s) → no suggestion', (header, object) => {
    expect(closestAttribute(header, DEFAULT_SCHEMA, object)).toBeUndefined();
  });
});
