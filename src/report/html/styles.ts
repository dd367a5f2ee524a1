/** The page's only stylesheet, inlined: system fonts, light theme, dark theme when the system asks for it. */
export const STYLES = `
:root {
  --bg: #f6f7f9; --card: #ffffff; --text: #1f2937; --muted: #6b7280; --border: #e5e7eb;
  --head: #f9fafb; --accent: #4f46e5; --code-bg: #f3f4f6;
  --ok: #16a34a; --warn: #d97706; --bad: #dc2626; --info: #2563eb;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1115; --card: #171a21; --text: #e5e7eb; --muted: #9ca3af; --border: #2a2f3a;
    --head: #1c2029; --accent: #818cf8; --code-bg: #222733;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  -webkit-font-smoothing: antialiased;
}
main { max-width: 1120px; margin: 0 auto; padding: 32px 24px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 17px; margin: 0 0 12px; }
h2 .count { color: var(--muted); font-weight: 500; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code-bg);
  padding: 1px 5px; border-radius: 4px; overflow-wrap: anywhere; }
.muted, .note { color: var(--muted); }
.note { font-size: 13px; margin: 8px 0 0; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 16px; margin-bottom: 20px; }
header.top .title { flex: 1 1 auto; }
.subtitle { color: var(--muted); margin: 0; }
.status { display: inline-block; padding: 4px 12px; border-radius: 999px; font-weight: 600; font-size: 13px; }
.status-ok { background: color-mix(in srgb, var(--ok) 14%, transparent); color: var(--ok); }
.status-warn { background: color-mix(in srgb, var(--warn) 16%, transparent); color: var(--warn); }
.status-bad { background: color-mix(in srgb, var(--bad) 14%, transparent); color: var(--bad); }
.status-info { background: color-mix(in srgb, var(--info) 14%, transparent); color: var(--info); }
.meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 1px; margin: 0 0 20px;
  background: var(--border); border: 1px solid var(--border); border-radius: 10px; overflow: hidden; }
.meta div { background: var(--card); padding: 10px 14px; min-width: 0; }
.meta dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.meta dd { margin: 2px 0 0; font-weight: 600; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 12px; margin-bottom: 20px; }
.card { background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 12px 14px;
  border-top: 3px solid var(--c, var(--accent)); }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.card .value { font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
section.panel { background: var(--card); border: 1px solid var(--border); border-radius: 12px; padding: 20px 22px;
  margin-bottom: 20px; }
.split { display: grid; grid-template-columns: minmax(0, 1fr); gap: 20px; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--border); vertical-align: top; }
thead th { background: var(--head); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em;
  color: var(--muted); font-weight: 600; white-space: nowrap; }
tfoot th, tfoot td { font-weight: 700; border-bottom: none; }
.num { text-align: right; white-space: nowrap; }
td.zero { color: var(--muted); }
td.is-failed { color: var(--bad); font-weight: 700; }
td.is-skipped { color: var(--warn); font-weight: 600; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; }
.chart { margin: 16px 0 0; }
.chart svg { display: block; max-width: 100%; height: auto; }
.chart-label { font-size: 13px; fill: var(--text); font-weight: 600; }
.chart-value { font-size: 13px; fill: var(--muted); }
.chart-empty { fill: var(--code-bg); }
.axis { font-size: 11px; fill: var(--muted); }
.grid { stroke: var(--border); stroke-width: 1; }
.line { fill: none; stroke: var(--accent); stroke-width: 2.5; stroke-linejoin: round; }
.area { fill: color-mix(in srgb, var(--accent) 14%, transparent); stroke: none; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; color: var(--muted); font-size: 13px; margin-top: 8px; }
.links { display: flex; gap: 32px; flex-wrap: wrap; }
.links .big { font-size: 28px; font-weight: 700; font-variant-numeric: tabular-nums; }
.links .bad { color: var(--bad); }
details.group { border: 1px solid var(--border); border-radius: 10px; margin: 10px 0; background: var(--card); }
details.group > summary { display: flex; align-items: baseline; gap: 10px; padding: 10px 14px; cursor: pointer;
  list-style: none; }
details.group > summary::-webkit-details-marker { display: none; }
details.group > summary::before { content: "▸"; color: var(--muted); }
details.group[open] > summary::before { content: "▾"; }
details.group[open] > summary { border-bottom: 1px solid var(--border); }
.group-title { flex: 1 1 auto; font-weight: 600; overflow-wrap: anywhere; }
.group-count { color: var(--muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
.group-body { padding: 4px 14px 12px; }
.group-body .objects { color: var(--muted); margin: 8px 0 4px; font-size: 13px; }
.hint { margin: 4px 0 10px; padding: 8px 12px; border-radius: 8px; background: var(--head);
  border-left: 3px solid var(--accent); }
.badge { font: 600 11.5px/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding: 1px 8px;
  border-radius: 6px; white-space: nowrap; }
.badge-failure { background: color-mix(in srgb, var(--bad) 13%, transparent); color: var(--bad); }
.badge-warning { background: color-mix(in srgb, var(--warn) 15%, transparent); color: var(--warn); }
table.examples { font-size: 13px; }
table.examples td.where, table.list td.where { white-space: nowrap; }
dl.values { margin: 0; display: flex; flex-wrap: wrap; gap: 2px 12px; }
dl.values div { display: flex; gap: 4px; min-width: 0; }
dl.values dt { color: var(--muted); }
dl.values dt::after { content: ":"; }
dl.values dd { margin: 0; overflow-wrap: anywhere; }
.offending { margin-bottom: 4px; }
.offending .key { color: var(--muted); }
td.code { white-space: nowrap; }
td.arrow { color: var(--muted); width: 1%; }
.sev { font-size: 12px; font-weight: 600; text-transform: uppercase; }
.sev-error { color: var(--bad); } .sev-warning { color: var(--warn); } .sev-info { color: var(--info); }
footer { color: var(--muted); font-size: 12.5px; text-align: center; margin-top: 24px; }
@media print { body { background: #fff; } section.panel, details.group { break-inside: avoid; } }
`;
