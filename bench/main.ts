/**
 * The benchmark driver (`npm run bench`): measures, never asserts. Prints a table per question and writes
 * every figure to bench-output/bench-results.json. See docs/benchmarks.md for what each figure means.
 *
 *   BENCH_QUICK=1      skip the 1,000,000-contact plan and use smaller runs (a couple of minutes)
 *   BENCH_ONLY=1,3     run only these steps (1 sandbox, 2 planning, 3 requests, 4 wall time, 4b serial)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchPlan, type PlanFigures } from './plan-bench.js';
import {
  benchRun,
  type RequestFigures,
  type RunSizes,
  requestFigures,
  type WallTimeFigures,
  wallTimeFigures,
} from './run-bench.js';
import { benchSandbox } from './sandbox.js';
import { n, percent, seconds, table, verdict } from './table.js';

const QUICK = process.env.BENCH_QUICK === '1';
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const wanted = (id: string) => !ONLY || ONLY.includes(id);
const OUTPUT_DIR = fileURLToPath(new URL('../../bench-output/', import.meta.url));
/** A partial run (BENCH_ONLY) does not overwrite the figures of a full one. */
const OUTPUT_FILE = `${OUTPUT_DIR}bench-results${ONLY ? `-only-${ONLY.join('-')}` : ''}.json`;

const PLAN_SIZES = QUICK ? [100_000] : [100_000, 1_000_000];
const REQUEST_SIZES: RunSizes = { companies: 200, contacts: 2_000, deals: 400 };
/**
 * 200 company and 240 person bulk creates, 40 deal creates and one link request per deal (about 1,000):
 * at 50 requests/s the bound is about 30 s. Deal creates stay few because every deal costs a link request.
 */
const PACED_SIZES: RunSizes = QUICK
  ? { companies: 2_500, contacts: 3_000, deals: 500 }
  : { companies: 5_000, contacts: 6_000, deals: 1_000 };
/** The one-at-a-time baseline runs at a quarter of the size: its efficiency does not depend on size. */
const SERIAL_SIZES: RunSizes = QUICK
  ? { companies: 625, contacts: 750, deals: 125 }
  : { companies: 1_250, contacts: 1_500, deals: 250 };
const LATENCY_MS = 100;
const RATE = 50;

interface Results {
  started_at: string;
  quick: boolean;
  machine: {
    cpus: number;
    cpu_model: string;
    total_mem_mb: number;
    free_mem_mb_at_start: number;
    node: string;
    load_average_at_start: number[];
    load_average_at_end?: number[];
  };
  sandbox?: Record<string, number>;
  planning: PlanFigures[];
  requests?: RequestFigures;
  wall_time?: WallTimeFigures;
  wall_time_concurrency_1?: WallTimeFigures;
  errors: { step: string; error: string }[];
  total_ms?: number;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => loadavg().map((l) => Math.round(l * 100) / 100);

async function step<T>(results: Results, name: string, run: () => Promise<T>): Promise<T | undefined> {
  if (!wanted(name.split('.')[0]!)) return undefined;
  log(`\n▶ ${name}`);
  const started = performance.now();
  try {
    const value = await run();
    log(`  done in ${seconds(performance.now() - started)} (load ${load().join(' ')})`);
    return value;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`  FAILED: ${message}`);
    results.errors.push({ step: name, error: message });
    return undefined;
  }
}

