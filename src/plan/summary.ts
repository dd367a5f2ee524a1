import { OBJECT_TYPES, type ObjectType } from '../core/objects.js';
import type { PlanAction, PlannedRecord } from './types.js';

export type PlanCounts = Record<PlanAction, number> & { rows: number };
export type PlanSummary = Record<ObjectType, PlanCounts>;

const empty = (): PlanCounts => ({ rows: 0, create: 0, update: 0, unchanged: 0, skip: 0, fail: 0 });

/** Counts planned records per object and action; `rows` is always the sum of the five actions. */
export function summarizePlan(records: Iterable<PlannedRecord>): PlanSummary {
  const summary = Object.fromEntries(OBJECT_TYPES.map((object) => [object, empty()])) as PlanSummary;
  for (const record of records) {
    const counts = summary[record.object];
    counts.rows++;
    counts[record.action]++;
  }
  return summary;
}
