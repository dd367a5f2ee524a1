/**
 * Fault-tolerance helpers. They reuse the end-to-end helpers (test/e2e, read-only): the CLI runs as a real child
 * process against a sandbox started in the test process, whose stats count the faults it injected and whose
 * dump is the final workspace. Every scenario compares a faulty run with a clean run of the same export.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type HubSpotSampleOptions, writeHubSpotSample } from '../../src/samples/index.js';
import type { RunningSandbox, SandboxOptions, SandboxStats, WorkspaceDump } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import {
  API_KEY,
  assertSummaryConsistent,
  type CliOptions,
  type CliResult,
  canonical,
  dataRows,
  duplicateKeys,
  readCsv,
  readOutcomes,
  readSummary,
  runCli,
  type Summary,
  spawnCli,
  tmpDir,
  WORKSPACE,
} from '../e2e/helpers.js';
import { progress } from '../e2e/journal-watch.js';

export type Canonical = ReturnType<typeof canonical>;

/** Small batches: many requests, so that the faults land on creates, updates, lookups and links alike. */
export const BATCH = ['--batch-size', '5'];

// ---------------------------------------------------------------------------------------------- exports

export interface Export {
  dir: string;
  files: string[];
  /** Data rows per object (companies file → company, contacts → person, deals → deal). */
  rows: { company: number; person: number; deal: number };
}

/** A generated HubSpot export (src/samples) in a fresh temporary directory. */
export async function makeExport(options: HubSpotSampleOptions): Promise<Export> {
  const dir = tmpDir('faults-export-');
  const { files } = await writeHubSpotSample(dir, options);
  return {
    dir,
    files: [files.companies, files.contacts, files.deals],
    rows: {
      company: dataRows(files.companies),
      person: dataRows(files.contacts),
      deal: dataRows(files.deals),
    },
  };
}

/**
 * Records the workspace "already holds" before the import (as e-mail sync would have created them): the first
 * companies with a plain domain and the first contacts with an e-mail, under other names — so the import updates
 * them (PATCH) instead of creating them, and the faults also land on updates.
 */
export function seedFromExport(exp: Export, companies = 2, people = 3): SandboxOptions['seedRecords'] {
  const company = readCsv(exp.files[0]!)
    .filter((row) => /^[a-z0-9-]+\.[a-z]{2,}$/.test(row['Company Domain Name'] ?? ''))
    .slice(0, companies)
    .map((row) => ({ name: `Old ${row['Company name']}`, domains: { items: [row['Company Domain Name']] } }));
  const person = readCsv(exp.files[1]!)
    .filter((row) => /^[^@\s]+@[a-z0-9-]+\.[a-z]{2,}$/.test(row.Email ?? ''))
    .slice(0, people)
    .map((row) => ({ first_name: 'Synced', email_addresses: { items: [row.Email] }, job_title: 'Unknown' }));
  return { company, person };
}

// ---------------------------------------------------------------------------------------------- sandbox

export function sandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, workspace: WORKSPACE, apiKey: API_KEY, ...options });
}

/** A port that was free a moment ago (for sandboxes restarted on the same address). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts a sandbox on a given port, retrying briefly while the previous instance releases it. */
export async function sandboxOnPort(port: number, options: SandboxOptions): Promise<RunningSandbox> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await sandbox({ ...options, port });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 50) throw error;
      await sleep(50);
    }
  }
}

/** The sandbox's seeded PRNG (mulberry32): the same seed gives the same kill points on every machine. */
export { seededRandom } from '../../src/sandbox/prng.js';

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Faults injected by one or several sandbox instances. */
export interface FaultCounts {
  serverErrors: number;
  lostResponses: number;
  rateLimited: number;
  requests: number;
}

export function faultsOf(...stats: SandboxStats[]): FaultCounts {
  const total: FaultCounts = { serverErrors: 0, lostResponses: 0, rateLimited: 0, requests: 0 };
  for (const s of stats) {
    total.serverErrors += s.faults.serverErrors;
    total.lostResponses += s.faults.lostResponses;
    total.rateLimited += s.faults.rateLimited;
    total.requests += s.requests;
  }
  return total;
}

/** One line per scenario in the test output, to quote: `FAULTS {"scenario":...}`. */
export function reportFaults(scenario: string, counts: Record<string, unknown>): void {
  console.log(`FAULTS ${JSON.stringify({ scenario, ...counts })}`);
}

// ------------------------------------------------------------------------------------------------- runs

export function runArgs(url: string, state: string, files: string[], extra: string[] = []): string[] {
  return [
    'run',
    ...files,
    '--api-url',
    url,
    '--workspace',
    WORKSPACE,
    '--state',
    state,
    '--yes',
    '--json',
    ...BATCH,
    ...extra,
  ];
}

export interface Reference {
  canonical: Canonical;
  summary: Summary;
  exit: number;
  /** Wall time of the clean run, process start to exit. */
  ms: number;
  /** When the plan was in the journal (ms after the process started): the start-up and planning time. */
  plannedMs: number;
  /** The run's progress over time, sampled from its journal: [ms after start, batches + links done]. */
  timeline: Array<[number, number]>;
}

