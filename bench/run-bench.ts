/**
 * `clarify-import run` of a clean generated HubSpot export (no planted problems) into an empty sandbox, as a
 * child process. Two questions (issue 4):
 *  - requests: how many HTTP requests did it take, against the fewest that could do it;
 *  - wall time: with a slow, rate-limited API, how close does it come to the time the rate limit allows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHubSpotSample } from '../src/samples/index.js';
import type { SandboxStats } from '../src/sandbox/index.js';
import { runCli, type Summary } from './cli.js';
import { type PhaseFigures, startTimedSandbox } from './timed-sandbox.js';

export interface RunSizes {
  companies: number;
  contacts: number;
  deals: number;
}

export interface RunOptions {
  sizes: RunSizes;
  latencyMs?: number;
  /** Requests per second per endpoint (the sandbox's token bucket, one second of burst). */
  rateLimit?: number;
  /** Extra CLI arguments, e.g. `['--concurrency', '1']`. */
  cliArgs?: string[];
}

export interface MinimumRequests {
  /** GET /schemas + at least one page (500 records) per object. */
  snapshot: number;
  /** ceil(n / 25) per object and operation. */
  writes: Record<string, number>;
  /** One relationship PATCH per deal that ends up with at least one person. */
  links: number;
  total: number;
}

export interface RunResult {
  sizes: RunSizes;
  summary: Summary;
  wallMs: number;
  peakRssMb: number | undefined;
  sandbox: SandboxStats;
  phases: Record<string, PhaseFigures>;
  minimum: MinimumRequests;
}

const BULK = 25;
const PAGE = 500;

function minimumRequests(summary: Summary, linkedDeals: number): MinimumRequests {
  const writes: Record<string, number> = {};
  let snapshot = 1;
  for (const [object, o] of Object.entries(summary.objects)) {
    writes[`${object} creates`] = Math.ceil((o.created ?? 0) / BULK);
    if ((o.updated ?? 0) > 0) writes[`${object} updates`] = Math.ceil((o.updated ?? 0) / BULK);
    // An empty workspace still takes one page per object to know it is empty.
    snapshot += Math.max(1, Math.ceil(((o.updated ?? 0) + (o.unchanged ?? 0)) / PAGE));
  }
  const total = snapshot + Object.values(writes).reduce((a, b) => a + b, 0) + linkedDeals;
  return { snapshot, writes, links: linkedDeals, total };
}

