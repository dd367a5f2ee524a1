import type { Issue } from '../core/issues.js';

/**
 * Link problems kept whole for the reports (report.html lists 200 of them). The others are counted and noted:
 * an export whose contacts name deals of a pipeline left out of the deals file has one problem per such link,
 * hundreds of thousands, and they are each kept elsewhere (plan.jsonl, the journal's links).
 */
export const KEPT_LINK_ISSUES = 1000;

export class KeptLinkIssues {
  readonly #kept: Issue[] = [];
  #notKept = 0;

  add(issue: Issue): void {
    if (this.#kept.length < KEPT_LINK_ISSUES) this.#kept.push(issue);
    else this.#notKept++;
  }

  /**
   * The kept problems, after a note of how many more there are and `where` each one is. The note goes first,
   * so report.html, which lists the first 200 problems of a severity, shows it.
   */
  list(where: string): Issue[] {
    if (this.#notKept === 0) return [...this.#kept];
    const n = this.#notKept;
    const note: Issue = {
      code: 'LINK_FAILED',
      severity: 'warning',
      message: `${n} more problem${n === 1 ? '' : 's'} with person–deal links ${n === 1 ? 'is' : 'are'} not listed here (the first ${KEPT_LINK_ISSUES} are): ${where}, and links.deal_people.failed in summary.json counts them all.`,
    };
    return [note, ...this.#kept];
  }
}
