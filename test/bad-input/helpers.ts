/**
 * Bad-input corpus helpers: the CLI runs as a real process (`node dist/src/cli/main.js`) against a sandbox
 * started in this test process, so a test can read the reports it wrote and dump what reached the workspace.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import type { DumpedRecord, RunningSandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/src/cli/main.js');
export const BAD = join(ROOT, 'test/fixtures/bad');
export const WORKSPACE = 'bad-input-ws';
/** Distinctive, so a leak would be easy to find. */
export const API_KEY = 'sk_bad_input_K3Y_9d8c7b6a5f4e3d2c1b0a';

if (!existsSync(CLI)) {
  throw new Error(`${CLI} is missing: build first (npx tsc -p tsconfig.build.json; npm test does it)`);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** Runs the CLI to completion; stdin is /dev/null (not a TTY), so no prompt ever waits. */
export function runCli(args: string[], options: SpawnOptions = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CLARIFY_API_KEY: API_KEY };
  delete env.CLARIFY_API_URL;
  delete env.CLARIFY_WORKSPACE;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI timed out after ${timeoutMs} ms: ${args.join(' ')}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

const tmpRoots: string[] = [];

export function tmpDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `clarify-bad-${prefix}-`));
  tmpRoots.push(dir);
  return dir;
}

export function cleanupTmp(): void {
  for (const dir of tmpRoots.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function sandboxFor(): Promise<RunningSandbox> {
  return startSandbox({ port: 0, workspace: WORKSPACE, apiKey: API_KEY });
}

export type CsvRow = Record<string, string>;

export function readCsv(file: string): CsvRow[] {
  let text = readFileSync(file, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parse(text, { columns: true, skip_empty_lines: true }) as CsvRow[];
}

export interface Summary {
  source: string;
  objects: Record<
    string,
    { rows: number; created: number; updated: number; unchanged: number; skipped: number; failed: number }
  >;
}

export interface Imported extends CliResult {
  state: string;
  /** False when the command stopped before writing reports (exit 2). */
  hasReports: boolean;
  outcomes: CsvRow[];
  errors: CsvRow[];
  summary: Summary | undefined;
  html: string;
}

/** `plan` or `run` of `paths` against the sandbox, in a fresh --state; reads the reports if there are any. */
export async function importCli(
  command: 'plan' | 'run',
  sandbox: RunningSandbox,
  paths: string[],
  extra: string[] = [],
): Promise<Imported> {
  const state = tmpDir(command);
  const result = await runCli([
    command,
    ...paths,
    '--api-url',
    sandbox.url,
    '--workspace',
    WORKSPACE,
    '--state',
    state,
    '--yes',
    ...extra,
  ]);
  const report = join(state, 'report');
  const hasReports = existsSync(join(report, 'summary.json'));
  return {
    ...result,
    state,
    hasReports,
    outcomes: hasReports ? readCsv(join(report, 'outcomes.csv')) : [],
    errors: hasReports ? readCsv(join(report, 'errors.csv')) : [],
    summary: hasReports
      ? (JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')) as Summary)
      : undefined,
    html: hasReports ? readFileSync(join(report, 'report.html'), 'utf8') : '',
  };
}

/** The raw lines of a report file, for checks on escaping (a CSV parser would hide the leading quote). */
export function reportText(state: string, name: 'outcomes.csv' | 'errors.csv'): string {
  return readFileSync(join(state, 'report', name), 'utf8');
}

/**
 * No row lost: outcomes.csv has exactly one line per data row of each file (`rowsPerFile`), with the expected
 * action per source line, and summary.json's counts add up.
 */
export function expectEveryRowAccounted(
  imported: Imported,
  expected: Record<string, Record<number, string>>,
): void {
  expect(imported.hasReports, `no reports: exit ${imported.code}\n${imported.stderr}`).toBe(true);
  const actual: Record<string, Record<number, string>> = {};
  for (const row of imported.outcomes) {
    const file = row.source_file!;
    const name = file.slice(file.lastIndexOf('/') + 1);
    actual[name] ??= {};
    expect(
      actual[name][Number(row.source_line)],
      `two outcomes for ${name}:${row.source_line}`,
    ).toBeUndefined();
    actual[name][Number(row.source_line)] = row.action!;
  }
  expect(actual).toEqual(expected);
  for (const [object, s] of Object.entries(imported.summary!.objects)) {
    expect(s.created + s.updated + s.unchanged + s.skipped + s.failed, object).toBe(s.rows);
  }
}

export function items(value: unknown): string[] {
  if (value && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) {
    return (value as { items: string[] }).items;
  }
  return [];
}

export function people(sandbox: RunningSandbox): DumpedRecord[] {
  return sandbox.dump().person ?? [];
}

export function personByEmail(sandbox: RunningSandbox, email: string): DumpedRecord | undefined {
  return people(sandbox).find((p) => items(p.attributes.email_addresses).includes(email));
}

export function recordCount(sandbox: RunningSandbox): number {
  return Object.values(sandbox.dump()).reduce((n, records) => n + (records?.length ?? 0), 0);
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
