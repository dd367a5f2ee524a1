import type { ObjectType } from '../../src/core/objects.js';
import type { CanonicalRecord, SkippedRow, SourceLink } from '../../src/core/records.js';
import type { Attributes } from '../../src/core/schema.js';
import { Planner, type PlannerOptions, WorkspaceIndex } from '../../src/plan/index.js';

let nextLine = 2;

/** A canonical record as the normalizer would hand it over; lines count up unless given. */
export function rec(
  object: ObjectType,
  sourceId: string,
  attributes: Attributes,
  extra: { companySourceId?: string; line?: number } = {},
): CanonicalRecord {
  const line = extra.line ?? nextLine++;
  return {
    object,
    sourceId,
    origin: { file: `${object}.csv`, line },
    attributes,
    ...(extra.companySourceId !== undefined ? { companySourceId: extra.companySourceId } : {}),
    raw: { id: sourceId },
    issues: [],
  };
}

export const items = (...values: string[]) => ({ items: values });

export function company(sourceId: string, name: string | null, domains: string[] = [], line?: number) {
  const attributes: Attributes = {};
  if (name !== null) attributes.name = name;
  if (domains.length > 0) attributes.domains = items(...domains);
  return rec('company', sourceId, attributes, line === undefined ? {} : { line });
}

export function person(
  sourceId: string,
  first: string | null,
  last: string | null,
  emails: string[] = [],
  extra: { companySourceId?: string; line?: number; attributes?: Attributes } = {},
) {
  const attributes: Attributes = { ...extra.attributes };
  if (first !== null) attributes.first_name = first;
  if (last !== null) attributes.last_name = last;
  if (emails.length > 0) attributes.email_addresses = items(...emails);
  return rec('person', sourceId, attributes, extra);
}

export function deal(
  sourceId: string,
  name: string | null,
  extra: { companySourceId?: string; line?: number; attributes?: Attributes } = {},
) {
  const attributes: Attributes = { ...extra.attributes };
  if (name !== null) attributes.name = name;
  return rec('deal', sourceId, attributes, extra);
}

export function skip(
  object: ObjectType,
  sourceId: string,
  reason: string,
  severity: 'error' | 'warning' = 'warning',
) {
  const row: SkippedRow = {
    object,
    sourceId,
    origin: { file: `${object}.csv`, line: nextLine++ },
    reason,
    raw: { id: sourceId },
    issue: { code: severity === 'error' ? 'CSV_RAGGED_ROW' : 'DELETED_ROW', severity, message: reason },
  };
  return row;
}

export function link(dealSourceId: string, personSourceId: string, line = nextLine++): SourceLink {
  return { dealSourceId, personSourceId, origin: { file: 'links.csv', line } };
}

export function workspace(
  records: Partial<Record<ObjectType, Array<[string, Attributes]>>> = {},
): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const object of ['company', 'person', 'deal'] as const) {
    for (const [id, attributes] of records[object] ?? []) index.add(object, { id, attributes });
  }
  return index;
}

export function planner(index = workspace(), options: Partial<PlannerOptions> = {}): Planner {
  return new Planner(index, { dealRename: '{name} ({company})', ...options });
}

export const codes = (record: { issues: Array<{ code: string }> }) =>
  record.issues.map((issue) => issue.code);
