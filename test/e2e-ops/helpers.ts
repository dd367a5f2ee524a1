/**
 * Helpers for the verify and rollback end-to-end tests: the CLI runs as a child process
 * (`node dist/src/cli/main.js`) against a sandbox started in this test process, whose stats and dump the
 * tests read, and which they change over HTTP like a user in the app would.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DumpedRecord, RunningSandbox, SandboxOptions } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/src/cli/main.js');
export const FIXTURES = join(ROOT, 'test/fixtures');
export const WORKSPACE = 'ops-ws';
export const API_KEY = 'sk_ops_9d8c7b6a5f4e3d2c1b0a';

if (!existsSync(CLI)) {
  throw new Error(`${CLI} is missing: build first (npx tsc -p tsconfig.build.json)`);
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const tmpRoots: string[] = [];

export function tmpDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `clarify-ops-${prefix}`));
  tmpRoots.push(dir);
  return dir;
}

export function cleanupTmp(): void {
  for (const dir of tmpRoots.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Starts the CLI with stdin /dev/null (not a TTY: no prompt waits, confirmation is implied). */
export function spawnCli(args: string[]): { child: ChildProcess; done: Promise<CliResult> } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CLARIFY_API_KEY: API_KEY };
  delete env.CLARIFY_API_URL;
  delete env.CLARIFY_WORKSPACE;
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env,
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
  const done = new Promise<CliResult>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI timed out: ${args.join(' ')}\n${stderr}`));
    }, 90_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

export function runCli(args: string[]): Promise<CliResult> {
  return spawnCli(args).done;
}

export function sandboxFor(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, workspace: WORKSPACE, apiKey: API_KEY, ...options });
}

/** `--api-url`, `--workspace`, `--state`: where a command talks and keeps its journal. */
export function target(sandbox: RunningSandbox, state: string): string[] {
  return ['--api-url', sandbox.url, '--workspace', WORKSPACE, '--state', state];
}

export async function importExports(
  sandbox: RunningSandbox,
  state: string,
  paths: string[],
): Promise<CliResult> {
  return runCli(['run', ...paths, ...target(sandbox, state), '--yes', '--json']);
}

export function verify(sandbox: RunningSandbox, state: string, paths: string[]): Promise<CliResult> {
  return runCli(['verify', ...paths, ...target(sandbox, state), '--json']);
}

/** Calls the sandbox's API as the app (or a colleague) would; `path` is below the workspace. */
export async function api(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sandbox.url}/workspaces/${WORKSPACE}${path}`, {
    method,
    headers: { authorization: `api-key ${API_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export function items(value: unknown): string[] {
  if (value && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) {
    return (value as { items: string[] }).items;
  }
  return [];
}

export function records(sandbox: RunningSandbox, object: string): DumpedRecord[] {
  return sandbox.dump()[object] ?? [];
}

export function personByEmail(sandbox: RunningSandbox, email: string): DumpedRecord | undefined {
  return records(sandbox, 'person').find((p) => items(p.attributes.email_addresses).includes(email));
}

export function dealByName(sandbox: RunningSandbox, name: string): DumpedRecord | undefined {
  return records(sandbox, 'deal').find((d) => d.attributes.name === name);
}

export function companyByDomain(sandbox: RunningSandbox, domain: string): DumpedRecord | undefined {
  return records(sandbox, 'company').find((c) => items(c.attributes.domains).includes(domain));
}

/** Requests the sandbox answered with this method (all routes). */
export function methodCount(sandbox: RunningSandbox, method: string): number {
  return Object.entries(sandbox.stats().byRoute)
    .filter(([route]) => route.startsWith(`${method} `))
    .reduce((sum, [, n]) => sum + n, 0);
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}
