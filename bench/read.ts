/**
 * Throughput of src/read against csv-parse alone on the same file. The driver and data generator live elsewhere;
 * call these with a path to a CSV file.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { readCsvRows } from '../src/read/index.js';

export interface ReadBenchResult {
  rows: number;
  ms: number;
  rowsPerSec: number;
  peakRssMb: number;
}

/** Samples RSS while `run` goes, so the peak of a streaming read is seen (not just its end). */
async function measure(run: () => Promise<number>): Promise<ReadBenchResult> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const start = performance.now();
  try {
    const rows = await run();
    const ms = performance.now() - start;
    peak = Math.max(peak, process.memoryUsage.rss());
    return {
      rows,
      ms: Math.round(ms),
      rowsPerSec: Math.round(rows / (ms / 1000)),
      peakRssMb: Math.round(peak / 2 ** 20),
    };
  } finally {
    clearInterval(timer);
  }
}

/** Our reader: sniffing, UTF-8 pre-scan, decoding, line positions, header mapping, footer and ragged checks. */
export async function benchRead(path: string): Promise<ReadBenchResult> {
  return measure(async () => {
    let rows = 0;
    for await (const _row of readCsvRows(path)) rows++;
    return rows;
  });
}

/** csv-parse alone, streaming the raw file, arrays out, no decoding tricks (header row counted out). */
export async function benchBareParse(path: string): Promise<ReadBenchResult> {
  return measure(async () => {
    let rows = 0;
    const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true }));
    for await (const _record of parser) rows++;
    return Math.max(0, rows - 1);
  });
}
