import type { BuiltinColumns } from '../shared/columns.js';
import { HeaderIndex, headerKey } from '../shared/headers.js';

/**
 * Salesforce export files. Data Export Service and API tools (Data Loader, Workbench…) write API names
 * (`Id`, `AccountId`, `StageName`); report exports write field labels (`Account Name`, `Stage`). Both
 * are accepted; keys are compared with `headerKey` (case-insensitive).
 */
export type SalesforceRole =
  | 'Account'
  | 'Contact'
  | 'Lead'
  | 'Opportunity'
  | 'OpportunityContactRole'
  | 'AccountContactRelation'
  | 'AccountContactRole'
  | 'Other';

export const COLUMN = {
  accountId: ['Account ID', 'AccountId', 'Account.Id'],
  accountName: ['Account Name', 'Account.Name'],
  contactId: ['Contact ID', 'ContactId'],
  opportunityId: ['Opportunity ID', 'OpportunityId'],
  leadId: ['Lead ID'],
  isDeleted: ['IsDeleted', 'Deleted'],
  isConverted: ['IsConverted', 'Converted'],
  company: ['Company', 'Company / Account'],
  website: ['Website'],
  role: ['Role'],
} as const;

/** The id column of each role: API `Id`, or the label a report uses. */
export const ID_COLUMNS: Record<'Account' | 'Contact' | 'Lead' | 'Opportunity', string[]> = {
  Account: ['Id', 'Account ID'],
  Contact: ['Id', 'Contact ID'],
  Lead: ['Id', 'Lead ID'],
  Opportunity: ['Id', 'Opportunity ID'],
};

/**
 * The row's country, the default region of its phone numbers: the ISO code column first (orgs with state
 * and country picklists export both), then the name; API names, then report labels.
 */
export const REGION_COLUMNS: Record<'Account' | 'Contact' | 'Lead' | 'Opportunity', string[]> = {
  Account: [
    'BillingCountryCode',
    'BillingCountry',
    'Billing Country',
    'ShippingCountryCode',
    'ShippingCountry',
  ],
  Contact: ['MailingCountryCode', 'MailingCountry', 'Mailing Country', 'OtherCountryCode', 'OtherCountry'],
  Lead: ['CountryCode', 'Country'],
  Opportunity: [],
};

export const ACCOUNT_COLUMNS: BuiltinColumns = {
  Name: 'name',
  'Account Name': 'name',
  Website: 'domains',
  Industry: 'industry',
  NumberOfEmployees: 'employee_count',
  Employees: 'employee_count',
  AnnualRevenue: 'annual_revenue',
  'Annual Revenue': 'annual_revenue',
  Description: 'description',
};

export const CONTACT_COLUMNS: BuiltinColumns = {
  FirstName: 'first_name',
  'First Name': 'first_name',
  LastName: 'last_name',
  'Last Name': 'last_name',
  Name: 'name',
  'Full Name': 'name',
  Email: 'email_addresses',
  Phone: 'phone_numbers',
  MobilePhone: 'phone_numbers',
  'Mobile Phone': 'phone_numbers',
  Mobile: 'phone_numbers',
  Title: 'job_title',
  Description: 'description',
};

export const LEAD_COLUMNS: BuiltinColumns = { ...CONTACT_COLUMNS };

export const OPPORTUNITY_COLUMNS: BuiltinColumns = {
  Name: 'name',
  'Opportunity Name': 'name',
  Amount: 'amount',
  StageName: 'stage',
  Stage: 'stage',
  CloseDate: 'close_date',
  'Close Date': 'close_date',
  Description: 'description',
};

/** Columns the adapter reads itself (never reported as "not imported"). */
export const STRUCTURAL: ReadonlySet<string> = new Set(
  ['Id', ...Object.values(COLUMN).flat(), 'IsPrimary', 'Primary'].map(headerKey),
);

const k = (...list: string[]) => list.map(headerKey);

/**
 * What a Salesforce file holds, from its headers (undefined: not a Salesforce file).
 * `score` is this file's detection weight.
 */
export function classifySalesforceFile(
  headers: string[],
): { role: SalesforceRole; score: number } | undefined {
  const index = new HeaderIndex(headers);
  const has = (...keys: string[]) => index.has(...k(...keys));
  const apiId = index.headers.some((header) => header.trim() === 'Id');
  if (
    has('OpportunityId', 'Opportunity ID') &&
    has('ContactId', 'Contact ID') &&
    !has('StageName', 'Stage')
  ) {
    return { role: 'OpportunityContactRole', score: 10 };
  }
  if (
    (apiId && has('StageName') && has('CloseDate')) ||
    (has('Opportunity Name') && has('Stage', 'Close Date'))
  ) {
    return { role: 'Opportunity', score: 10 };
  }
  if (apiId && has('IsConverted') && has('LastName')) return { role: 'Lead', score: 10 };
  if (has('Lead ID') || (has('Lead Status', 'Lead Source') && has('Company / Account'))) {
    return { role: 'Lead', score: 8 };
  }
  if (has('AccountId') && has('ContactId') && has('Roles', 'IsDirect'))
    return { role: 'AccountContactRelation', score: 5 };
  if (has('AccountId') && has('ContactId') && has('Role')) return { role: 'AccountContactRole', score: 5 };
  if (apiId && has('AccountId') && has('LastName')) return { role: 'Contact', score: 10 };
  if (has('Contact ID') || (has('First Name', 'Last Name') && has('Account Name', 'Account ID'))) {
    return { role: 'Contact', score: 8 };
  }
  if (
    apiId &&
    has('Name') &&
    has('BillingCity', 'BillingStreet', 'Website', 'AccountNumber', 'NumberOfEmployees', 'Industry')
  ) {
    return { role: 'Account', score: 10 };
  }
  if (
    has('Account Name') &&
    (has('Account ID') || has('Billing City', 'Account Owner', 'Account Number', 'Website', 'Type'))
  ) {
    return { role: 'Account', score: 8 };
  }
  // Any other object of a Data Export Service zip (User.csv, Task.csv, Campaign.csv…).
  if (apiId && has('SystemModstamp', 'CreatedById', 'LastModifiedById')) return { role: 'Other', score: 1 };
  return undefined;
}