/** Batches and links done at `ms` into the clean run (0 while planning). */
export function unitsAt(reference: Reference, ms: number): number {
  let units = 0;
  for (const [at, done] of reference.timeline) if (at <= ms) units = done;
  return units;
}

/** The clean run: a fresh fault-free sandbox (with the same seed records), one `run`, its final state. */
export async function cleanReference(
  exp: Export,
  options: { seedRecords?: SandboxOptions['seedRecords']; latencyMs?: number } = {},
): Promise<Reference> {
  const clean = await sandbox(options);
  try {
    const state = tmpDir('faults-clean-');
    const { done } = spawnCli(runArgs(clean.url, state, exp.files), { timeoutMs: 60_000 });
    const started = Date.now();
    let finished = false;
    void done.then(() => {
      finished = true;
    });
    let plannedMs = 0;
    const timeline: Array<[number, number]> = [];
    while (!finished) {
      const p = progress(state);
      if (p?.planned && !plannedMs) plannedMs = Date.now() - started;
      if (p) timeline.push([Date.now() - started, p.batchesDone + p.linksDone]);
      await sleep(5);
    }
    const result = await done;
    expect([0, 1], `clean run: ${result.stderr}`).toContain(result.code);
    const dump = clean.dump();
    expect(duplicateKeys(dump), 'duplicates after the clean run').toEqual([]);
    const summary = readSummary(state);
    checkAccounting(state, exp);
    return { canonical: canonical(dump), summary, exit: result.code!, ms: result.ms, plannedMs, timeline };
  } finally {
    await clean.close();
  }
}

/**
 * Runs `run` with the same --state until it finishes (exit 0 or 1). Exit 3 (aborted: retries exhausted, network
 * down) is allowed and resumed; anything else fails the test. `args` is called before each attempt, so the URL
 * may change between attempts.
 */
export async function runUntilDone(
  args: () => string[],
  options: { maxAttempts?: number; cli?: CliOptions; between?: (result: CliResult) => Promise<void> } = {},
): Promise<CliResult[]> {
  const maxAttempts = options.maxAttempts ?? 6;
  const results: CliResult[] = [];
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const result = await runCli(args(), { timeoutMs: 90_000, ...options.cli });
    results.push(result);
    if (result.code === 0 || result.code === 1) return results;
    if (result.code !== 3) {
      throw new Error(`run exited ${result.code} (${result.signal ?? 'no signal'}): ${result.stderr}`);
    }
    await options.between?.(result);
  }
  throw new Error(
    `the run never finished in ${maxAttempts} attempts:\n${results.map((r) => `exit ${r.code}: ${r.stderr.trim()}`).join('\n')}`,
  );
}

/** summary.json and outcomes.csv account for every data row of the export, object by object. */
export function checkAccounting(state: string, exp: Export): void {
  const summary = readSummary(state);
  const outcomes = readOutcomes(state);
  expect(assertSummaryConsistent(summary, outcomes), 'summary.json vs outcomes.csv').toEqual([]);
  for (const object of ['company', 'person', 'deal'] as const) {
    const s = summary.objects[object];
    const rows = exp.rows[object];
    if (rows === 0 && s === undefined) continue;
    expect(s, `summary.json has no ${object}`).toBeDefined();
    expect(s!.rows, `${object}: summary rows vs export data rows`).toBe(rows);
    expect(s!.created + s!.updated + s!.unchanged + s!.skipped + s!.failed, `${object}: outcomes`).toBe(rows);
  }
  expect(outcomes, 'outcomes.csv: one line per data row').toHaveLength(
    exp.rows.company + exp.rows.person + exp.rows.deal,
  );
}

/** The faulty run's end state equals the clean run's: same records, zero duplicates, every row accounted for. */
export function expectSameAsClean(
  dump: WorkspaceDump,
  state: string,
  exp: Export,
  reference: Reference,
  options: { noOpRerun?: boolean } = {},
): void {
  expect(duplicateKeys(dump), 'duplicates').toEqual([]);
  expect(canonical(dump)).toEqual(reference.canonical);
  checkAccounting(state, exp);
  const summary = readSummary(state);
  const expected = options.noOpRerun ? noOpOutcomes(reference.summary) : reference.summary.objects;
  expect(summary.objects, 'row outcomes vs the clean run').toEqual(expected);
  expect(summary.links, 'links vs the clean run').toEqual(reference.summary.links);
}

/**
 * The outcomes of a second, no-op run of the same export: what the clean run created or updated is unchanged.
 * (A run killed after its journal said finished, while it wrote its reports, is not resumed: the next `run` with
 * that --state is a new import of the same files, which changes nothing.)
 */
export function noOpOutcomes(summary: Summary): Summary['objects'] {
  return Object.fromEntries(
    Object.entries(summary.objects).map(([object, s]) => [
      object,
      { ...s, created: 0, updated: 0, unchanged: s.created + s.updated + s.unchanged },
    ]),
  );
}

export function stateDir(name: string): string {
  return tmpDir(`faults-${name}-`);
}

export function dbFile(): string {
  return join(tmpDir('faults-db-'), 'sandbox.db');
}

export function exitCodes(results: CliResult[]): Array<number | null> {
  return results.map((r) => r.code);
}
