import type { ObjectType } from '../core/objects.js';
import { OBJECT_TYPES } from '../core/objects.js';
import type { RowAction } from '../core/records.js';
import { ROW_ACTIONS } from '../core/records.js';
import type { ObjectCounts, Summary } from './types.js';

/**
 * A bug in clarify-import itself (the report's numbers do not add up). Never a user error: it means a row
 * would be lost silently, so the report refuses to be written.
 */
export class ReportInvariantError extends Error {
  constructor(message: string) {
    super(`${message} (this is a bug in clarify-import; please report it)`);
    this.name = 'ReportInvariantError';
  }
}

export function emptyCounts(): ObjectCounts {
  return { rows: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
}

export function emptySummary(source: string, mode: Summary['mode']): Summary {
  return {
    source,
    objects: { company: emptyCounts(), person: emptyCounts(), deal: emptyCounts() },
    links: { deal_people: { linked: 0, failed: 0 } },
    requests: 0,
    duration_ms: 0,
    mode,
    finished: false,
  };
}

/** Accounts for one source row: `rows` and exactly one outcome move together, so the invariant holds. */
export function countOutcome(summary: Summary, object: ObjectType, action: RowAction): void {
  const counts = summary.objects[object];
  counts.rows += 1;
  counts[action] += 1;
}

/** Throws ReportInvariantError unless every object's `rows` is the sum of its five outcomes. */
export function assertSummaryInvariant(summary: Summary): void {
  for (const object of OBJECT_TYPES) {
    const counts = summary.objects[object];
    if (!counts) throw new ReportInvariantError(`summary has no counts for ${object}`);
    for (const key of ['rows', ...ROW_ACTIONS] as const) {
      const value = counts[key];
      if (!Number.isSafeInteger(value) || value < 0) {
        throw new ReportInvariantError(`summary ${object}.${key} is ${String(value)}, not a count`);
      }
    }
    const sum = ROW_ACTIONS.reduce((total, action) => total + counts[action], 0);
    if (sum !== counts.rows) {
      throw new ReportInvariantError(
        `summary ${object}: rows is ${counts.rows} but the outcomes add up to ${sum} (${ROW_ACTIONS.map((a) => `${a} ${counts[a]}`).join(', ')})`,
      );
    }
  }
}

/**
 * summary.json as design.md §3 fixes it: the contract keys first, in a fixed order, then the extra ones
 * (`mode`, `finished`, and anything a caller added).
 */
export function summaryJson(summary: Summary): string {
  assertSummaryInvariant(summary);
  const objects = Object.fromEntries(
    OBJECT_TYPES.map((object) => {
      const c = summary.objects[object];
      return [
        object,
        {
          rows: c.rows,
          created: c.created,
          updated: c.updated,
          unchanged: c.unchanged,
          skipped: c.skipped,
          failed: c.failed,
        },
      ];
    }),
  );
  const { source, links, requests, duration_ms, ...extra } = summary;
  const ordered = {
    source,
    objects,
    links: { deal_people: { linked: links.deal_people.linked, failed: links.deal_people.failed } },
    requests,
    duration_ms,
    ...omit(extra, 'objects'),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function omit<T extends object>(value: T, key: string): Partial<T> {
  const copy = { ...value } as Record<string, unknown>;
  delete copy[key];
  return copy as Partial<T>;
}
