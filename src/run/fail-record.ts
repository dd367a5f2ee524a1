import type { Issue } from '../core/issues.js';
import type { Journal, JournalRecord } from './journal.js';

/** Records that the API refused this row, with the reason it gave, on top of the row's earlier issues. */
export function failRecord(
  journal: Journal,
  runId: number,
  record: JournalRecord,
  reason: string,
  earlier: Issue[],
): void {
  journal.setOutcome(record, 'failed', {
    reason,
    runId,
    issues: [
      ...earlier,
      {
        code: 'API_REJECTED',
        severity: 'error',
        message: reason,
        file: record.file,
        line: record.line,
        object: record.object,
        sourceId: record.sourceId,
      },
    ],
  });
}
