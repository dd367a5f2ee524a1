import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { escapeHtml, writeReports } from '../../src/report/index.js';
import { inputFromRows, row } from './sample-input.js';
import { tempDir } from './temp-dir.js';

const XSS = '<script>alert(1)</script>';
const TAGS = [
  '!doctype',
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'header',
  'div',
  'h1',
  'h2',
  'p',
  'span',
  'dl',
  'dt',
  'dd',
  'section',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'figure',
  'figcaption',
  'svg',
  'g',
  'rect',
  'text',
  'title',
  'line',
  'polygon',
  'polyline',
  'details',
  'summary',
  'strong',
  'code',
  'footer',
];
const IMG = '"><img src=x onerror=alert(2)>';

async function render(
  overrides: Parameters<typeof inputFromRows>[1] = {},
  rows = [
    row({
      object: 'person',
      action: 'failed',
      sourceId: XSS,
      sourceFile: `${IMG}.csv`,
      raw: { Name: XSS, [IMG]: 'x' },
      issues: [
        { code: 'API_REJECTED', severity: 'error', message: `Rejected ${XSS}`, value: XSS, column: IMG },
      ],
    }),
    row({
      object: 'person',
      action: 'created',
      issues: [{ code: 'INVALID_EMAIL', severity: 'warning', message: `Dropped ${XSS}`, value: XSS }],
    }),
  ],
) {
  const dir = await tempDir();
  const paths = await writeReports(dir, inputFromRows(rows, overrides));
  return readFile(paths.html, 'utf8');
}

describe('report.html', () => {
  it('escapes HTML special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml('nul\u0000bell\u0007')).toBe('nul\ufffdbell\ufffd');
  });

  it('renders every piece of user data as text, never as markup', async () => {
    const html = await render({
      target: XSS,
      startedAt: XSS,
      renamedDeals: [{ sourceFile: IMG, sourceLine: 3, sourceId: XSS, from: XSS, to: IMG }],
      fileIssues: [
        { code: 'UNKNOWN_COLUMN', severity: 'warning', file: XSS, column: IMG, message: XSS, value: XSS },
      ],
    });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    // Every `<` in the page opens one of the report's own tags.
    for (const tag of html.matchAll(/<\/?([a-zA-Z!][\w-]*)/g)) expect(TAGS).toContain(tag[1]!.toLowerCase());
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
  });

  it('escapes the source name in the title and header too', async () => {
    const rows = [row({ object: 'deal', action: 'created' })];
    const input = inputFromRows(rows);
    input.summary.source = XSS;
    const dir = await tempDir();
    const html = await readFile((await writeReports(dir, input)).html, 'utf8');
    expect(html).not.toContain('<script');
    expect(html).toContain('<title>Clarify import report · &lt;script&gt;');
  });

  it('is self-contained: no external URL, a CSP that forbids the network, styles inline', async () => {
    const html = await render({}, [
      row({ object: 'company', action: 'created', raw: { Website: 'https://acme.com' } }),
    ]);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain(`content="default-src &#39;none&#39;;`);
    expect(html).toMatch(/<style>[^<]*details\.group > summary/);
  });

  it('carries test ids for every count and the links', async () => {
    const html = await render();
    for (const object of ['company', 'person', 'deal']) {
      for (const key of ['rows', 'created', 'updated', 'unchanged', 'skipped', 'failed']) {
        expect(html).toContain(`data-testid="count-${object}-${key}"`);
      }
    }
    expect(html).toContain('data-testid="count-person-failed">1<');
    expect(html).toContain('data-testid="links-linked"');
    expect(html).toContain('data-testid="links-failed"');
  });

  it('explains a missing throughput chart and draws one from two points', async () => {
    expect(await render()).toContain('data-testid="throughput-note"');
    const html = await render({
      throughput: [
        { elapsedMs: 0, records: 0 },
        { elapsedMs: 5000, records: 250 },
      ],
    });
    expect(html).not.toContain('data-testid="throughput-note"');
    expect(html).toContain('<polyline');
    expect(html).toContain('250 records in 5.0 s');
  });

  it('words outcomes as intentions in plan mode', async () => {
    const rows = [row({ object: 'company', action: 'created' })];
    const input = inputFromRows(rows);
    input.summary.mode = 'plan';
    const dir = await tempDir();
    const html = await readFile((await writeReports(dir, input)).html, 'utf8');
    expect(html).toContain('To create');
    expect(html).toContain('Plan · nothing written yet');
  });
});
