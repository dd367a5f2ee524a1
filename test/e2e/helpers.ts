/**
 * End-to-end helpers: the CLI runs as a real child process (`node dist/src/cli/main.js`) against a sandbox
 * started in the test process, so tests can read the sandbox's stats and dump its final contents.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DumpedRecord, RunningSandbox, SandboxOptions, WorkspaceDump } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/src/cli/main.js');
export const FIXTURES = join(ROOT, 'test/fixtures');
export const WORKSPACE = 'e2e-ws';
/** A recognisable key, so a leak is easy to grep for. */
export const API_KEY = 'sk_e2e_S3CRET_7f3a9b2c4d5e6f708192a3b4';

if (!existsSync(CLI)) {
  throw new Error(`${CLI} is missing: build first (npx tsc -p tsconfig.build.json; npm test does it)`);
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Every stdout/stderr the CLI printed in this test process, for the secrets check. */
export const allOutputs: string[] = [];

const tmpRoots: string[] = [];

export function tmpDir(prefix = 'e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), `clarify-${prefix}`));
  tmpRoots.push(dir);
  return dir;
}

/** Every temporary directory (state dirs, export copies) this test file created and has not removed. */
export function liveTmpDirs(): string[] {
  return [...tmpRoots];
}

export function cleanupTmp(): void {
  for (const dir of tmpRoots.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  /** Omit CLARIFY_API_KEY from the environment. */
  noKey?: boolean;
  timeoutMs?: number;
}

function childEnv(options: CliOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CLARIFY_API_URL;
  delete env.CLARIFY_WORKSPACE;
  env.CLARIFY_API_KEY = options.noKey ? undefined : API_KEY;
  if (options.noKey) delete env.CLARIFY_API_KEY;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Starts the CLI; stdin is /dev/null (not a TTY), so no prompt ever waits. */
export function spawnCli(
  args: string[],
  options: CliOptions = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: childEnv(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timeoutMs = options.timeoutMs ?? 90_000;
  const done = new Promise<CliResult>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI timed out after ${timeoutMs} ms: ${args.join(' ')}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      allOutputs.push(stdout, stderr);
      resolvePromise({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
  return { child, done };
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return spawnCli(args, options).done;
}

/** `run` arguments against a sandbox. */
export function runArgs(
  sandbox: RunningSandbox,
  state: string,
  paths: string[],
  extra: string[] = [],
): string[] {
  return [
    'run',
    ...paths,
    '--api-url',
    sandbox.url,
    '--workspace',
    WORKSPACE,
    '--state',
    state,
    '--yes',
    '--json',
    ...extra,
  ];
}

export async function sandboxFor(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, workspace: WORKSPACE, apiKey: API_KEY, ...options });
}

// ---------------------------------------------------------------------------------------------- reports

export interface ObjectSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

export interface Summary {
  source: string;
  objects: Record<string, ObjectSummary>;
  links: { deal_people: { linked: number; failed: number } };
  requests: number;
  duration_ms: number;
  /** Extra keys of a run (see src/report/types.ts). */
  not_sent?: Record<string, number>;
  links_unchanged?: { deal_people: number };
}

export function readSummary(state: string): Summary {
  return JSON.parse(readFileSync(join(state, 'report', 'summary.json'), 'utf8')) as Summary;
}

export type CsvRow = Record<string, string>;

export function readCsv(file: string): CsvRow[] {
  let text = readFileSync(file, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true }) as CsvRow[];
}

export function readOutcomes(state: string): CsvRow[] {
  return readCsv(join(state, 'report', 'outcomes.csv'));
}

export function readErrors(state: string): CsvRow[] {
  return readCsv(join(state, 'report', 'errors.csv'));
}

/** Asserts summary.json's internal consistency and returns per-object outcome tallies from outcomes.csv. */
export function tallyOutcomes(outcomes: CsvRow[]): Record<string, Record<string, number>> {
  const tally: Record<string, Record<string, number>> = {};
  for (const row of outcomes) {
    const object = row.object ?? '?';
    const action = row.action ?? '?';
    tally[object] ??= {};
    tally[object][action] = (tally[object][action] ?? 0) + 1;
  }
  return tally;
}

/** Data rows of a CSV file (records, so multi-line cells count once). */
export function dataRows(file: string): number {
  return readCsv(file).length;
}

export function copyFixtures(vendor: string): string {
  const dir = tmpDir(`${vendor}-copy-`);
  cpSync(join(FIXTURES, vendor), dir, { recursive: true });
  return dir;
}

/** Every file under a directory, recursively. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ stats

export function postCount(sandbox: RunningSandbox): number {
  return Object.entries(sandbox.stats().byRoute)
    .filter(([route]) => route.startsWith('POST '))
    .reduce((sum, [, n]) => sum + n, 0);
}

export function methodCount(sandbox: RunningSandbox, method: string): number {
  return Object.entries(sandbox.stats().byRoute)
    .filter(([route]) => route.startsWith(`${method} `))
    .reduce((sum, [, n]) => sum + n, 0);
}

// ------------------------------------------------------------------------------------------------- dump

export function items(value: unknown): string[] {
  if (value && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) {
    return (value as { items: string[] }).items;
  }
  return [];
}

/** Helpers to find a dumped record by its natural key. */
export class Dump {
  constructor(readonly raw: WorkspaceDump) {}

  get companies(): DumpedRecord[] {
    return this.raw.company ?? [];
  }
  get people(): DumpedRecord[] {
    return this.raw.person ?? [];
  }
  get deals(): DumpedRecord[] {
    return this.raw.deal ?? [];
  }

  companyByDomain(domain: string): DumpedRecord | undefined {
    const found = this.companies.filter((c) => items(c.attributes.domains).includes(domain));
    if (found.length > 1) throw new Error(`two companies hold domain ${domain}`);
    return found[0];
  }
  companyByName(name: string): DumpedRecord[] {
    return this.companies.filter((c) => c.attributes.name === name);
  }
  personByEmail(email: string): DumpedRecord | undefined {
    const found = this.people.filter((p) => items(p.attributes.email_addresses).includes(email));
    if (found.length > 1) throw new Error(`two people hold email ${email}`);
    return found[0];
  }
  peopleByName(first: string, last: string): DumpedRecord[] {
    return this.people.filter((p) => p.attributes.first_name === first && p.attributes.last_name === last);
  }
  dealsByName(name: string): DumpedRecord[] {
    return this.deals.filter((d) => d.attributes.name === name);
  }
  companyOf(record: DumpedRecord): DumpedRecord | undefined {
    const id = record.attributes.company_id;
    if (typeof id !== 'string') return undefined;
    return this.companies.find((c) => c.id === id);
  }
  dealPeopleEmails(deal: DumpedRecord): string[] {
    return (deal.relationships.people ?? [])
      .map((id) => this.people.find((p) => p.id === id))
      .map((p) => (p ? (items(p.attributes.email_addresses)[0] ?? `<no email ${p.id}>`) : '<dangling>'))
      .sort();
  }
}

/** Values shared by two or more records: the duplicates the product must never create. */
export function duplicateKeys(dump: WorkspaceDump): string[] {
  const problems: string[] = [];
  const seen = (label: string, keys: string[]) => {
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    for (const [k, n] of counts) if (n > 1) problems.push(`${label} ${k} ×${n}`);
  };
  seen(
    'person email',
    (dump.person ?? []).flatMap((p) => items(p.attributes.email_addresses).map((e) => e.toLowerCase())),
  );
  seen(
    'company domain',
    (dump.company ?? []).flatMap((c) => items(c.attributes.domains).map((d) => d.toLowerCase())),
  );
  seen(
    'deal name',
    (dump.deal ?? []).map((d) => String(d.attributes.name)),
  );
  return problems;
}

/**
 * The workspace without ids and timestamps: each record keyed by its natural key (company by domains or name,
 * person by email or name, deal by name), company_id replaced by the company's key, deal people by their keys.
 * Two runs that wrote the same data produce the same canonical form.
 */
export function canonical(dump: WorkspaceDump): Record<string, Record<string, unknown>> {
  const companyKey = new Map<string, string>();
  for (const c of dump.company ?? []) {
    const domains = [...items(c.attributes.domains)].sort();
    companyKey.set(
      c.id,
      domains.length ? `domains:${domains.join(',')}` : `name:${String(c.attributes.name)}`,
    );
  }
  const personKey = new Map<string, string>();
  for (const p of dump.person ?? []) {
    const emails = [...items(p.attributes.email_addresses)].sort();
    personKey.set(
      p.id,
      emails.length
        ? `email:${emails.join(',')}`
        : `name:${String(p.attributes.first_name)} ${String(p.attributes.last_name)}@${companyKey.get(String(p.attributes.company_id)) ?? '-'}`,
    );
  }
  const out: Record<string, Record<string, unknown>> = {};
  const put = (object: string, key: string, value: unknown) => {
    out[object] ??= {};
    let k = key;
    for (let i = 2; k in out[object]; i++) k = `${key}#${i}`;
    out[object][k] = value;
  };
  const clean = (attributes: Record<string, unknown>) => {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b))) {
      if (k.startsWith('_')) continue;
      if (k === 'company_id') copy[k] = typeof v === 'string' ? (companyKey.get(v) ?? `<dangling ${v}>`) : v;
      else copy[k] = v;
    }
    return copy;
  };
  for (const c of dump.company ?? []) put('company', companyKey.get(c.id)!, clean(c.attributes));
  for (const p of dump.person ?? []) put('person', personKey.get(p.id)!, clean(p.attributes));
  for (const d of dump.deal ?? []) {
    put('deal', `name:${String(d.attributes.name)}`, {
      ...clean(d.attributes),
      people: (d.relationships.people ?? []).map((id) => personKey.get(id) ?? `<dangling ${id}>`).sort(),
      companies: (d.relationships.companies ?? [])
        .map((id) => companyKey.get(id) ?? `<dangling ${id}>`)
        .sort(),
    });
  }
  return out;
}

/** Outcome counts per object, to compare with summary.json. */
export function assertSummaryConsistent(summary: Summary, outcomes: CsvRow[]): string[] {
  const problems: string[] = [];
  const tally = tallyOutcomes(outcomes);
  for (const [object, s] of Object.entries(summary.objects)) {
    const sum = s.created + s.updated + s.unchanged + s.skipped + s.failed;
    if (sum !== s.rows) problems.push(`${object}: rows ${s.rows} != sum of outcomes ${sum}`);
    const t = tally[object] ?? {};
    for (const action of ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const) {
      if ((t[action] ?? 0) !== s[action]) {
        problems.push(`${object}: summary ${action}=${s[action]} but outcomes.csv has ${t[action] ?? 0}`);
      }
    }
    const lines = Object.values(t).reduce((a, b) => a + b, 0);
    if (lines !== s.rows)
      problems.push(`${object}: summary rows ${s.rows} but outcomes.csv has ${lines} lines`);
  }
  return problems;
}
