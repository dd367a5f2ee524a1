import { OBJECT_TYPES } from '../../core/objects.js';
import { ROW_ACTIONS, type RowAction } from '../../core/records.js';
import type { Summary } from '../types.js';
import { ACTION_COLORS, OBJECT_LABELS } from './colors.js';
import { formatNumber, type Html, html } from './escape.js';

/**
 * Counts per object and outcome. Each number carries `data-testid="count-<object>-<key>"` (key: rows or
 * an outcome) and totals `total-<key>`, so tests and scripts can read them without parsing the layout.
 */
export function countsTable(summary: Summary, labels: Record<RowAction, string>): Html {
  const totals = Object.fromEntries(
    (['rows', ...ROW_ACTIONS] as const).map((key) => [
      key,
      OBJECT_TYPES.reduce((sum, object) => sum + summary.objects[object][key], 0),
    ]),
  ) as Record<'rows' | RowAction, number>;
  const cell = (testid: string, value: number, action?: RowAction) =>
    html`<td class="num${value === 0 ? ' zero' : ''}${action && value > 0 ? ` is-${action}` : ''}" data-testid="${testid}">${formatNumber(value)}</td>`;
  return html`<table class="counts">
    <thead><tr><th scope="col">Object</th><th scope="col" class="num">Rows</th>${ROW_ACTIONS.map(
      (action) =>
        html`<th scope="col" class="num"><span class="swatch" style="background:${ACTION_COLORS[action]}"></span>${labels[action]}</th>`,
    )}</tr></thead>
    <tbody>${OBJECT_TYPES.map((object) => {
      const counts = summary.objects[object];
      return html`<tr><th scope="row">${OBJECT_LABELS[object]}</th>${cell(`count-${object}-rows`, counts.rows)}${ROW_ACTIONS.map(
        (action) => cell(`count-${object}-${action}`, counts[action], action),
      )}</tr>`;
    })}</tbody>
    <tfoot><tr><th scope="row">Total</th>${cell('total-rows', totals.rows)}${ROW_ACTIONS.map((action) =>
      cell(`total-${action}`, totals[action], action),
    )}</tr></tfoot>
  </table>`;
}
