import { OBJECT_TYPES, type ObjectType, UNIQUE_KEY } from '../core/objects.js';
import { attributeText } from './attribute-text.js';
import type { Journal, JournalRecord } from './journal.js';
import { type PrepareInput, preparePlan } from './prepare.js';
import type { SnapshotApi } from './snapshot-port.js';

/** Per object: every source row is exactly one of matching, differing, missing or skipped. */
export interface VerifyCounts {
  rows: number;
  matching: number;
  differing: number;
  missing: number;
  skipped: number;
}

export interface VerifyDifference {
  object: ObjectType;
  file: string;
  line: number;
  source_id: string;
  clarify_id: string;
  field: string;
  expected: string;
  actual: string;
}

export interface VerifyRow {
  object: ObjectType;
  file: string;
  line: number;
  source_id: string;
  reason: string;
}

export interface VerifyMissingLink {
  file: string;
  line: number;
  deal_source_id: string;
  deal_id: string | null;
  person_source_id: string;
  person_id: string | null;
  reason: string;
}

export interface VerifyReport {
  /** True when every row that should be in the workspace is there, equal field by field, with its links. */
  ok: boolean;
  source: string;
  objects: Record<ObjectType, VerifyCounts>;
  links: { deal_people: { expected: number; found: number; missing: number; skipped: number } };
  differences: VerifyDifference[];
  missing: VerifyRow[];
  skipped: VerifyRow[];
  missing_links: VerifyMissingLink[];
  requests: number;
  duration_ms: number;
}

export interface VerifyApi {
  snapshot: SnapshotApi;
  getDealPeople(dealId: string): Promise<string[]>;
}

export interface VerifyInput extends Omit<PrepareInput, 'mode'> {
  /** `object|source id` → reason, for rows the import itself recorded as failed: not missing, skipped. */
  importFailures?: Map<string, string>;
  /** Relationship reads in flight at once. */
  parallel?: number;
}

/**
 * Compares the workspace with the exports by planning them again — same reading, normalization and matching
 * as `plan` — into a throw-away journal against a fresh snapshot: a row planned `unchanged` matches, `update`
 * differs (the plan's new vs previous values are the expected vs actual fields), `create` is missing, and
 * skip/fail were never meant to be there. Each planned person–deal link is then checked on the deal.
 */
export async function verifyWorkspace(
  journal: Journal,
  api: VerifyApi,
  input: VerifyInput,
): Promise<VerifyReport> {
  const started = Date.now();
  const requestsBefore = api.snapshot.requestCount();
  const prepared = await preparePlan(journal, api.snapshot, { ...input, mode: 'plan' });
  const runId = prepared.runId;
  const failures = input.importFailures ?? new Map<string, string>();
  const failedInImport = (record: JournalRecord) => failures.get(`${record.object}|${record.sourceId}`);

  const report: VerifyReport = {
    ok: true,
    source: prepared.source,
    objects: {
      company: counts(),
      person: counts(),
      deal: counts(),
    },
    links: { deal_people: { expected: 0, found: 0, missing: 0, skipped: 0 } },
    differences: [],
    missing: [],
    skipped: [],
    missing_links: [],
    requests: 0,
    duration_ms: 0,
  };

  input.onStage?.('comparing records');
  for (const record of journal.iterateRecords(runId)) {
    const tally = report.objects[record.object];
    tally.rows++;
    const row = { object: record.object, file: record.file, line: record.line, source_id: record.sourceId };
    if (record.action === 'unchanged') tally.matching++;
    else if (record.action === 'update') {
      tally.differing++;
      for (const [field, actual] of Object.entries(record.previous ?? {})) {
        report.differences.push({
          ...row,
          clarify_id: record.clarifyId ?? '',
          field,
          expected:
            field === 'company_id'
              ? expectedCompany(journal, runId, record)
              : attributeText(record.attributes[field]),
          actual: attributeText(actual),
        });
      }
    } else if (record.action === 'create') {
      const failed = failedInImport(record);
      if (failed !== undefined) {
        tally.skipped++;
        report.skipped.push({ ...row, reason: `failed during the import: ${failed}` });
      } else {
        tally.missing++;
        report.missing.push({ ...row, reason: missingReason(record) });
      }
    } else {
      tally.skipped++;
      report.skipped.push({ ...row, reason: record.reason ?? record.action });
    }
  }

  input.onStage?.('checking person–deal links');
  await verifyLinks(journal, api, runId, report, failedInImport, input.parallel ?? 8);

  report.ok =
    report.missing_links.length === 0 &&
    OBJECT_TYPES.every((object) => report.objects[object].differing + report.objects[object].missing === 0);
  report.requests = api.snapshot.requestCount() - requestsBefore;
  report.duration_ms = Date.now() - started;
  return report;
}

