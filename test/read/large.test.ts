import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readCsvRows } from '../../src/read/index.js';
import { readAll } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'read-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeRows(
  path: string,
  header: string,
  count: number,
  row: (i: number) => string,
): Promise<void> {
  const out = createWriteStream(path);
  out.write(header);
  for (let i = 0; i < count; i++) {
    if (!out.write(row(i))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise((resolve, reject) =>
    out.end((error?: Error) => (error ? reject(error) : resolve(undefined))),
  );
}

describe('large input', () => {
  test('a 5 MB quoted cell (with quotes and newlines inside) is read whole', async () => {
    const path = join(dir, 'big-cell.csv');
    const unit = 'Lorem "ipsum", dolor\nsit amet. ';
    const cell = unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length));
    const newlines = cell.split('\n').length - 1;
    writeFileSync(path, `Id,Notes,After\n1,"${cell.replaceAll('"', '""')}",x\n2,small,y\n`);
    const { rows, issues } = await readAll(path);
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.values.Notes).toBe(cell);
    expect(rows[0]?.values.After).toBe('x');
    expect(rows[1]).toMatchObject({
      line: 2 + newlines + 1,
      values: { Id: '2', Notes: 'small', After: 'y' },
    });
  });

  test('1,000,000 rows stream with bounded memory and correct positions', async () => {
    const path = join(dir, 'million.csv');
    const count = 1_000_000;
    await writeRows(path, 'Record ID,First Name,Last Name,Email,Company,Notes\n', count, (i) =>
      i % 1000 === 0
        ? `${i},Ann,"Multi\nLine",ann${i}@example.com,"Acme, Inc",note ${i}\n`
        : `${i},Ann,Smith,ann${i}@example.com,"Acme, Inc",note ${i} ${'z'.repeat(60)}\n`,
    );
    global.gc?.();
    const base = process.memoryUsage();
    let peak = 0;
    let rows = 0;
    let line = 2;
    let lineErrors = 0;
    for await (const row of readCsvRows(path)) {
      if (row.line !== line || row.values['Record ID'] !== String(rows)) lineErrors++;
      line += rows % 1000 === 0 ? 2 : 1;
      rows++;
      if (rows % 20000 === 0) {
        const now = process.memoryUsage();
        peak = Math.max(peak, now.heapUsed + now.arrayBuffers - base.heapUsed - base.arrayBuffers);
      }
    }
    expect(rows).toBe(count);
    expect(lineErrors).toBe(0);
    // The file is ~120 MB; keeping it (or its rows) would blow far past this.
    expect(peak).toBeLessThan(96 * 1024 * 1024);
  }, 120_000);

  test('stopping early closes the file and does not hang', async () => {
    const path = join(dir, 'stop.csv');
    await writeRows(path, 'Id,Name\n', 100_000, (i) => `${i},Name ${i}\n`);
    const seen: string[] = [];
    for await (const row of readCsvRows(path)) {
      seen.push(row.values.Id!);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['0', '1', '2']);
  });
});
