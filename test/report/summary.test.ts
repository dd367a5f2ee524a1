import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertSummaryInvariant,
  countOutcome,
  emptySummary,
  ReportInvariantError,
  writeReports,
} from '../../src/report/index.js';
import { inputFromRows, row } from './sample-input.js';
import { tempDir } from './temp-dir.js';

describe('summary', () => {
  it('countOutcome moves rows and the action together', () => {
    const summary = emptySummary('salesforce', 'plan');
    countOutcome(summary, 'person', 'created');
    countOutcome(summary, 'person', 'failed');
    countOutcome(summary, 'deal', 'skipped');
    expect(summary.objects.person).toEqual({
      rows: 2,
      created: 1,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 1,
    });
    expect(summary.objects.deal.rows).toBe(1);
    expect(summary.objects.company.rows).toBe(0);
    expect(() => assertSummaryInvariant(summary)).not.toThrow();
  });

  it('emptySummary objects do not share counts', () => {
    const summary = emptySummary('x', 'run');
    countOutcome(summary, 'company', 'updated');
    expect(summary.objects.person.updated).toBe(0);
    expect(emptySummary('x', 'run').objects.company.updated).toBe(0);
  });

  it('rejects a summary whose rows are not the sum of the outcomes', () => {
    const summary = emptySummary('hubspot', 'run');
    countOutcome(summary, 'company', 'created');
    summary.objects.company.rows = 2;
    expect(() => assertSummaryInvariant(summary)).toThrow(ReportInvariantError);
    expect(() => assertSummaryInvariant(summary)).toThrow(/company: rows is 2 but the outcomes add up to 1/);
    summary.objects.company.rows = 1;
    summary.objects.deal.failed = -1;
    summary.objects.deal.rows = -1;
    expect(() => assertSummaryInvariant(summary)).toThrow(/deal\.rows is -1/);
  });

  it('writeReports refuses a broken summary and writes nothing', async () => {
    const dir = await tempDir();
    const input = inputFromRows([row({ object: 'person', action: 'created' })]);
    input.summary.objects.person.created = 0;
    await expect(writeReports(dir, input)).rejects.toThrow(ReportInvariantError);
    await expect(readFile(join(dir, 'summary.json'))).rejects.toThrow(/ENOENT/);
  });

  it('writeReports refuses outcomes that do not match the summary (a lost row) and leaves no partial file', async () => {
    const dir = await tempDir();
    const rows = [row({ object: 'person', action: 'created' }), row({ object: 'person', action: 'failed' })];
    const input = inputFromRows(rows);
    input.outcomes = async function* () {
      yield rows[0]!; // the failed row goes missing
    };
    await expect(writeReports(dir, input)).rejects.toThrow(/person\.failed: summary 1, outcomes 0/);
    for (const file of ['summary.json', 'outcomes.csv', 'outcomes.csv.tmp', 'errors.csv', 'report.html']) {
      await expect(readFile(join(dir, file)), file).rejects.toThrow(/ENOENT/);
    }
  });

  it('summary.json has the contract keys in order, then the extra ones', async () => {
    const dir = await tempDir();
    const input = inputFromRows([
      row({ object: 'company', action: 'created' }),
      row({ object: 'person', action: 'updated' }),
      row({ object: 'deal', action: 'skipped', reason: 'Deleted in the CRM.' }),
    ]);
    input.summary.links.deal_people = { linked: 4, failed: 1 };
    input.summary.requests = 7;
    input.summary.duration_ms = 1234;
    const { summary } = await writeReports(dir, input);
    const text = await readFile(summary, 'utf8');
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual([
      'source',
      'objects',
      'links',
      'requests',
      'duration_ms',
      'mode',
      'finished',
    ]);
    expect(Object.keys(json.objects)).toEqual(['company', 'person', 'deal']);
    expect(Object.keys(json.objects.deal)).toEqual([
      'rows',
      'created',
      'updated',
      'unchanged',
      'skipped',
      'failed',
    ]);
    expect(json).toEqual({
      source: 'hubspot',
      objects: {
        company: { rows: 1, created: 1, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
        person: { rows: 1, created: 0, updated: 1, unchanged: 0, skipped: 0, failed: 0 },
        deal: { rows: 1, created: 0, updated: 0, unchanged: 0, skipped: 1, failed: 0 },
      },
      links: { deal_people: { linked: 4, failed: 1 } },
      requests: 7,
      duration_ms: 1234,
      mode: 'run',
      finished: true,
    });
  });
});
