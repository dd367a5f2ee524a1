import type { Issue } from '../core/issues.js';
import type { Attributes } from '../core/schema.js';
import type { WriteApi } from './api-port.js';
import { withCompany } from './company-link.js';
import { failRecord } from './fail-record.js';
import type { Journal, JournalRecord } from './journal.js';
import { splitRejected } from './split-rejected.js';

interface Pending {
  record: JournalRecord;
  id: string;
  attributes: Attributes;
  issues: Issue[];
}

const MAX_UNCERTAIN_ROUNDS = 6;

/**
 * Sends one batch of updates (bulk PATCH, only the changed fields). PATCH is idempotent, so an unanswered
 * request is simply sent again; a rejection is isolated like a create's.
 */
export async function sendUpdateBatch(
  api: WriteApi,
  journal: Journal,
  runId: number,
  records: JournalRecord[],
): Promise<void> {
  const pending: Pending[] = [];
  for (const record of records) {
    if (record.outcome !== null) continue;
    const { attributes, issues } = withCompany(journal, runId, record);
    if (!record.clarifyId || Object.keys(attributes).length === 0) {
      journal.setOutcome(record, 'unchanged', { issues, runId });
      continue;
    }
    pending.push({ record, id: record.clarifyId, attributes, issues });
  }
  await sendGroup(api, journal, runId, pending, 0);
}

async function sendGroup(api: WriteApi, journal: Journal, runId: number, group: Pending[], rounds: number) {
  if (group.length === 0) return;
  const object = group[0]!.record.object;
  const result = await api.bulkUpdate(
    object,
    group.map((item) => ({ id: item.id, attributes: item.attributes })),
  );
  if (result.ok) {
    journal.transaction(() => {
      for (const item of group)
        journal.setOutcome(item.record, 'updated', { clarifyId: item.id, issues: item.issues, runId });
    });
    return;
  }
  if (result.kind === 'uncertain') {
    if (rounds >= MAX_UNCERTAIN_ROUNDS)
      throw new Error(`no answer from the API after ${rounds} attempts: ${result.detail}`);
    await sendGroup(api, journal, runId, group, rounds + 1);
    return;
  }
  if (group.length === 1) {
    failUpdate(journal, runId, group[0]!, result);
    return;
  }
  const { culprit, retry } = splitRejected(group, result.recordIndex);
  if (culprit) failUpdate(journal, runId, culprit, result);
  for (const part of retry) await sendGroup(api, journal, runId, part, rounds);
}

function failUpdate(
  journal: Journal,
  runId: number,
  item: Pending,
  result: { status: number; detail: string },
): void {
  const reason =
    result.status === 404
      ? `the record ${item.id} no longer exists in the workspace (deleted since the snapshot); run again to create it`
      : `Clarify refused the update (HTTP ${result.status}): ${result.detail}`;
  failRecord(journal, runId, item.record, reason, item.issues);
}
