import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { inspect, readAll, SAMPLES } from './helpers.js';

/** Row counts from shared/samples/SOURCES.md. */
const EXPECTED: Array<[string, number, number]> = [
  ['data-cloud-workshop__Account.csv', 22, 56],
  ['data-cloud-workshop__Contact.csv', 102, 72],
  ['data-cloud-workshop__Opportunity.csv', 50, 35],
  ['data-cloud-workshop__Lead.csv', 60, 55],
  ['data-cloud-workshop__AccountContactRelation.csv', 22, 14],
  ['salesforce-migration-app-pack__Account.csv', 83, 66],
  ['salesforce-migration-app-pack__Contact.csv', 133, 61],
  ['salesforce-migration-app-pack__Opportunity.csv', 774, 41],
];

describe('real Salesforce samples', () => {
  test.each(EXPECTED)('%s: %i rows, %i columns, no issues', async (name, rowCount, columns) => {
    const path = `${SAMPLES}/${name}`;
    const { info, issues: headerIssues } = await inspect(path);
    expect(info.encoding).toBe('utf-8-bom');
    expect(info.delimiter).toBe(',');
    expect(info.headers).toHaveLength(columns);
    expect(info.headers[0]).toBe('Id');
    expect(headerIssues).toEqual([]);
    const { rows, issues, stats } = await readAll(path);
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(rowCount);
    expect(stats).toEqual({ rows: rowCount, nulBytes: 0, footerLines: 0, badRows: 0 });
    expect(rows.every((row) => row.file === path && /^[0-9A-Za-z]{18}$/.test(row.values.Id ?? ''))).toBe(
      true,
    );
    expect(rows.every((row) => Object.keys(row.values).length === columns)).toBe(true);
  });

  test('multi-line Account sample: 83 records on 168 lines, each row at the line its record starts', async () => {
    const path = `${SAMPLES}/salesforce-migration-app-pack__Account.csv`;
    const { rows } = await readAll(path);
    expect(rows).toHaveLength(83);
    // Lines computed independently: a record starts on line L when the text before it holds L-1 newlines.
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    for (const row of rows) {
      expect(
        lines[row.line - 1]?.replace(/^\uFEFF/, '').startsWith(`${row.values.Id},`) ||
          lines[row.line - 1]?.startsWith(`"${row.values.Id}"`),
      ).toBe(true);
    }
    expect(rows.slice(0, 4).map((r) => r.line)).toEqual([2, 3, 16, 18]);
    expect(rows.at(-1)?.line).toBe(168);
    expect(rows.some((row) => (row.values.Description ?? '').includes('\n'))).toBe(true);
  });
});
