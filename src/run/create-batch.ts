import type { Issue } from '../core/issues.js';
import type { Attributes } from '../core/schema.js';
import type { WriteApi } from './api-port.js';
import { withCompany } from './company-link.js';
import { failRecord } from './fail-record.js';
import type { Journal, JournalRecord } from './journal.js';
import { reconcile } from './reconcile.js';
import { splitRejected } from './split-rejected.js';

const MAX_UNCERTAIN_ROUNDS = 6;

interface Pending {
  record: JournalRecord;
  attributes: Attributes;
  issues: Issue[];
}

/**
 * Sends one batch of creates. Clarify batches are atomic: a rejection names (or hides) one bad record, which is
 * isolated — by the error's pointer when it has one, else by halving — while the good ones are imported.
 * A lost response is never answered by resending blindly: the records are first looked up by unique key.
 */
export async function sendCreateBatch(
  api: WriteApi,
  journal: Journal,
  runId: number,
  records: JournalRecord[],
): Promise<void> {
  const open = records.filter((record) => record.outcome === null);
  const pending: Pending[] = open.map((record) => {
    const { attributes, issues } = withCompany(journal, runId, record);
    return { record, attributes, issues };
  });
  await sendGroup(api, journal, runId, pending, 0);
}

async function sendGroup(
  api: WriteApi,
  journal: Journal,
  runId: number,
  group: Pending[],
  uncertainRounds: number,
) {
  if (group.length === 0) return;
  const object = group[0]!.record.object;
  const result = await api.bulkCreate(
    object,
    group.map((item) => item.attributes),
  );
  if (result.ok) {
    journal.transaction(() => {
      group.forEach((item, index) => {
        journal.setOutcome(item.record, 'created', {
          clarifyId: result.value[index],
          issues: item.issues,
          runId,
        });
      });
    });
    return;
  }
  if (result.kind === 'uncertain') {
    if (uncertainRounds >= MAX_UNCERTAIN_ROUNDS) {
      throw new Error(`no answer from the API after ${uncertainRounds} attempts: ${result.detail}`);
    }
    const found = await reconcile(
      api,
      group.map((item) => item.record),
    );
    const missing: Pending[] = [];
    journal.transaction(() => {
      group.forEach((item, index) => {
        const id = found[index];
        if (id) journal.setOutcome(item.record, 'created', { clarifyId: id, issues: item.issues, runId });
        else missing.push(item);
      });
    });
    await sendGroup(api, journal, runId, missing, uncertainRounds + 1);
    return;
  }
  if (group.length === 1) {
    await settleRejectedRecord(api, journal, runId, group[0]!, result);
    return;
  }
  const { culprit, retry } = splitRejected(group, result.recordIndex);
  if (culprit) await settleRejectedRecord(api, journal, runId, culprit, result);
  for (const part of retry) await sendGroup(api, journal, runId, part, uncertainRounds);
}

/**
 * One record the API refused. A duplicate means the record exists after all (created meanwhile, or matched by
 * the API differently than by our snapshot): it is updated instead. Anything else is this row's failure.
 */
async function settleRejectedRecord(
  api: WriteApi,
  journal: Journal,
  runId: number,
  item: Pending,
  rejection: { status: number; detail: string; duplicate: boolean },
): Promise<void> {
  const { record } = item;
  if (rejection.duplicate) {
    const [existing] = await reconcile(api, [record]);
    if (existing) {
      const update = await api.bulkUpdate(record.object, [{ id: existing, attributes: item.attributes }]);
      if (update.ok) {
        journal.setOutcome(record, 'updated', {
          clarifyId: existing,
          runId,
          issues: [
            ...item.issues,
            {
              code: 'API_REJECTED',
              severity: 'info',
              message: `the workspace already held this record (${existing}); it was updated instead of created`,
              file: record.file,
              line: record.line,
              object: record.object,
              sourceId: record.sourceId,
            },
          ],
        });
        return;
      }
    }
  }
  failRecord(
    journal,
    runId,
    record,
    `Clarify refused the record (HTTP ${rejection.status}): ${rejection.detail}`,
    item.issues,
  );
}