function report(r: Results): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `clarify-import benchmark — ${r.started_at}${r.quick ? ' (BENCH_QUICK)' : ''}`,
    `${m.cpus} × ${m.cpu_model}, ${n(m.total_mem_mb)} MiB, node ${m.node}, ` +
      `load average ${m.load_average_at_start.join(' ')} at start, ${m.load_average_at_end?.join(' ') ?? '?'} at end`,
    '',
  );
  if (r.sandbox) {
    out.push(
      '1. Sandbox (in-memory SQLite over loopback HTTP)',
      table(
        ['figure', 'value'],
        [
          [
            'bulk create, records/s (batches of 25, 4 in flight)',
            n(r.sandbox.sandbox_bulk_create_records_per_s),
          ],
          ['list, records/s (page[limit]=500)', n(r.sandbox.sandbox_list_records_per_s)],
          ['unique-key lookups/s', n(r.sandbox.sandbox_unique_lookups_per_s)],
        ],
        true,
      ),
      '',
    );
  }
  if (r.planning.length > 0) {
    out.push(
      '2. Planning a generated HubSpot export (contacts, contacts/10 companies, contacts/5 deals), empty workspace',
      table(
        [
          'contacts',
          'plan wall',
          'contacts/s',
          'rows/s',
          'peak RSS',
          'bare parse',
          'ratio',
          'vs all files',
          'CPU ratio',
          '≤3×',
          '<1 GB',
        ],
        r.planning.map((p) => [
          n(p.contacts),
          seconds(p.plan_wall_ms),
          n(p.plan_contacts_per_s),
          n(p.plan_rows_per_s),
          p.plan_peak_rss_mb === null ? 'n/a' : `${n(p.plan_peak_rss_mb)} MiB`,
          seconds(p.bare_parse_contacts_ms),
          `${p.ratio_plan_to_bare_parse_contacts}×`,
          `${p.ratio_plan_to_bare_parse_all}×`,
          p.cpu_ratio_plan_to_bare_parse_contacts === null
            ? 'n/a'
            : `${p.cpu_ratio_plan_to_bare_parse_contacts}×`,
          verdict(p.ratio_plan_to_bare_parse_contacts <= 3),
          p.plan_peak_rss_mb === null ? 'n/a' : verdict(p.plan_peak_rss_mb < 1024),
        ]),
      ),
      '  ratio = plan wall time ÷ csv-parse alone on the contacts file; "vs all files" ÷ csv-parse on all three;',
      '  bare parse = median of three runs (two before the plan, one after): the shared machine drifts in speed.',
      '  CPU ratio = the same with CPU time (user + system, both threads of the plan) instead of wall time.',
      '  peak RSS in MiB (1,024 MiB = 1 GiB); the < 1 GB verdict uses 1 GiB.',
      ...r.planning.map(
        (p) =>
          `  at ${n(p.contacts)}: csv-parse as a process of its own ${seconds(p.bare_parse_contacts_process_ms)} ` +
          `(plan ÷ it: ${p.ratio_plan_to_bare_parse_process}×); bound: the contacts' essentials alone over two threads ` +
          `(bench/floor.ts floor-halves, a process) ${seconds(p.floor_two_threads_process_ms)} = ` +
          `${p.ratio_floor_two_threads_to_bare_parse_contacts}× the bare parse, ${p.ratio_floor_two_threads_to_bare_parse_process}× csv-parse as a process.`,
      ),
      '',
    );
  }
  if (r.requests) {
    const q = r.requests;
    out.push(
      `3. Requests: run of ${n(q.sizes.contacts)} contacts, ${n(q.sizes.companies)} companies, ${n(q.sizes.deals)} deals into an empty sandbox`,
      table(
        ['figure', 'value'],
        [
          ['requests seen by the sandbox', n(q.sandbox_requests)],
          ['requests in summary.json', n(q.summary_requests)],
          [
            `minimum (snapshot ${q.minimum_breakdown.snapshot} + writes ${Object.values(q.minimum_breakdown.writes).reduce((a, b) => a + b, 0)} + links ${q.minimum_breakdown.links})`,
            n(q.minimum_requests),
          ],
          ['ratio (target ≤ 1.05)', `${q.ratio.toFixed(3)} ${verdict(q.ratio <= 1.05)}`],
          [
            'by phase',
            Object.entries(q.by_phase)
              .map(([k, v]) => `${k} ${v}`)
              .join(', '),
          ],
          [
            'by status',
            Object.entries(q.by_status)
              .map(([k, v]) => `${k}: ${v}`)
              .join(', '),
          ],
        ],
        true,
      ),
      '',
    );
  }
  for (const [title, w, baseline] of [
    ['4. Wall time', r.wall_time, false],
    ['4b. Wall time, --concurrency 1 (baseline)', r.wall_time_concurrency_1, true],
  ] as const) {
    if (!w) continue;
    out.push(
      `${title}: ${n(w.sizes.contacts)} contacts, ${n(w.sizes.companies)} companies, ${n(w.sizes.deals)} deals; ` +
        `latency ${w.latency_ms} ms, ${w.rate_limit_per_s} req/s per endpoint${w.cli_args.length ? `; ${w.cli_args.join(' ')}` : ''}`,
      table(
        ['phase', 'requests', '429s', 'bound', 'actual', 'efficiency'],
        [
          ...Object.entries(w.phases).map(([name, p]) => [
            name,
            n(p.requests),
            n(p.rate_limited),
            seconds(p.bound_ms),
            seconds(p.actual_ms),
            percent(p.efficiency),
          ]),
          [
            'whole run (summary duration_ms)',
            n(w.sandbox_requests),
            n(w.rate_limited),
            seconds(w.bound_ms),
            seconds(w.actual_ms),
            `${percent(w.efficiency)}${baseline ? '' : ` ${verdict(w.efficiency >= 0.9)}`}`,
          ],
          [
            'writes only (first write → last link)',
            '',
            '',
            '',
            seconds(w.write_span_ms),
            percent(w.write_efficiency),
          ],
        ],
      ),
      `  local work: start-up ${seconds(w.local.before_snapshot_ms)}, reading + planning ${seconds(w.local.planning_ms)}, ` +
        `pauses between phases ${seconds(w.local.between_phases_ms)}, reports ${seconds(w.local.after_last_request_ms)} (after the run)`,
      '',
    );
  }
  if (r.errors.length > 0) {
    out.push('Errors:', ...r.errors.map((e) => `  ${e.step}: ${e.error}`), '');
  }
  out.push(`Total ${seconds(r.total_ms ?? 0)}. Figures: ${OUTPUT_FILE}`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const results: Results = {
    started_at: new Date().toISOString(),
    quick: QUICK,
    machine: {
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model ?? 'unknown',
      total_mem_mb: Math.round(totalmem() / 2 ** 20),
      free_mem_mb_at_start: Math.round(freemem() / 2 ** 20),
      node: process.version,
      load_average_at_start: load(),
    },
    planning: [],
    errors: [],
  };

  results.sandbox = await step(results, '1. sandbox throughput', () => benchSandbox());
  for (const contacts of PLAN_SIZES) {
    const figures = await step(results, `2. plan ${n(contacts)} contacts`, () => benchPlan(contacts, log));
    if (figures) results.planning.push(figures);
  }
  const requests = await step(results, '3. requests of a clean run', () =>
    benchRun({ sizes: REQUEST_SIZES }, log),
  );
  if (requests) results.requests = requestFigures(requests);
  const paced = await step(results, '4. wall time, latency 100 ms, 50 req/s', () =>
    benchRun({ sizes: PACED_SIZES, latencyMs: LATENCY_MS, rateLimit: RATE }, log),
  );
  if (paced) results.wall_time = wallTimeFigures(paced, LATENCY_MS, RATE, []);
  const serialArgs = ['--concurrency', '1'];
  const serial = await step(results, '4b. wall time, --concurrency 1', () =>
    benchRun({ sizes: SERIAL_SIZES, latencyMs: LATENCY_MS, rateLimit: RATE, cliArgs: serialArgs }, log),
  );
  if (serial) results.wall_time_concurrency_1 = wallTimeFigures(serial, LATENCY_MS, RATE, serialArgs);

  results.machine.load_average_at_end = load();
  results.total_ms = Math.round(performance.now() - started);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  writeFileSync(OUTPUT_FILE, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${report(results)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
