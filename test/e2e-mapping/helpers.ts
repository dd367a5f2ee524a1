/** The CLI as a child process (`node dist/src/cli/main.js`, built beforehand) against in-process sandboxes. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/src/cli/main.js');
export const FIXTURES = join(ROOT, 'test/fixtures');
export const API_KEY = 'sk_mapping_test_key';

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p tsconfig.build.json)`);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CLARIFY_API_KEY: API_KEY, ...env };
  delete childEnv.CLARIFY_API_URL;
  delete childEnv.CLARIFY_WORKSPACE;
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

const dirs: string[] = [];
export function tmpDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clarify-mapping-'));
  dirs.push(dir);
  return dir;
}
export function cleanupTmp(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface Summary {
  objects: Record<string, Record<string, number>>;
  links: Record<string, Record<string, number>>;
}
export function readSummary(state: string): Summary {
  return JSON.parse(readFileSync(join(state, 'report/summary.json'), 'utf8')) as Summary;
}
