import { OBJECT_TYPES } from '../../core/objects.js';
import { ROW_ACTIONS } from '../../core/records.js';
import type { ReportAggregates } from '../aggregates.js';
import type { ReportInput, Summary } from '../types.js';
import { outcomesBarChart } from './bar-chart.js';
import { ACTION_COLORS, ACTION_LABELS, PLANNED_ACTION_LABELS } from './colors.js';
import { countsTable } from './counts-table.js';
import { formatDuration, formatNumber, Html, html, plural } from './escape.js';
import { groupsSection } from './groups-section.js';
import { fileIssuesTable, renamedDealsTable } from './lists-sections.js';
import { STYLES } from './styles.js';
import { throughputChart } from './throughput-chart.js';

/** No network, ever: the page may hold untrusted CSV text, and it must work offline. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function total(summary: Summary, key: 'rows' | (typeof ROW_ACTIONS)[number]): number {
  return OBJECT_TYPES.reduce((sum, object) => sum + summary.objects[object][key], 0);
}

function status(summary: Summary): { text: string; tone: 'ok' | 'warn' | 'bad' | 'info' } {
  const rows = total(summary, 'failed');
  const links = summary.links.deal_people.failed;
  const failures = [rows > 0 ? plural(rows, 'failed row') : '', links > 0 ? plural(links, 'failed link') : '']
    .filter(Boolean)
    .join(' · ');
  if (summary.mode === 'plan') {
    return failures
      ? { text: `Plan · ${failures}`, tone: 'warn' }
      : { text: 'Plan · nothing written yet', tone: 'info' };
  }
  if (!summary.finished) {
    const notSent = summary.not_sent;
    const rows = notSent ? OBJECT_TYPES.reduce((sum, object) => sum + notSent[object], 0) : 0;
    const waiting = rows > 0 ? ` · ${plural(rows, 'row')} not sent` : '';
    return { text: `Interrupted${waiting} · run again with the same --state to resume`, tone: 'warn' };
  }
  return failures
    ? { text: `Finished · ${failures}`, tone: 'bad' }
    : { text: 'Finished · every row done', tone: 'ok' };
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

function header(input: Omit<ReportInput, 'outcomes'>): Html {
  const { summary } = input;
  const state = status(summary);
  const meta: Array<[string, string, string]> = [
    ['Source', summary.source, 'source'],
    ['Mode', summary.mode === 'plan' ? 'plan (dry run)' : 'run', 'mode'],
    ['Target', input.target ?? '—', 'target'],
    ['Started', formatDate(input.startedAt), 'started'],
    ['Duration', formatDuration(summary.duration_ms), 'duration'],
    ['API requests', formatNumber(summary.requests), 'requests'],
  ];
  return html`<header class="top">
    <div class="title">
      <h1>Clarify import report</h1>
      <p class="subtitle">${formatNumber(total(summary, 'rows'))} source rows, every one accounted for below.</p>
    </div>
    <span class="status status-${state.tone}" data-testid="status">${state.text}</span>
  </header>
  <dl class="meta">${meta.map(
    ([label, value, id]) => html`<div><dt>${label}</dt><dd data-testid="${id}">${value}</dd></div>`,
  )}</dl>`;
}

function cards(summary: Summary, labels: Record<(typeof ROW_ACTIONS)[number], string>): Html {
  return html`<div class="cards">
    <div class="card" style="--c: var(--accent)"><div class="label">Rows</div><div class="value">${formatNumber(total(summary, 'rows'))}</div></div>
    ${ROW_ACTIONS.map(
      (action) =>
        html`<div class="card" style="--c: ${ACTION_COLORS[action]}"><div class="label">${labels[action]}</div><div class="value">${formatNumber(total(summary, action))}</div></div>`,
    )}
  </div>`;
}

function panel(title: string, count: number | undefined, body: Html, id: string): Html {
  return html`<section class="panel" id="${id}" aria-labelledby="${id}-title">
    <h2 id="${id}-title">${title}${count === undefined ? '' : html` <span class="count">(${formatNumber(count)})</span>`}</h2>
    ${body}
  </section>`;
}

function linksBody(summary: Summary): Html {
  const { linked, failed } = summary.links.deal_people;
  return html`<div class="links">
    <div><div class="big" data-testid="links-linked">${formatNumber(linked)}</div><div class="muted">deal–person links ${summary.mode === 'plan' ? 'to make' : 'made'}</div></div>
    ${summary.links_unchanged ? html`<div><div class="big" data-testid="links-unchanged">${formatNumber(summary.links_unchanged.deal_people)}</div><div class="muted">already in place</div></div>` : ''}
    <div><div class="big${failed > 0 ? ' bad' : ''}" data-testid="links-failed">${formatNumber(failed)}</div><div class="muted">links failed</div></div>
  </div>`;
}

/** The whole report.html: one self-contained page, readable without JavaScript (it has none). */
export function renderReportHtml(input: Omit<ReportInput, 'outcomes'>, aggregates: ReportAggregates): string {
  const { summary } = input;
  const labels = summary.mode === 'plan' ? PLANNED_ACTION_LABELS : ACTION_LABELS;
  const failures = aggregates.failures.list();
  const warnings = aggregates.warnings.list();
  const failureIntro =
    failures.length === 0
      ? html`<p class="note">No row was skipped or failed.</p>`
      : html`<p>Rows grouped by reason. <code>errors.csv</code> lists every one with its original values; fix them in the export or in <code>--mapping</code>, then run the same command again — only the rows that still need it are sent.</p>`;
  const warningIntro =
    warnings.length === 0
      ? html`<p class="note">No value was dropped or changed.</p>`
      : html`<p>These rows were imported, but some of their values were dropped or changed.</p>`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Clarify import report · ${summary.source}</title>
<style>${new Html(STYLES)}</style>
</head>
<body>
<main>
${header(input)}
${cards(summary, labels)}
${panel('Outcomes per object', undefined, html`${countsTable(summary, labels)}${outcomesBarChart(summary, labels)}`, 'outcomes')}
${panel('Links', undefined, linksBody(summary), 'links')}
${panel('Skipped and failed rows', aggregates.failures.total(), html`${failureIntro}${groupsSection(failures, 'failure')}`, 'failures')}
${panel('Renamed deals', input.renamedDeals.length, renamedDealsTable(input.renamedDeals), 'renamed')}
${panel('Dropped or changed values', aggregates.warnings.total(), html`${warningIntro}${groupsSection(warnings, 'warning')}`, 'dropped')}
${panel('File-level issues', input.fileIssues.length, fileIssuesTable(input.fileIssues), 'files')}
${panel('Throughput', undefined, throughputChart(input.throughput), 'throughput')}
<footer>Generated by clarify-import. Every source row is in <code>outcomes.csv</code>; skipped and failed rows, with their original values, in <code>errors.csv</code>; the numbers in <code>summary.json</code>.</footer>
</main>
</body>
</html>
`;
  return page.text;
}
