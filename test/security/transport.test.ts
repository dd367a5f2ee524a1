/**
 * Security: the key only travels over HTTPS (plain http only to loopback), and the sandbox started through the
 * CLI binds 127.0.0.1 and serves one workspace to one key.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { BAD, CLI, cleanupTmp, ROOT, runCli, tmpDir } from '../bad-input/helpers.js';

const KEY = 'sk_transport_T3ST_5e6f7a8b9c0d';
afterAll(() => cleanupTmp());

describe('--api-url', () => {
  it('plain http to a remote host is refused with exit 2 before the key is sent, saying HTTPS is required', async () => {
    const state = tmpDir('insecure');
    const result = await runCli(
      [
        'plan',
        join(BAD, 'tab'),
        '--api-url',
        'http://example.com/v1',
        '--workspace',
        'acme',
        '--state',
        state,
      ],
      { env: { CLARIFY_API_KEY: KEY } },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('http://example.com');
    expect(result.stderr).toMatch(/not https/i);
    expect(result.stderr).toMatch(/use an https:\/\/ URL/i);
    expect(result.stderr).not.toContain(KEY);
  });

  it('plain http to loopback is allowed: http://localhost:<port>/v1 of a sandbox plans with exit 0', async () => {
    const sandbox = await startSandbox({ port: 0, workspace: 'acme', apiKey: KEY });
    try {
      const state = tmpDir('loopback');
      const result = await runCli(
        [
          'plan',
          join(BAD, 'tab'),
          '--api-url',
          `http://localhost:${sandbox.port}/v1`,
          '--workspace',
          'acme',
          '--state',
          state,
        ],
        { env: { CLARIFY_API_KEY: KEY } },
      );
      expect(result.stderr).not.toMatch(/not https/i);
      expect(result.code, result.stderr).toBe(0);
    } finally {
      await sandbox.close();
    }
  });
});

describe('the sandbox started by the CLI', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('binds 127.0.0.1 by default; another workspace slug → 404, a wrong key → 401', async () => {
    child = spawn(
      process.execPath,
      [CLI, 'sandbox', '--port', '0', '--workspace', 'sec-ws', '--api-key', KEY],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const banner = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 20_000);
      child!.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('\n')) {
          clearTimeout(timer);
          resolve(out);
        }
      });
      child!.on('exit', (code) => reject(new Error(`sandbox exited ${code}: ${out}`)));
    });
    const url = /http:\/\/(\S+?):(\d+)\/v1/.exec(banner);
    expect(url, banner).not.toBeNull();
    expect(url![1]).toBe('127.0.0.1');
    expect(banner).not.toContain(KEY);
    const base = url![0];
    const get = (path: string, key: string) =>
      fetch(`${base}${path}`, { headers: { Authorization: `api-key ${key}` } }).then((r) => r.status);
    expect(await get('/workspaces/sec-ws/schemas', KEY)).toBe(200);
    expect(await get('/workspaces/other-ws/schemas', KEY)).toBe(404);
    expect(await get('/workspaces/sec-ws/schemas', 'wrong-key')).toBe(401);

    // Not reachable through a non-loopback interface, when the machine has one.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) {
      const reachable = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: external.address, port: Number(url![2]) });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      expect(reachable).toBe(false);
    }
  });
});
