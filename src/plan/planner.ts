import { OBJECT_TYPES, type ObjectType } from '../core/objects.js';
import type { CanonicalRecord, SkippedRow, SourceLink } from '../core/records.js';
import { CompanyBook } from './company-book.js';
import type { PlanContext } from './context.js';
import { DealNames } from './deal-names.js';
import { LinkBook } from './link-book.js';
import { fromSkip } from './outcome.js';
import { planCompany } from './plan-company.js';
import { planDeal } from './plan-deal.js';
import { planPerson } from './plan-person.js';
import { RowBook } from './row-book.js';
import type { PlannedLink, PlannedRecord, PlannerOptions } from './types.js';
import type { WorkspaceIndex } from './workspace-index.js';

const RANK: Record<ObjectType, number> = { company: 0, person: 1, deal: 2 };

/**
 * Turns the stream of canonical records into planned records, one at a time, against the workspace
 * snapshot. It keeps only compact indexes of what it has seen (keys, fates, aliases), never the planned
 * records or raw rows, so a million-contact export plans in bounded memory. Records must arrive in
 * import order: all companies, then people, then deals; links may come at any time, and `links()` is
 * asked for once the records are done.
 */
export class Planner {
  readonly #ctx: PlanContext;
  readonly #links = new LinkBook();
  #rank = 0;

  constructor(index: WorkspaceIndex, options: PlannerOptions) {
    this.#ctx = {
      index,
      options,
      companies: new CompanyBook(),
      people: new RowBook(),
      deals: new RowBook(),
      dealNames: new DealNames(options.dealRename),
    };
  }

  addRecord(record: CanonicalRecord): PlannedRecord {
    this.#enter(record.object);
    if (record.object === 'company') return planCompany(this.#ctx, record);
    if (record.object === 'person') {
      this.#ctx.people.at(record.origin.file);
      return planPerson(this.#ctx, record);
    }
    this.#ctx.deals.at(record.origin.file);
    return planDeal(this.#ctx, record);
  }

  addSkip(skip: SkippedRow): PlannedRecord {
    this.#enter(skip.object);
    const planned = fromSkip(skip);
    const { sourceId, origin } = skip;
    if (skip.object === 'company') {
      const catchAll = skip.issue.code === 'CATCH_ALL_ACCOUNT';
      const name = catchAll ? (skip.issue.value ?? '') : '';
      this.#ctx.companies.set({
        sourceId,
        line: origin.line,
        name,
        label: name || sourceId,
        action: planned.action,
        reason: skip.reason,
        catchAll,
        fromSkip: true,
      });
    } else {
      const book = skip.object === 'person' ? this.#ctx.people : this.#ctx.deals;
      book.at(origin.file);
      book.skipped(sourceId, origin.line, skip.reason);
    }
    return planned;
  }

  addLink(link: SourceLink): void {
    this.#links.add(link);
  }

  /** The person–deal links, grouped by deal with merges applied; call after the last record. */
  links(): PlannedLink[] {
    return this.#links.resolve(this.#ctx.deals, this.#ctx.people);
  }

  /** The export name of a company row (its domain or source id when it has no name). */
  companyName(sourceId: string): string | undefined {
    return this.#ctx.companies.get(sourceId)?.label;
  }

  #enter(object: ObjectType): void {
    const rank = RANK[object];
    if (rank < this.#rank) {
      throw new Error(
        `Planner: a ${object} arrived after ${OBJECT_TYPES[this.#rank]} records; feed all companies, then people, then deals.`,
      );
    }
    this.#rank = rank;
  }
}
