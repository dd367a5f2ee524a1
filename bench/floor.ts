/**
 * A floor for issue 3's speed target, outside the product: how long does one thread take to do only a
 * contact's essentials, with nothing of the product's design around them? It reads a HubSpot contacts file
 * with csv-parse (arrays), normalizes each e-mail and phone with the project's own functions, maps the
 * lifecycle stage, drops repeated e-mails with a Map, and writes one JSON plan line and one outcomes line
 * per row. No companies, deals, workspace matching, issues, reports or second thread.
 *
 *   npm run build && node dist/bench/floor.js <contacts.csv> [bare|floor|floor-no-json|floor-halves]
 *
 * `floor-halves` is the same floor split perfectly over two threads, as a bound for any two-core design: the
 * file is cut at the newline nearest its middle (generated exports have no line breaks inside cells) and each
 * half is read by a thread of its own, started cold as the product's reader thread is.
 *
 * Prints the mode, rows, wall seconds and CPU seconds. docs/benchmarks.md (fifth and seventh planning
 * sessions) has the figures. Not part of `npm run bench`: it measures an idea, not the product.
 */
import { createReadStream, createWriteStream, openSync, readSync, statSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parse } from 'csv-parse';
import { normalizeEmail } from '../src/normalize/email.js';
import { normalizePhone } from '../src/normalize/phone.js';

const STATUS = new Map([
  ['lead', 'Lead'],
  ['subscriber', 'Lead'],
  ['marketingqualifiedlead', 'Qualified'],
  ['salesqualifiedlead', 'Qualified'],
  ['opportunity', 'Qualified'],
  ['customer', 'Customer'],
  ['other', 'Other'],
]);

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function writeLines(out: WriteStream, lines: string[], end: string): Promise<void> {
  if (!out.write(lines.join(end) + end))
    await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

/** Bytes of the file one floor reads: all of it (header first), or a half after the header. */
interface Range {
  start: number;
  end?: number;
  hasHeader: boolean;
  /** Distinguishes the output files of the two halves. */
  tag: string;
}

async function floor(
  path: string,
  json: boolean,
  range: Range = { start: 0, hasHeader: true, tag: '' },
): Promise<number> {
  const dir = tmpdir();
  const plan = createWriteStream(join(dir, `clarify-floor-plan${range.tag}.jsonl`));
  const outcomes = createWriteStream(join(dir, `clarify-floor-outcomes${range.tag}.csv`));
  const seen = new Map<string, number>();
  let header = !range.hasHeader;
  let rows = 0;
  let planLines: string[] = [];
  let outcomeLines: string[] = [];
  const stream = createReadStream(path, { start: range.start, end: range.end });
  for await (const cells of stream.pipe(parse({ bom: true, relax_column_count: true }))) {
    const row = cells as string[];
    if (!header) {
      header = true;
      continue;
    }
    rows++;
    const [id = '', first = '', last = '', email = '', phone = '', , title = '', stage = ''] = row;
    const companies = row[10] ?? '';
    const primary = row[11] ?? '';
    const attributes: Record<string, unknown> = {};
    if (first) attributes.first_name = first.trim();
    if (last) attributes.last_name = last.trim();
    const normalized = normalizeEmail(email);
    const address = normalized.ok ? normalized.value : undefined;
    if (address) attributes.email_addresses = { items: [address] };
    const number = phone ? normalizePhone(phone, 'US') : undefined;
    if (number?.ok) attributes.phone_numbers = { items: [number.value] };
    if (title) attributes.job_title = title;
    const status = STATUS.get(stage.toLowerCase().replace(/\s+/g, ''));
    if (status) attributes.status = status;
    let action = 'create';
    if (address) {
      if (seen.has(address)) action = 'skip';
      else seen.set(address, rows);
    }
    const line = {
      object: 'person',
      source_id: id,
      file: path,
      line: rows + 1,
      action,
      attributes,
      batch: Math.floor(rows / 25) + 1,
      company_source_id: (primary || companies).split(';')[0],
      match_keys: address ? [address] : [],
    };
    planLines.push(json ? JSON.stringify(line) : id);
    outcomeLines.push(`person,${csvCell(path)},${rows + 1},${csvCell(id)},${action},,`);
    if (planLines.length === 1000) {
      await writeLines(plan, planLines, '\n');
      await writeLines(outcomes, outcomeLines, '\r\n');
      planLines = [];
      outcomeLines = [];
    }
  }
  await writeLines(plan, planLines, '\n');
  await writeLines(outcomes, outcomeLines, '\r\n');
  await Promise.all([plan, outcomes].map((out) => new Promise<void>((resolve) => out.end(() => resolve()))));
  return rows;
}

async function bare(path: string): Promise<number> {
  let rows = 0;
  for await (const _ of createReadStream(path).pipe(parse({ bom: true, relax_column_count: true }))) rows++;
  return Math.max(0, rows - 1);
}

/** The offset just after the newline nearest the middle of the file (searched forward from the middle). */
function middleLineStart(path: string): number {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(1 << 16);
  for (let at = Math.floor(size / 2); at < size; at += buffer.length) {
    const read = readSync(fd, buffer, 0, buffer.length, at);
    const newline = buffer.subarray(0, read).indexOf(10);
    if (newline >= 0) return at + newline + 1;
  }
  return size;
}

/** The floor over the two halves of the file at once, one cold thread each; resolves to the rows of both. */
async function floorHalves(path: string): Promise<number> {
  const middle = middleLineStart(path);
  const halves: Range[] = [
    { start: 0, end: middle - 1, hasHeader: true, tag: '-1' },
    { start: middle, hasHeader: false, tag: '-2' },
  ];
  const counts = await Promise.all(
    halves.map(
      (range) =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { path, range } });
          worker.once('message', (rows: number) => resolve(rows));
          worker.once('error', reject);
        }),
    ),
  );
  return counts[0]! + counts[1]!;
}

if (!isMainThread) {
  const { path, range } = workerData as { path: string; range: Range };
  parentPort!.postMessage(await floor(path, true, range));
  process.exit(0);
}

const [path, mode = 'floor'] = process.argv.slice(2);
if (!path || !['bare', 'floor', 'floor-no-json', 'floor-halves'].includes(mode)) {
  process.stderr.write(
    'usage: node dist/bench/floor.js <contacts.csv> [bare|floor|floor-no-json|floor-halves]\n',
  );
  process.exit(2);
}
const started = performance.now();
const cpu = process.cpuUsage();
const rows =
  mode === 'bare'
    ? await bare(path)
    : mode === 'floor-halves'
      ? await floorHalves(path)
      : await floor(path, mode === 'floor');
const used = process.cpuUsage(cpu);
const wall = (performance.now() - started) / 1000;
process.stdout.write(
  `${mode}: ${rows} rows, ${wall.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU\n`,
);
