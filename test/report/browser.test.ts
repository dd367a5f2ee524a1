import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBJECT_TYPES } from '../../src/core/objects.js';
import { ROW_ACTIONS } from '../../src/core/records.js';
import { writeReports } from '../../src/report/index.js';
import { sampleReportInput } from './sample-input.js';

const OUT = join(process.cwd(), 'test-output', 'report');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Opens the real report.html in headless Chromium: the numbers a person sees must be summary.json's, the
 * page must not touch the network, and a hostile cell must stay text.
 * `UPDATE_DOCS_SCREENSHOT=1` also refreshes docs/report-screenshot.png.
 */
describe('report.html in a real browser', () => {
  let browser: Browser;
  let html: string;
  let summary: {
    objects: Record<string, Record<string, number>>;
    links: { deal_people: { linked: number; failed: number } };
    requests: number;
  };

  beforeAll(async () => {
    const paths = await writeReports(OUT, sampleReportInput().input);
    html = paths.html;
    summary = JSON.parse(await readFile(paths.summary, 'utf8'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows summary.json counts, makes no network request, runs no script, and renders a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });

    const read = async (testid: string) => {
      const text = await page.getByTestId(testid).textContent();
      expect(text, testid).toMatch(/^[\d,]+$/);
      return Number(text!.replaceAll(',', ''));
    };
    let checked = 0;
    for (const object of OBJECT_TYPES) {
      for (const key of ['rows', ...ROW_ACTIONS]) {
        expect(await read(`count-${object}-${key}`), `${object}.${key}`).toBe(summary.objects[object]![key]);
        checked++;
      }
    }
    expect(checked).toBe(18);
    expect(summary.objects.person!.failed).toBeGreaterThan(0);
    expect(await read('links-linked')).toBe(summary.links.deal_people.linked);
    expect(await read('links-failed')).toBe(summary.links.deal_people.failed);
    expect(await read('requests')).toBe(summary.requests);

    // The hostile cell is visible as text, and no script ran.
    await expect(page.getByText('<script>alert("x")</script>').count()).resolves.toBeGreaterThan(0);
    expect(dialogs).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);

    // The inline stylesheet applied (it would not if it had been HTML-escaped).
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('system-ui');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('main')!).maxWidth)).toBe(
      '1120px',
    );

    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);

    await mkdir(OUT, { recursive: true });
    const png = join(OUT, 'report.png');
    await page.screenshot({ path: png, fullPage: true });
    expect((await readFile(png)).subarray(1, 4).toString()).toBe('PNG');
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      await copyFile(png, join(process.cwd(), 'docs', 'report-screenshot.png'));
    }
    await page.close();
  });
});
