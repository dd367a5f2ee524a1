/**
 * Planning at scale (issue 3): `clarify-import plan` on a generated HubSpot export of N contacts (N/10
 * companies, N/5 deals, the usual ~2% planted problems) against an empty in-memory sandbox, as a child
 * process whose wall time and peak RSS are measured from outside; next to csv-parse alone on the same
 * contacts file (and on all three files) and our reader on the contacts file, in this process.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHubSpotSample } from '../src/samples/index.js';
import { startSandbox } from '../src/sandbox/index.js';
import { runChild } from './child.js';
import { runCli } from './cli.js';
import { benchBareParse, benchRead } from './read.js';

export interface PlanFigures {
  contacts: number;
  companies: number;
  deals: number;
  /** Rows of all three files. */
  rows: number;
  contacts_file_mb: number;
  all_files_mb: number;
  /** Wall time of the `plan` child process (node start-up, snapshot, planning, journal, reports). */
  plan_wall_ms: number;
  /** `duration_ms` of the plan's summary.json (the product's own clock, reports not included). */
  plan_summary_ms: number;
  plan_contacts_per_s: number;
  plan_rows_per_s: number;
  /** User + system CPU time of the `plan` process (less sensitive to machine load than wall time). */
  plan_cpu_ms: number | null;
  /** Peak RSS of the `plan` process, MiB. */
  plan_peak_rss_mb: number | null;
  plan_rss_method: string;
  plan_requests: number;
  /** csv-parse alone, streaming the contacts file: the median of three runs (two before the plan, one after). */
  bare_parse_contacts_ms: number;
  /** The three runs, in order. */
  bare_parse_contacts_runs_ms: number[];
  bare_parse_contacts_rows_per_s: number;
  /** CPU time of this process during the bare parse of the contacts file. */
  bare_parse_contacts_cpu_ms: number;
  /** csv-parse alone over the three files, one after the other. */
  bare_parse_all_ms: number;
  /** src/read (our reader) on the contacts file. */
  read_contacts_ms: number;
  /** plan wall time ÷ bare parse of the contacts file (target ≤ 3). */
  ratio_plan_to_bare_parse_contacts: number;
  /** plan wall time ÷ bare parse of all three files (the same bytes the plan reads). */
  ratio_plan_to_bare_parse_all: number;
  /** plan CPU time ÷ bare parse CPU time, contacts file (the same ratio, robust to load). */
  cpu_ratio_plan_to_bare_parse_contacts: number | null;
  /** csv-parse alone on the contacts file as a process of its own (node start-up included, as for the plan). */
  bare_parse_contacts_process_ms: number;
  /**
   * A bound, not the product: bench/floor.ts's contact essentials (e-mail and phone normalized, repeated e-mails
   * dropped, a JSON plan line and an outcomes line per row), split perfectly over two threads, as a process.
   * No companies, deals, matching, issues or reports.
   */
  floor_two_threads_process_ms: number;
  /** That bound ÷ the bare parse: what no two-core design doing at least that work can go below. */
  ratio_floor_two_threads_to_bare_parse_contacts: number;
  /** plan wall time ÷ csv-parse as a process: both clean processes, node start-up included in both. */
  ratio_plan_to_bare_parse_process: number;
  /** The two-thread floor ÷ csv-parse as a process. */
  ratio_floor_two_threads_to_bare_parse_process: number;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** From dist/bench/plan-bench.js to dist/bench/floor.js. */
const FLOOR_ENTRY = fileURLToPath(new URL('./floor.js', import.meta.url));

/** Wall time of `node dist/bench/floor.js <file> <mode>` as a child process. */
async function floorProcessMs(file: string, mode: 'bare' | 'floor-halves'): Promise<number> {
  const result = await runChild(process.execPath, [FLOOR_ENTRY, file, mode]);
  if (result.code !== 0)
    throw new Error(`bench/floor.ts ${mode} exited with ${result.code}: ${result.stderr.trim()}`);
  return Math.round(result.wallMs);
}

