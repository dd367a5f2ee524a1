import type { Issue } from '../core/issues.js';
import type { ObjectType } from '../core/objects.js';
import type { PlanAction, PlannedLink, PlannedRecord } from '../plan/types.js';
import type { RenamedDealRow } from './journal.js';
import { KeptLinkIssues } from './kept-link-issues.js';

/**
 * What the journal keeps of a plan written to plan.jsonl instead of its records table: the counts `status` and
 * summary.json show, and the two lists report.html shows (renamed deals, link problems). Small next to the plan.
 */
export interface PlanTotals {
  /** Rows per object and planned action (only the pairs that occur). */
  records: Array<{ object: ObjectType; action: PlanAction; n: number }>;
  links: {
    /** Deals with a link line: one relationship request each. */
    deals: number;
    /** Person–deal pairs to link. */
    linked: number;
    /** Links already known not to be possible (issues other than notes). */
    failed: number;
  };
  renamed: RenamedDealRow[];
  linkIssues: Issue[];
}

/** Counts a plan as it is written. */
export class PlanTally {
  /** Per object and action (nested records: no key string built per row). */
  readonly #records: Partial<Record<ObjectType, Partial<Record<PlanAction, number>>>> = {};
  readonly #links = { deals: 0, linked: 0, failed: 0 };
  readonly #renamed: RenamedDealRow[] = [];
  readonly #linkIssues = new KeptLinkIssues();

  addRecord(record: PlannedRecord): void {
    let byAction = this.#records[record.object];
    if (!byAction) {
      byAction = {};
      this.#records[record.object] = byAction;
    }
    byAction[record.action] = (byAction[record.action] ?? 0) + 1;
    if (record.renamedFrom !== undefined) {
      this.#renamed.push({
        file: record.origin.file,
        line: record.origin.line,
        source_id: record.sourceId,
        renamed_from: record.renamedFrom,
        name: String(record.attributes.name ?? ''),
      });
    }
  }

  addLink(link: PlannedLink): void {
    this.#links.deals++;
    this.#links.linked += link.personSourceIds.length;
    for (const issue of link.issues) {
      if (issue.severity !== 'info') this.#links.failed++;
      this.#linkIssues.add(issue);
    }
  }

  totals(): PlanTotals {
    return {
      records: Object.entries(this.#records).flatMap(([object, byAction]) =>
        Object.entries(byAction).map(([action, n]) => ({
          object: object as ObjectType,
          action: action as PlanAction,
          n: n as number,
        })),
      ),
      links: { ...this.#links },
      renamed: [...this.#renamed],
      linkIssues: this.#linkIssues.list('plan.jsonl has each one, on the "deal_people" line of its deal'),
    };
  }
}