function counts(): VerifyCounts {
  return { rows: 0, matching: 0, differing: 0, missing: 0, skipped: 0 };
}

function missingReason(record: JournalRecord): string {
  const keys = record.matchKeys.filter((key) => !key.startsWith('name:'));
  if (keys.length > 0) return `no ${record.object} with ${UNIQUE_KEY[record.object]} ${keys.join(', ')}`;
  const name = record.matchKeys[0]?.slice('name:'.length);
  return name ? `no ${record.object} named ${JSON.stringify(name)}` : `no matching ${record.object}`;
}

/** The Clarify id the record's company has in the workspace, or why it cannot have one. */
function expectedCompany(journal: Journal, runId: number, record: JournalRecord): string {
  if (!record.companySourceId) return '';
  const company = journal.recordOf(runId, 'company', record.companySourceId);
  if (company?.clarifyId) return company.clarifyId;
  return `company ${record.companySourceId} (${company?.action === 'create' ? 'missing' : 'not imported'})`;
}

type PendingCheck = {
  file: string;
  line: number;
  dealSourceId: string;
  dealId: string;
  people: Array<{ sourceId: string; id: string }>;
};

async function verifyLinks(
  journal: Journal,
  api: VerifyApi,
  runId: number,
  report: VerifyReport,
  failedInImport: (record: JournalRecord) => string | undefined,
  parallel: number,
): Promise<void> {
  const totals = report.links.deal_people;
  const checks: PendingCheck[] = [];
  const missingLink = (
    link: { file: string; line: number; dealSourceId: string },
    fields: Partial<VerifyMissingLink>,
  ) =>
    report.missing_links.push({
      file: link.file,
      line: link.line,
      deal_source_id: link.dealSourceId,
      deal_id: null,
      person_source_id: '',
      person_id: null,
      reason: '',
      ...fields,
    });
  for (const link of journal.links(runId, ['pending'])) {
    if (link.personSourceIds.length === 0) continue;
    const deal = journal.recordOf(runId, 'deal', link.dealSourceId);
    const dealPresent = deal?.clarifyId && (deal.action === 'update' || deal.action === 'unchanged');
    const dealFailed = deal ? failedInImport(deal) !== undefined : false;
    const check: PendingCheck = { ...link, dealId: deal?.clarifyId ?? '', people: [] };
    for (const personSourceId of link.personSourceIds) {
      totals.expected++;
      const person = journal.recordOf(runId, 'person', personSourceId);
      const personPresent =
        person?.clarifyId && (person.action === 'update' || person.action === 'unchanged');
      if ((person && failedInImport(person) !== undefined) || dealFailed) {
        totals.skipped++;
        totals.expected--;
      } else if (!dealPresent) {
        missingLink(link, {
          person_source_id: personSourceId,
          reason: `deal ${link.dealSourceId} is missing`,
        });
      } else if (!personPresent) {
        missingLink(link, {
          deal_id: deal.clarifyId,
          person_source_id: personSourceId,
          reason: `person ${personSourceId} is missing`,
        });
      } else check.people.push({ sourceId: personSourceId, id: person.clarifyId! });
    }
    if (check.people.length > 0) checks.push(check);
  }

  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const check = checks[next++]!;
      const linked = new Set(await api.getDealPeople(check.dealId));
      for (const person of check.people) {
        if (linked.has(person.id)) totals.found++;
        else {
          missingLink(check, {
            deal_id: check.dealId,
            person_source_id: person.sourceId,
            person_id: person.id,
            reason: `person ${person.id} is not among the deal's people`,
          });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, checks.length)) }, worker));
  totals.missing = report.missing_links.length;
}
