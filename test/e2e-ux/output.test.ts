import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const EXPORTS = join(ROOT, 'samples/hubspot');
const KEY = 'ux-test-key';
const tmpRoots: string[] = [];

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clarify-ux-'));
  tmpRoots.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tmpRoots) rmSync(dir, { recursive: true, force: true });
});

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; with `tty`, inside a pseudo-terminal made by util-linux `script` (stdout+stderr merged). */
function cli(args: string[], options: { tty?: boolean; input?: string; env?: Record<string, string> } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, CLARIFY_API_KEY: KEY, ...options.env };
  if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
  const command = [process.execPath, CLI, ...args]
    .map((part) => `'${part.replace(/'/g, "'\\''")}'`)
    .join(' ');
  const child = options.tty
    ? spawn('script', ['-qec', command, '/dev/null'], { env })
    : spawn(process.execPath, [CLI, ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  if (options.input !== undefined) {
    // Answer once the prompt is up (a pty drops input typed before the program reads it).
    const timer = setInterval(() => {
      if (/\[y\/N\]/.test(stdout + stderr)) {
        clearInterval(timer);
        child.stdin.write(options.input);
      }
    }, 50);
    child.on('exit', () => clearInterval(timer));
  } else if (!options.tty) child.stdin.end();
  return new Promise<Result>((done) => {
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, workspace: 'ux', apiKey: KEY, latencyMs: 15 });
});

afterAll(async () => {
  await sandbox?.close();
});

const target = () => ['--api-url', sandbox.url, '--workspace', 'ux'];
const countAll = () => Object.values(sandbox.dump()).reduce((sum, records) => sum + records.length, 0);

describe('what a person sees', () => {
  it('asks before writing on a terminal; "n" writes nothing and exits 4', async () => {
    const before = countAll();
    const result = await cli(['run', EXPORTS, ...target(), '--state', tmp()], { tty: true, input: 'n\n' });
    expect(result.stdout).toContain('Write this to workspace ux? [y/N]');
    expect(result.stdout).toContain('Nothing was written.');
    expect(result.code).toBe(4);
    expect(countAll()).toBe(before);
  });

  it('shows a progress bar per phase with counts, rate and ETA on a terminal, in colour unless NO_COLOR', async () => {
    const coloured = await cli(['run', EXPORTS, ...target(), '--state', tmp(), '--yes'], { tty: true });
    expect(coloured.code, coloured.stdout).toBe(0);
    for (const phase of ['companies', 'people', 'deals', 'links']) {
      expect(coloured.stdout).toMatch(new RegExp(`${phase}\\s+\\x1b\\[36m[█░]+`));
    }
    expect(coloured.stdout).toMatch(/\d+\/\d+ batches {2}[\d.]+\/s {2}ETA \d+s/);
    const plain = await cli(['run', EXPORTS, ...target(), '--state', tmp(), '--yes'], {
      tty: true,
      env: { NO_COLOR: '1' },
    });
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toMatch(/\x1b\[\d+m/);
  });

  it('prints plain progress lines when not on a terminal, nothing with --quiet, only JSON with --json', async () => {
    const state = tmp();
    const piped = await cli(['plan', EXPORTS, ...target(), '--state', state]);
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toMatch(/\x1b\[/);
    expect(piped.stdout).toContain('Plan (hubspot) — nothing was written:');
    expect(piped.stdout).toContain(`Plan: ${join(state, 'plan.jsonl')} (a line per row: what would be sent)`);
    const status = await cli(['status', '--state', state]);
    expect(status.stdout).toContain(
      `This is a plan: nothing was written. It is in ${join(state, 'plan.jsonl')}, to read.`,
    );
    // run does not execute the file: status must not suggest it does.
    expect(status.stdout).toContain(
      'plans again against the workspace as it is then, and does not read that file',
    );

    const quiet = await cli(['run', EXPORTS, ...target(), '--state', tmp(), '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe('');

    const json = await cli(['run', EXPORTS, ...target(), '--state', state, '--json']);
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout);
    expect(summary).toEqual(JSON.parse(readFileSync(join(state, 'report', 'summary.json'), 'utf8')));
  });

  it('logs progress lines every few seconds in a pipe', async () => {
    const slow = await startSandbox({ port: 0, workspace: 'ux', apiKey: KEY, latencyMs: 60, rateLimit: 20 });
    try {
      const result = await cli([
        'run',
        EXPORTS,
        '--api-url',
        slow.url,
        '--workspace',
        'ux',
        '--state',
        tmp(),
      ]);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/^people: \d+\/\d+ batches/m);
      expect(result.stderr).toMatch(/^links: \d+\/\d+ deals/m);
    } finally {
      await slow.close();
    }
  });

  it('prints its version with --version (and -V), the one in package.json, and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await cli([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(version);
    }
  });
});