async function timedBareParse(path: string) {
  const before = process.cpuUsage();
  const result = await benchBareParse(path);
  const cpu = process.cpuUsage(before);
  return { result, cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

export async function benchPlan(contacts: number, log: (line: string) => void): Promise<PlanFigures> {
  const dir = await mkdtemp(join(tmpdir(), `clarify-bench-plan-${contacts}-`));
  const sandbox = await startSandbox({ port: 0 });
  try {
    const companies = Math.round(contacts / 10);
    const deals = Math.round(contacts / 5);
    log(`  generating ${contacts} contacts, ${companies} companies, ${deals} deals`);
    const { files } = await writeHubSpotSample(join(dir, 'export'), {
      contacts,
      companies,
      deals,
      seed: 7,
      problems: true,
    });
    const sizes = await Promise.all([files.contacts, files.companies, files.deals].map((f) => stat(f)));
    log('  bare parse (csv-parse alone) and src/read');
    // The machine's speed drifts (shared cores): the bare parse runs twice before the plan and once after,
    // and the median is the reference, so one slow or fast moment does not make the ratio.
    const bareRuns = [await timedBareParse(files.contacts), await timedBareParse(files.contacts)];
    let bareOthersMs = 0;
    for (const file of [files.companies, files.deals]) bareOthersMs += (await benchBareParse(file)).ms;
    const read = await benchRead(files.contacts);
    log('  clarify-import plan (child process)');
    const plan = await runCli('plan', [join(dir, 'export')], {
      apiUrl: sandbox.url,
      workspace: 'demo',
      apiKey: 'sandbox-key',
      state: join(dir, 'state'),
    });
    bareRuns.push(await timedBareParse(files.contacts));
    log('  bounds: csv-parse as a process; the two-thread floor (bench/floor.ts)');
    const bareProcessMs = await floorProcessMs(files.contacts, 'bare');
    const floorMs = await floorProcessMs(files.contacts, 'floor-halves');
    const median = [...bareRuns].sort((a, b) => a.result.ms - b.result.ms)[1]!;
    const bareContacts = median.result;
    const bareCpuMs = median.cpuMs;
    const bareAllMs = bareContacts.ms + bareOthersMs;
    const rows = contacts + companies + deals;
    return {
      contacts,
      companies,
      deals,
      rows,
      contacts_file_mb: round(sizes[0]!.size / 2 ** 20, 1),
      all_files_mb: round(sizes.reduce((sum, s) => sum + s.size, 0) / 2 ** 20, 1),
      plan_wall_ms: plan.wallMs,
      plan_summary_ms: plan.summary.duration_ms,
      plan_contacts_per_s: Math.round(contacts / (plan.wallMs / 1000)),
      plan_rows_per_s: Math.round(rows / (plan.wallMs / 1000)),
      plan_cpu_ms: plan.cpuMs ?? null,
      plan_peak_rss_mb: plan.peakRssMb ?? null,
      plan_rss_method: plan.rssMethod,
      plan_requests: plan.summary.requests,
      bare_parse_contacts_ms: bareContacts.ms,
      bare_parse_contacts_runs_ms: bareRuns.map((run) => run.result.ms),
      bare_parse_contacts_rows_per_s: bareContacts.rowsPerSec,
      bare_parse_contacts_cpu_ms: bareCpuMs,
      bare_parse_all_ms: bareAllMs,
      read_contacts_ms: read.ms,
      ratio_plan_to_bare_parse_contacts: round(plan.wallMs / bareContacts.ms, 1),
      ratio_plan_to_bare_parse_all: round(plan.wallMs / bareAllMs, 1),
      cpu_ratio_plan_to_bare_parse_contacts:
        plan.cpuMs === undefined ? null : round(plan.cpuMs / Math.max(1, bareCpuMs), 1),
      bare_parse_contacts_process_ms: bareProcessMs,
      floor_two_threads_process_ms: floorMs,
      ratio_floor_two_threads_to_bare_parse_contacts: round(floorMs / bareContacts.ms, 1),
      ratio_plan_to_bare_parse_process: round(plan.wallMs / bareProcessMs, 1),
      ratio_floor_two_threads_to_bare_parse_process: round(floorMs / bareProcessMs, 1),
    };
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}
