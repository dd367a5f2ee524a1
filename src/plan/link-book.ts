import { IntColumn } from '../core/compact/int-column.js';
import { StringStore } from '../core/compact/string-store.js';
import { StringTable } from '../core/compact/string-table.js';
import type { Issue, IssueCode } from '../core/issues.js';
import type { SourceLink } from '../core/records.js';
import type { SourcePosition } from '../core/rows.js';
import { rowLabel } from './issues.js';
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

  add(link: SourceLink): void {
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
   */
  resolve(deals: RowBook, people: RowBook): PlannedLink[] {
    const groups = new Map<string, { origin: SourcePosition; people: Set<string>; issues: Issue[] }>();
    for (let i = 0; i < this.#deals.size; i++) {
      const origin = { file: this.#fileNames.string(this.#files.get(i)), line: this.#lines.get(i) };
      const dealId = this.#deals.get(i);
      const personId = this.#people.get(i);
      const deal = deals.fate(dealId);
      const key = deal.kind === 'missing' ? dealId : deal.sourceId;
      let group = groups.get(key);
      if (!group) {
        group = { origin, people: new Set(), issues: [] };
        groups.set(key, group);
      }
      const person = people.fate(personId);
      const problem = linkProblem(dealId, deal, personId, person, origin.line);
      if (problem) {
        group.issues.push({
          code: problem.code,
          severity: 'warning',
          message: problem.message,
          file: origin.file,
          line: origin.line,
          object: 'deal',
          sourceId: dealId,
        });
      } else if (person.kind === 'imported') {
        group.people.add(person.sourceId);
      }
    }
    const links: PlannedLink[] = [];
    for (const [dealSourceId, group] of groups) {
      links.push({
        dealSourceId,
        personSourceIds: [...group.people],
        origin: group.origin,
        issues: group.issues,
      });
    }
    return links;
  }
}

function linkProblem(
  dealId: string,
  deal: RowFate,
  personId: string,
  person: RowFate,
  line: number,
): { code: IssueCode; message: string } | undefined {
  const tail = `the link on line ${line} between deal ${dealId} and person ${personId} is left out.`;
  if (deal.kind === 'missing')
    return { code: 'MISSING_DEAL', message: `deal ${dealId} is not in the export; ${tail}` };
  if (person.kind === 'missing') {
    return { code: 'MISSING_PERSON', message: `person ${personId} is not in the export; ${tail}` };
  }
  if (deal.kind === 'dropped') {
    return {
      code: 'LINK_FAILED',
      message: `deal ${rowLabel(deal.name, deal.line)} is not imported (${why(deal.reason)}); ${tail}`,
    };
  }
  if (person.kind === 'dropped') {
    return {
      code: 'LINK_FAILED',
      message: `person ${rowLabel(person.name, person.line)} is not imported (${why(person.reason)}); ${tail}`,
    };
  }
  return undefined;
}

function why(reason: string): string {
  return reason.replace(/\.\s*$/, '') || 'skipped';
}
