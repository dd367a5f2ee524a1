import type { Issue } from '../../core/issues.js';
import { truncate } from '../truncate.js';
import type { RenamedDeal } from '../types.js';
import { formatNumber, type Html, html } from './escape.js';
import { whereCell } from './where.js';

/** Long lists are cut here: the page stays light; the CSV files have every row. */
export const MAX_LIST_ROWS = 200;

function more(total: number, where: string): Html | string {
  return total > MAX_LIST_ROWS
    ? html`<p class="note">Showing the first ${formatNumber(MAX_LIST_ROWS)} of ${formatNumber(total)}; ${where}.</p>`
    : '';
}

export function renamedDealsTable(renamed: RenamedDeal[]): Html {
  if (renamed.length === 0) return html`<p class="note">No deal had to be renamed.</p>`;
  return html`<p>Clarify requires unique deal names, so these deals were given a new name.</p>
  <table class="list" data-testid="renamed-deals">
    <thead><tr><th scope="col">Name in the export</th><th scope="col"></th><th scope="col">Name in Clarify</th><th scope="col">Where</th><th scope="col">Source id</th></tr></thead>
    <tbody>${renamed.slice(0, MAX_LIST_ROWS).map(
      (deal) => html`<tr>
        <td>${truncate(deal.from, 120)}</td><td class="arrow" aria-hidden="true">→</td><td><strong>${truncate(deal.to, 120)}</strong></td>
        ${whereCell(deal.sourceFile, deal.sourceLine)}<td><code>${truncate(deal.sourceId, 60)}</code></td>
      </tr>`,
    )}</tbody>
  </table>${more(renamed.length, 'outcomes.csv has every row')}`;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function fileIssuesTable(issues: Issue[]): Html {
  if (issues.length === 0) return html`<p class="note">No problems with the files themselves.</p>`;
  const sorted = issues.slice().sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return html`<table class="list" data-testid="file-issues">
    <thead><tr><th scope="col">Severity</th><th scope="col">Code</th><th scope="col">File</th><th scope="col">Problem and what to do</th></tr></thead>
    <tbody>${sorted.slice(0, MAX_LIST_ROWS).map(
      (issue) => html`<tr>
        <td><span class="sev sev-${issue.severity}">${issue.severity}</span></td>
        <td class="code"><code>${issue.code}</code></td>
        ${whereCell(issue.file, issue.line, issue.column)}
        <td>${truncate(issue.message, 500)}${issue.value !== undefined ? html` <code>${truncate(issue.value, 120)}</code>` : ''}</td>
      </tr>`,
    )}</tbody>
  </table>${more(
    issues.length,
    "the command's output lists every problem with a file, and a plan's plan.jsonl every problem with a link",
  )}`;
}