export async function benchRun(options: RunOptions, log: (line: string) => void): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'clarify-bench-run-'));
  const sandbox = await startTimedSandbox({
    latencyMs: options.latencyMs,
    rateLimit: options.rateLimit,
  });
  try {
    const { sizes } = options;
    await writeHubSpotSample(join(dir, 'export'), { ...sizes, seed: 11, problems: false });
    log(
      `  run: ${sizes.companies} companies, ${sizes.contacts} contacts, ${sizes.deals} deals` +
        (options.latencyMs ? `, latency ${options.latencyMs} ms` : '') +
        (options.rateLimit ? `, ${options.rateLimit} req/s per endpoint` : '') +
        (options.cliArgs?.length ? `, ${options.cliArgs.join(' ')}` : ''),
    );
    sandbox.resetStats();
    sandbox.resetTimes();
    const run = await runCli(
      'run',
      [join(dir, 'export')],
      { apiUrl: sandbox.url, workspace: 'demo', apiKey: 'sandbox-key', state: join(dir, 'state') },
      options.cliArgs ?? [],
    );
    const dump = sandbox.dump();
    const linkedDeals = (dump.deal ?? []).filter((d) => (d.relationships.people?.length ?? 0) > 0).length;
    return {
      sizes,
      summary: run.summary,
      wallMs: run.wallMs,
      peakRssMb: run.peakRssMb,
      sandbox: sandbox.stats(),
      phases: sandbox.phases(),
      minimum: minimumRequests(run.summary, linkedDeals),
    };
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export interface RequestFigures {
  sizes: RunSizes;
  /** Requests the sandbox answered (stats().requests), 429s included. */
  sandbox_requests: number;
  /** `requests` of summary.json (what the CLI counted). */
  summary_requests: number;
  minimum_requests: number;
  minimum_breakdown: MinimumRequests;
  /** sandbox_requests ÷ minimum (target ≤ 1.05). */
  ratio: number;
  by_route: Record<string, number>;
  by_phase: Record<string, number>;
  by_status: Record<string, number>;
  duration_ms: number;
}

export function requestFigures(result: RunResult): RequestFigures {
  return {
    sizes: result.sizes,
    sandbox_requests: result.sandbox.requests,
    summary_requests: result.summary.requests,
    minimum_requests: result.minimum.total,
    minimum_breakdown: result.minimum,
    ratio: Math.round((result.sandbox.requests / result.minimum.total) * 1000) / 1000,
    by_route: result.sandbox.byRoute,
    by_phase: Object.fromEntries(Object.entries(result.phases).map(([name, f]) => [name, f.requests])),
    by_status: result.sandbox.byStatus,
    duration_ms: result.summary.duration_ms,
  };
}

export interface PhaseTime {
  requests: number;
  ok: number;
  rate_limited: number;
  /** max(ok ÷ rate, one round trip): the least time the rate limit allows for this phase. */
  bound_ms: number;
  /** First request in → last response out, as the sandbox saw it. */
  actual_ms: number;
  efficiency: number;
  /** When the phase began and ended, in ms after the CLI process was spawned. */
  start_ms: number;
  end_ms: number;
}

export interface WallTimeFigures {
  sizes: RunSizes;
  cli_args: string[];
  latency_ms: number;
  rate_limit_per_s: number;
  /** Sum of the phase bounds (the phases run one after the other). */
  bound_ms: number;
  /** summary.json duration_ms: reading, planning, snapshot, writes, links. */
  actual_ms: number;
  /** Wall time of the child process (adds node start-up and report writing). */
  process_wall_ms: number;
  /** bound_ms ÷ actual_ms (target ≥ 0.90). */
  efficiency: number;
  /** First write request → last link response: the part the rate limit governs. */
  write_span_ms: number;
  /** Bound of the write phases ÷ write_span_ms: pacing alone, without the local work before the writes. */
  write_efficiency: number;
  /** Where the rest of the time goes (all measured from the sandbox's clock, relative to the spawn). */
  local: {
    /** Spawn → first request: node start-up, reading export headers. */
    before_snapshot_ms: number;
    /** End of the snapshot → first write: reading the exports, planning, writing the journal. */
    planning_ms: number;
    /** Sum of the pauses between one write phase's last response and the next one's first request. */
    between_phases_ms: number;
    /** Last response → process exit: reports. */
    after_last_request_ms: number;
  };
  rate_limited: number;
  sandbox_requests: number;
  minimum_requests: number;
  phases: Record<string, PhaseTime>;
}

export function wallTimeFigures(
  result: RunResult,
  latencyMs: number,
  rate: number,
  cliArgs: string[],
): WallTimeFigures {
  const phases: Record<string, PhaseTime> = {};
  let bound = 0;
  let writeBound = 0;
  const ordered = Object.entries(result.phases).sort((a, b) => a[1].startMs - b[1].startMs);
  for (const [name, f] of ordered) {
    const phaseBound = Math.max((f.ok / rate) * 1000, latencyMs);
    bound += phaseBound;
    if (name !== 'snapshot') writeBound += phaseBound;
    phases[name] = {
      requests: f.requests,
      ok: f.ok,
      rate_limited: f.rateLimited,
      bound_ms: Math.round(phaseBound),
      actual_ms: f.spanMs,
      efficiency: Math.round((phaseBound / Math.max(1, f.spanMs)) * 1000) / 1000,
      start_ms: f.startMs,
      end_ms: f.endMs,
    };
  }
  const snapshot = result.phases.snapshot;
  const writes = ordered.filter(([name]) => name !== 'snapshot').map(([, f]) => f);
  const firstWrite = writes[0]?.startMs ?? 0;
  const lastEnd = Math.max(0, ...ordered.map(([, f]) => f.endMs));
  let between = 0;
  for (let i = 1; i < writes.length; i++) between += Math.max(0, writes[i]!.startMs - writes[i - 1]!.endMs);
  const writeSpan = lastEnd - firstWrite;
  const actual = result.summary.duration_ms;
  const ratio = (a: number, b: number) => Math.round((a / Math.max(1, b)) * 1000) / 1000;
  return {
    sizes: result.sizes,
    cli_args: cliArgs,
    latency_ms: latencyMs,
    rate_limit_per_s: rate,
    bound_ms: Math.round(bound),
    actual_ms: actual,
    process_wall_ms: result.wallMs,
    efficiency: ratio(bound, actual),
    write_span_ms: Math.round(writeSpan),
    write_efficiency: ratio(writeBound, writeSpan),
    local: {
      before_snapshot_ms: Math.round(snapshot?.startMs ?? 0),
      planning_ms: Math.round(firstWrite - (snapshot?.endMs ?? 0)),
      between_phases_ms: Math.round(between),
      after_last_request_ms: Math.round(result.wallMs - lastEnd),
    },
    rate_limited: result.sandbox.faults.rateLimited,
    sandbox_requests: result.sandbox.requests,
    minimum_requests: result.minimum.total,
    phases,
  };
}
