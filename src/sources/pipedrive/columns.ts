import type { ObjectType } from '../../core/objects.js';
import type { BuiltinColumns } from '../shared/columns.js';
import { HeaderIndex, headerKey } from '../shared/headers.js';

/**
 * Pipedrive headers are `Entity - Field` labels. The import-template vocabulary differs slightly
 * (`Person - Email (Work)`, a trailing `*` on required columns, `… - Pipedrive System ID`); `canon`
 * folds those spellings onto the export's, after `headerKey`.
 */
export function canon(key: string): string {
  return key
    .replace(/\s*\*$/, '')
    .replace(/^organisation - /, 'organization - ')
    .replace(/ - pipedrive system id$/, ' - id')
    .replace(/^(organization|person|deal) - (.+?) \(([^()]+)\)$/, '$1 - $2 - $3')
    .replace(/^deal - stage - pipeline$/, 'deal - stage')
    .replace(/^deal - currency of value$/, 'deal - currency');
}

export const COL = {
  orgId: 'organization - id',
  orgName: 'organization - name',
  personId: 'person - id',
  personName: 'person - name',
  personFirst: 'person - first name',
  personLast: 'person - last name',
  personOrg: 'person - organization',
  personOrgId: 'person - organization id',
  dealId: 'deal - id',
  dealOrg: 'deal - organization',
  dealOrgId: 'deal - organization id',
  dealPerson: 'deal - contact person',
  dealPersonId: 'deal - contact person id',
  dealStatus: 'deal - status',
} as const;

/** E-mail and phone columns in the order their values are preferred. */
export const EMAIL_COLUMNS = [
  'person - email',
  'person - email - work',
  'person - email - home',
  'person - email - other',
];
export const PHONE_COLUMNS = [
  'person - phone',
  'person - phone - work',
  'person - phone - mobile',
  'person - phone - home',
  'person - phone - other',
];

export const BUILTIN: Record<ObjectType, BuiltinColumns> = {
  company: {
    'Organization - Name': 'name',
    'Organization - Website': 'domains',
    'Organization - Industry': 'industry',
    'Organization - Number of employees': 'employee_count',
    'Organization - Annual revenue': 'annual_revenue',
  },
  person: {
    'Person - First name': 'first_name',
    'Person - Last name': 'last_name',
    'Person - Name': 'name',
    'Person - Job title': 'job_title',
  },
  deal: {
    'Deal - Title': 'name',
    'Deal - Value': 'amount',
    'Deal - Stage': 'stage',
    'Deal - Expected close date': 'close_date',
  },
};

const ID_OF: Record<ObjectType, string> = { company: COL.orgId, person: COL.personId, deal: COL.dealId };
export function idColumn(object: ObjectType): string {
  return ID_OF[object];
}

/** Columns the adapter reads itself, per file object. */
export function structural(object: ObjectType): ReadonlySet<string> {
  const common = [ID_OF[object]];
  if (object === 'person') {
    return new Set([
      ...common,
      ...EMAIL_COLUMNS,
      ...PHONE_COLUMNS,
      COL.personOrg,
      COL.personOrgId,
      COL.orgName,
      COL.orgId,
    ]);
  }
  if (object === 'deal') {
    return new Set([
      ...common,
      COL.dealOrg,
      COL.dealOrgId,
      COL.dealPerson,
      COL.dealPersonId,
      COL.dealStatus,
      COL.orgName,
      COL.orgId,
      COL.personName,
      COL.personId,
    ]);
  }
  return new Set(common);
}

const ENTITY = /^(organization|person|deal) - ./;

/** What a Pipedrive file holds (undefined: not a Pipedrive export), from its `Entity - Field` headers. */
export function classifyPipedriveFile(headers: string[]): { object: ObjectType; score: number } | undefined {
  const keys = headers.map((header) => canon(headerKey(header)));
  const count = (entity: string) => keys.filter((key) => key.startsWith(`${entity} - `)).length;
  const entityColumns = keys.filter((key) => ENTITY.test(key)).length;
  if (entityColumns < 2) return undefined;
  const index = new HeaderIndex(headers, canon);
  const score = 10 + Math.min(entityColumns, 10);
  if (count('deal') > 0 && index.has('deal - title', 'deal - value', 'deal - stage', COL.dealId))
    return { object: 'deal', score };
  if (
    count('person') > 0 &&
    (index.has(COL.personName, COL.personFirst, COL.personLast, COL.personId) ||
      EMAIL_COLUMNS.some((c) => index.has(c)))
  ) {
    return { object: 'person', score };
  }
  if (count('organization') > 0 && index.has(COL.orgName, COL.orgId)) return { object: 'company', score };
  return undefined;
}
