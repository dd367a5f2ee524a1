import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/issues.js';
import { writeReports } from '../../src/report/index.js';
import { inputFromRows, row } from './sample-input.js';
import { tempDir } from './temp-dir.js';

const error = (code: Issue['code'], message: string): Issue => ({ code, severity: 'error', message });
const warning = (code: Issue['code'], message: string): Issue => ({ code, severity: 'warning', message });

const ROWS = [
  row({ object: 'company', action: 'created', sourceId: 'c1', clarifyId: 'cmp_1', raw: { Name: 'Acme' } }),
  row({
    object: 'person',
    action: 'updated',
    sourceId: 'p1',
    clarifyId: 'per_1',
    raw: { Email: 'a@x.com, bad@' },
    issues: [warning('DROPPED_EMAIL', 'Dropped "bad@": not an email address.')],
  }),
  row({ object: 'person', action: 'unchanged', sourceId: 'p2', clarifyId: 'per_2' }),
  row({
    object: 'person',
    action: 'failed',
    sourceFile: 'contacts.csv',
    sourceLine: 7,
    sourceId: '=HYPERLINK("http://x")',
    raw: { Name: 'Eve, "the" <b>', Email: '', Note: 'line1\nline2' },
    issues: [
      warning('INVALID_PHONE', 'Phone "12" is too short; dropped.'),
      error('MISSING_UNIQUE_KEY', 'The row has no email address; add one so Clarify can match the person.'),
      error('MISSING_COMPANY', 'Company "9" is not in the companies export; add it or fix the reference.'),
    ],
  }),
  row({
    object: 'deal',
    action: 'skipped',
    sourceId: 'd1',
    reason: 'The deal is marked deleted in the CRM; it is not imported.',
    raw: { 'Deal Name': '-5% discount', Amount: '-200' },
    issues: [
      {
        code: 'DELETED_ROW',
        severity: 'info',
        message: 'The deal is marked deleted in the CRM; it is not imported.',
      },
    ],
  }),
  row({
    object: 'deal',
    action: 'created',
    sourceId: 'd2',
    clarifyId: 'deal_2',
    issues: [
      {
        code: 'UNMAPPED_SELECT',
        severity: 'info',
        message:
          'deal.stage: the value map sends "Other" to "" (no value), so it was not sent, as the mapping asks.',
      },
      warning('INVALID_DATE', 'deal.close_date: "31/31/2024" is not a date. The value was not sent.'),
    ],
  }),
];

async function write() {
  const dir = await tempDir();
  const paths = await writeReports(dir, inputFromRows(ROWS));
  const outcomes = parse(await readFile(paths.outcomes, 'utf8'), { columns: true }) as Record<
    string,
    string
  >[];
  const errors = parse(await readFile(paths.errors, 'utf8'), { columns: true }) as Record<string, string>[];
  return { paths, outcomes, errors };
}

describe('outcomes.csv and errors.csv', () => {
  it('outcomes.csv has the contract header and one line per source row', async () => {
    const { paths, outcomes } = await write();
    const text = await readFile(paths.outcomes, 'utf8');
    expect(text.split('\r\n')[0]).toBe('object,source_file,source_line,source_id,action,clarify_id,reason');
    expect(outcomes).toHaveLength(ROWS.length);
    expect(outcomes.map((o) => o.action)).toEqual(ROWS.map((r) => r.action));
    expect(outcomes[0]).toMatchObject({
      object: 'company',
      source_id: 'c1',
      clarify_id: 'cmp_1',
      reason: '',
    });
    expect(outcomes[1]!.reason).toBe('Dropped "bad@": not an email address.');
    expect(outcomes[3]!.source_id).toBe(`'=HYPERLINK("http://x")`);
    // An imported row says what was dropped, then what was left out on purpose.
    expect(outcomes[5]!.reason).toBe(
      'deal.close_date: "31/31/2024" is not a date. The value was not sent. | deal.stage: the value map sends "Other" to "" (no value), so it was not sent, as the mapping asks.',
    );
  });

  it('errors.csv holds only the skipped and failed rows, with code, actionable reason and original values', async () => {
    const { paths, errors } = await write();
    const text = await readFile(paths.errors, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      'object,source_file,source_line,source_id,action,code,reason,original_values',
    );
    expect(errors.map((e) => e.action)).toEqual(['failed', 'skipped']);
    const [failed, skipped] = errors;
    expect(failed).toMatchObject({
      object: 'person',
      source_file: 'contacts.csv',
      source_line: '7',
      source_id: `'=HYPERLINK("http://x")`,
      code: 'MISSING_UNIQUE_KEY',
      reason:
        'The row has no email address; add one so Clarify can match the person. | Company "9" is not in the companies export; add it or fix the reference.',
    });
    expect(JSON.parse(failed!.original_values!)).toEqual(ROWS[3]!.raw);
    expect(skipped).toMatchObject({
      code: 'DELETED_ROW',
      reason: 'The deal is marked deleted in the CRM; it is not imported.',
    });
    expect(JSON.parse(skipped!.original_values!)).toEqual({ 'Deal Name': '-5% discount', Amount: '-200' });
  });

  it('a merged duplicate is reported under its merge, not under an info note it also carried', async () => {
    // A contacts export given without its companies file: every contact carries a MISSING_COMPANY info
    // note. The merged duplicate's code and reason were that note's, which said nothing of the merge.
    const merge = 'same person as line 3 (same email a@x.com): merged.';
    const dir = await tempDir();
    const paths = await writeReports(
      dir,
      inputFromRows([
        row({
          object: 'person',
          action: 'skipped',
          sourceId: 'p9',
          reason: merge,
          issues: [
            {
              code: 'MISSING_COMPANY',
              severity: 'info',
              message: 'Company 61 is not in the companies export.',
            },
            warning('MERGED_DUPLICATE', merge),
          ],
        }),
      ]),
    );
    const errors = parse(await readFile(paths.errors, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'MERGED_DUPLICATE', reason: merge });
  });

  it('no cell of either file starts with a formula character', async () => {
    const { outcomes, errors } = await write();
    for (const record of [...outcomes, ...errors]) {
      for (const cell of Object.values(record)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('a failed row without any reason still gets one, asking for a bug report', async () => {
    const dir = await tempDir();
    const paths = await writeReports(dir, inputFromRows([row({ object: 'deal', action: 'failed' })]));
    const [record] = parse(await readFile(paths.errors, 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(record!.reason).toMatch(/bug/);
    expect(record!.code).toBe('');
  });
});
