import { hintFor } from '../hints.js';
import type { GroupExample, IssueGroup } from '../issue-groups.js';
import { messagePattern } from '../message-pattern.js';
import { OBJECT_LABELS } from './colors.js';
import { formatNumber, type Html, html, plural } from './escape.js';
import { whereCell } from './where.js';

/** How many groups are expanded by default (the rest stay one click away, in <details>). */
const OPEN_GROUPS = 3;

function byObject(group: IssueGroup): string {
  return Object.entries(group.byObject)
    .map(([object, count]) => `${OBJECT_LABELS[object as keyof typeof OBJECT_LABELS]} ${formatNumber(count)}`)
    .join(' · ');
}

function exampleValues(example: GroupExample): Html {
  if (example.values.length === 0 && example.value === undefined) return html`<span class="muted">—</span>`;
  return html`${
    example.column !== undefined || example.value !== undefined
      ? html`<div class="offending">${example.column !== undefined ? html`<span class="key">${example.column}</span> ` : ''}<code>${example.value ?? ''}</code></div>`
      : ''
  }${
    example.values.length > 0
      ? html`<dl class="values">${example.values.map(([key, value]) => html`<div><dt>${key}</dt><dd>${value}</dd></div>`)}</dl>`
      : ''
  }`;
}

function examplesTable(group: IssueGroup, showMessage: boolean): Html {
  return html`<table class="examples">
    <thead><tr><th scope="col">Where</th><th scope="col">Source id</th>${showMessage ? html`<th scope="col">Reason</th>` : ''}<th scope="col">Values</th></tr></thead>
    <tbody>${group.examples.map(
      (example) => html`<tr>
        ${whereCell(example.file, example.line)}
        <td><code>${example.sourceId}</code></td>
        ${showMessage ? html`<td>${example.message}</td>` : ''}
        <td>${exampleValues(example)}</td>
      </tr>`,
    )}</tbody>
  </table>`;
}

/**
 * Groups of rows that share a problem: code, message pattern, count, what to do, and a few examples.
 * `kind` decides the test ids (`failure-group-<i>-count`, `warning-group-<i>-count`).
 */
export function groupsSection(groups: IssueGroup[], kind: 'failure' | 'warning'): Html {
  return html`${groups.map((group, index) => {
    const shown = group.examples.length;
    const title = kind === 'failure' ? group.pattern : messagePattern(group.examples[0]?.message ?? '');
    return html`<details class="group group-${kind}"${index < OPEN_GROUPS ? ' open' : ''} data-testid="${kind}-group-${index}">
      <summary>
        <span class="badge badge-${kind}">${group.code}</span>
        <span class="group-title">${title}</span>
        <span class="group-count" data-testid="${kind}-group-${index}-count">${plural(group.count, 'row')}</span>
      </summary>
      <div class="group-body">
        <p class="objects">${byObject(group)}</p>
        <p class="hint"><strong>What to do:</strong> ${hintFor(group.code)}</p>
        ${examplesTable(group, true)}
        ${group.count > shown ? html`<p class="note">Showing ${formatNumber(shown)} of ${plural(group.count, 'row')}; ${kind === 'failure' ? 'errors.csv' : 'outcomes.csv'} lists them all.</p>` : ''}
      </div>
    </details>`;
  })}`;
}
