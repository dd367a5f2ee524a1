import { baseName } from '../core/base-name.js';
import { IntColumn } from '../core/compact/int-column.js';
import { StringStore } from '../core/compact/string-store.js';
import { StringTable } from '../core/compact/string-table.js';
import type { Issue, IssueCode } from '../core/issues.js';
import type { SourceLink } from '../core/records.js';
import type { SourcePosition } from '../core/rows.js';
import { placeLabel, rowLabel } from './issues.js';
import type { RowBook, RowFate } from './row-book.js';
import type { PlannedLink } from './types.js';

/**
 * The person–deal links of the export, stored compactly as they stream in and resolved only at the end,
 * once every person and deal has been planned: merges redirect them, dropped rows take them out.
 */
export class LinkBook {
  readonly #deals = new StringStore();
  readonly #people = new StringStore();
  readonly #fileNames = new StringTable();
  readonly #files = new IntColumn();
  readonly #lines = new IntColumn();
  /** The links an adapter could not resolve (SourceLink.problem), by link number: rare. */
  readonly #problems = new Map<number, Issue>();

  add(link: SourceLink): void {
    if (link.problem) this.#problems.set(this.#deals.size, link.problem);
    this.#deals.add(link.dealSourceId);
    this.#people.add(link.personSourceId);
    this.#files.push(this.#fileNames.number(link.origin.file));
    this.#lines.push(link.origin.line);
  }

  get size(): number {
    return this.#deals.size;
  }

  /**
   * One PlannedLink per deal (all its people, de-duplicated). Every link either adds a person or an issue,
   * so a deal left with no people is listed only to carry the issues that explain why.
   *
   * Rows are compared by slot number: a link between two imported rows, nearly all of them, builds no
   * strings and no objects here besides its deal's group (this ran alone, after the reader thread was done,
   * for a second and a half on a million contacts).
   */
  resolve(deals: RowBook, people: RowBook): PlannedLink[] {
    /** By the kept deal's slot, or by the deal's source id when the export has no such deal. */
    const groups = new Map<number | string, LinkGroup>();
    for (let i = 0; i < this.#deals.size; i++) {
      const dealId = this.#deals.get(i);
      const dealSlot = deals.keptSlot(dealId);
      const key = dealSlot ?? dealId;
      let group = groups.get(key);
      if (!group) {
        group = { dealSlot, dealId, first: i, people: new Set(), issues: [] };
        groups.set(key, group);
      }
      // Only Pipedrive's unresolved names have problems: most exports never pay the lookup.
      const problem = this.#problems.size > 0 ? this.#problems.get(i) : undefined;
      if (problem) {
        group.issues.push({ ...problem, severity: 'warning', object: 'deal', sourceId: dealId });
        continue;
      }
      const personId = this.#people.get(i);
      const personSlot = people.keptSlot(personId);
      if (
        dealSlot !== undefined &&
        personSlot !== undefined &&
        deals.isImported(dealSlot) &&
        people.isImported(personSlot)
      ) {
        group.people.add(personSlot);
        continue;
      }
      const origin = this.#origin(i);
      const fate = linkProblem(
        dealId,
        dealSlot === undefined ? MISSING : deals.fateOf(dealSlot),
        personId,
        personSlot === undefined ? MISSING : people.fateOf(personSlot),
        origin,
      );
      if (fate) {
        group.issues.push({
          code: fate.code,
          severity: 'warning',
          message: fate.message,
          file: origin.file,
          line: origin.line,
          object: 'deal',
          sourceId: dealId,
        });
      }
    }
    const links: PlannedLink[] = [];
    for (const group of groups.values()) {
      const personSourceIds = new Set<string>();
      for (const slot of group.people) personSourceIds.add(people.sourceId(slot));
      links.push({
        dealSourceId: group.dealSlot === undefined ? group.dealId : deals.sourceId(group.dealSlot),
        personSourceIds: [...personSourceIds],
        origin: this.#origin(group.first),
        issues: group.issues,
      });
    }
    return links;
  }

  #origin(link: number): SourcePosition {
    return { file: this.#fileNames.string(this.#files.get(link)), line: this.#lines.get(link) };
  }
}

interface LinkGroup {
  /** The kept deal's slot (undefined: the export has no such deal). */
  dealSlot: number | undefined;
  /** The deal's source id as the first link gave it. */
  dealId: string;
  /** The first link of the group, whose position the group reports. */
  first: number;
  /** Slots of the kept people, in the order first linked. */
  people: Set<number>;
  issues: Issue[];
}

const MISSING: RowFate = { kind: 'missing' };

function linkProblem(
  dealId: string,
  deal: RowFate,
  personId: string,
  person: RowFate,
  origin: SourcePosition,
): { code: IssueCode; message: string } | undefined {
  const tail = `the link on line ${origin.line} of ${baseName(origin.file)} between deal ${dealId} and person ${personId} is left out.`;
  if (deal.kind === 'missing')
    return { code: 'MISSING_DEAL', message: `deal ${dealId} is not in the export; ${tail}` };
  if (person.kind === 'missing') {
    return { code: 'MISSING_PERSON', message: `person ${personId} is not in the export; ${tail}` };
  }
  if (deal.kind === 'dropped') {
    return {
      code: 'LINK_FAILED',
      message: `deal ${rowLabel(deal.name || deal.sourceId, placeLabel(deal.file, deal.line, origin.file))} is not imported (${why(deal.reason)}); ${tail}`,
    };
  }
  if (person.kind === 'dropped') {
    return {
      code: 'LINK_FAILED',
      message: `person ${rowLabel(person.name || person.sourceId, placeLabel(person.file, person.line, origin.file))} is not imported (${why(person.reason)}); ${tail}`,
    };
  }
  return undefined;
}

function why(reason: string): string {
  return reason.replace(/\.\s*$/, '') || 'skipped';
}
