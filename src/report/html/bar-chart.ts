import { OBJECT_TYPES } from '../../core/objects.js';
import { ROW_ACTIONS, type RowAction } from '../../core/records.js';
import type { Summary } from '../types.js';
import { ACTION_COLORS, OBJECT_LABELS } from './colors.js';
import { formatNumber, type Html, html } from './escape.js';

const WIDTH = 1040;
const LABEL_WIDTH = 110;
const TOTAL_WIDTH = 80;
const BAR_HEIGHT = 22;
const GAP = 14;

/**
 * Horizontal stacked bars, one per object, on a common scale (the largest object fills the width).
 * Every segment has a <title>, so hovering shows its exact count; the numbers are also in the table.
 */
export function outcomesBarChart(summary: Summary, labels: Record<RowAction, string>): Html {
  const max = Math.max(1, ...OBJECT_TYPES.map((object) => summary.objects[object].rows));
  const plotWidth = WIDTH - LABEL_WIDTH - TOTAL_WIDTH;
  const height = OBJECT_TYPES.length * (BAR_HEIGHT + GAP) - GAP + 8;
  const bars = OBJECT_TYPES.map((object, index) => {
    const counts = summary.objects[object];
    const y = 4 + index * (BAR_HEIGHT + GAP);
    let x = LABEL_WIDTH;
    const segments = ROW_ACTIONS.filter((action) => counts[action] > 0).map((action) => {
      const width = Math.max(2, (counts[action] / max) * plotWidth);
      const segment = html`<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${ACTION_COLORS[action]}"><title>${OBJECT_LABELS[object]} · ${labels[action]}: ${formatNumber(counts[action])}</title></rect>`;
      x += width;
      return segment;
    });
    const empty =
      counts.rows === 0
        ? html`<rect x="${LABEL_WIDTH}" y="${y}" width="${plotWidth}" height="${BAR_HEIGHT}" class="chart-empty"/>`
        : '';
    return html`<g>
      <text x="${LABEL_WIDTH - 10}" y="${y + BAR_HEIGHT / 2 + 5}" text-anchor="end" class="chart-label">${OBJECT_LABELS[object]}</text>
      ${empty}${segments}
      <text x="${(counts.rows === 0 ? LABEL_WIDTH : x) + 8}" y="${y + BAR_HEIGHT / 2 + 5}" class="chart-value">${formatNumber(counts.rows)}</text>
    </g>`;
  });
  const legend = ROW_ACTIONS.map(
    (action) =>
      html`<span class="legend-item"><span class="swatch" style="background:${ACTION_COLORS[action]}"></span>${labels[action]}</span>`,
  );
  return html`<figure class="chart">
    <svg viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="Outcomes per object" preserveAspectRatio="xMinYMin meet">${bars}</svg>
    <figcaption class="legend">${legend}</figcaption>
  </figure>`;
}
