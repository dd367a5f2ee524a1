import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import type { ObjectType } from '../../src/core/objects.js';
import type { RowAction } from '../../src/core/records.js';
import { countOutcome, emptySummary, writeReports } from '../../src/report/index.js';
import type { OutcomeRow, ReportInput } from '../../src/report/types.js';
import { tempDir } from './temp-dir.js';

const N = 200_000;
const OBJECTS: ObjectType[] = ['company', 'person', 'deal'];
const ACTIONS: RowAction[] = ['created', 'updated', 'unchanged', 'created', 'created', 'skipped', 'failed'];

/** Row i, generated on demand: each carries ~1 KB of unique text, so retaining them all would take >200 MB. */
function outcome(i: number): OutcomeRow {
  const action = ACTIONS[i % ACTIONS.length]!;
  return {
    object: OBJECTS[i % 3]!,
    sourceFile: 'big.csv',
    sourceLine: i + 2,
    sourceId: `id-${i}`,
    action,
    clarifyId: action === 'created' ? `rec_${i}` : undefined,
    raw: { Name: `Row ${i}`, Notes: `${i} ${'x'.repeat(1000)}` },
    issues:
      action === 'failed'
        ? [{ code: 'API_REJECTED', severity: 'error', message: `Clarify rejected the value "${i}"; fix it.` }]
        : action === 'skipped'
          ? [{ code: 'DELETED_ROW', severity: 'info', message: 'Deleted in the CRM; not imported.' }]
          : i % 10 === 0
            ? [
                {
                  code: 'INVALID_DATE',
                  severity: 'warning',
                  message: `Date "${i}" is not a date; left empty.`,
                },
              ]
            : [],
  };
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const _ of createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    lines++;
  }
  return lines;
}

describe('streaming', () => {
  it(`writes ${N.toLocaleString('en-US')} outcome rows with bounded memory`, async () => {
    const summary = emptySummary('generic', 'run');
    for (let i = 0; i < N; i++) countOutcome(summary, OBJECTS[i % 3]!, ACTIONS[i % ACTIONS.length]!);
    summary.finished = true;
    let peak = 0;
    const used = () => {
      const memory = process.memoryUsage();
      return memory.heapUsed + memory.external;
    };
    const base = used();
    let passes = 0;
    const input: ReportInput = {
      summary,
      outcomes: async function* () {
        passes++;
        for (let i = 0; i < N; i++) {
          if (i % 10_000 === 0) peak = Math.max(peak, used() - base);
          yield outcome(i);
        }
      },
      fileIssues: [],
      renamedDeals: [],
      throughput: [],
      startedAt: new Date(0).toISOString(),
    };
    const dir = await tempDir();
    const paths = await writeReports(dir, input);

    const problems = Array.from({ length: N }, (_, i) => ACTIONS[i % ACTIONS.length]).filter(
      (a) => a === 'skipped' || a === 'failed',
    ).length;
    expect(await countLines(paths.outcomes)).toBe(N + 1);
    expect(await countLines(paths.errors)).toBe(problems + 1);
    expect(passes).toBe(1);
    // ~200 MB of row text went through; a writer that kept the rows, or ignored backpressure, would exceed this.
    expect(peak).toBeLessThan(80 * 1024 * 1024);

    const html = await readFile(paths.html, 'utf8');
    expect(html.length).toBeLessThan(400_000);
    // Failures of the same kind form one group despite different values, with at most 5 examples.
    expect(html).toContain('Clarify rejected the value &quot;…&quot;; fix it.');
    expect(html.match(/data-testid="failure-group-\d+"/g)).toHaveLength(2);
    expect(html.match(/big\.csv:/g)!.length).toBeLessThanOrEqual(3 * 5);
  });
});
