import type { ReportInput } from '../types.js';
import { formatDuration, formatNumber, type Html, html } from './escape.js';

const WIDTH = 1040;
const HEIGHT = 260;
const PAD = { left: 64, right: 20, top: 16, bottom: 36 };

/** 1, 2, 5 × 10^n: a round tick step giving about `count` ticks up to `max`. */
export function niceStep(max: number, count = 4): number {
  const raw = Math.max(max, 1) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  return step ?? 10 * magnitude;
}

/** Records done over time, as an SVG line; a note instead when there are fewer than two points. */
export function throughputChart(points: ReportInput['throughput']): Html {
  const data = points
    .filter((p) => Number.isFinite(p.elapsedMs) && Number.isFinite(p.records))
    .slice()
    .sort((a, b) => a.elapsedMs - b.elapsedMs);
  if (data.length < 2) {
    return html`<p class="note" data-testid="throughput-note">No throughput chart: ${
      data.length === 1 ? 'only one measurement was' : 'no measurements were'
    } recorded (a plan writes nothing, and a very short run finishes before the second one).</p>`;
  }
  const first = data[0]!;
  const last = data.at(-1)!;
  const maxX = Math.max(last.elapsedMs, 1);
  const maxRecords = Math.max(...data.map((p) => p.records), 1);
  const yStep = niceStep(maxRecords);
  const maxY = Math.ceil(maxRecords / yStep) * yStep;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const sx = (ms: number) => PAD.left + (ms / maxX) * plotW;
  const sy = (records: number) => PAD.top + plotH - (records / maxY) * plotH;
  const line = data.map((p) => `${sx(p.elapsedMs).toFixed(1)},${sy(p.records).toFixed(1)}`).join(' ');
  const area = `${sx(first.elapsedMs).toFixed(1)},${sy(0)} ${line} ${sx(last.elapsedMs).toFixed(1)},${sy(0)}`;
  const yTicks = [];
  for (let value = 0; value <= maxY; value += yStep) yTicks.push(value);
  const xStep = niceStep(maxX, 5);
  const xTicks = [];
  for (let value = 0; value <= maxX; value += xStep) xTicks.push(value);
  const seconds = (last.elapsedMs - first.elapsedMs) / 1000;
  const rate = seconds > 0 ? (last.records - first.records) / seconds : 0;
  return html`<figure class="chart">
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="Records written over time">
      ${yTicks.map(
        (
          v,
        ) => html`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${sy(v).toFixed(1)}" y2="${sy(v).toFixed(1)}" class="grid"/>
        <text x="${PAD.left - 8}" y="${(sy(v) + 4).toFixed(1)}" text-anchor="end" class="axis">${formatNumber(v)}</text>`,
      )}
      ${xTicks.map(
        (v) =>
          html`<text x="${sx(v).toFixed(1)}" y="${HEIGHT - PAD.bottom + 18}" text-anchor="middle" class="axis">${v === 0 ? '0' : formatDuration(v)}</text>`,
      )}
      <polygon points="${area}" class="area"/>
      <polyline points="${line}" class="line"/>
    </svg>
    <figcaption class="note">${formatNumber(last.records)} records in ${formatDuration(last.elapsedMs)} · about ${formatNumber(Math.round(rate))} records/s</figcaption>
  </figure>`;
}
