import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js';
import { defaultSchemaBody } from '../../src/sandbox/schema/default-schema.js';
import { API_KEY, CLI, cleanupTmp, ROOT, tmpDir } from './helpers.js';

const WORKSPACE = 'real-ws';
const SANDBOX_KEY = 'local-sandbox-key';

/** The default schema plus a custom select field on deals, as a real workspace might have. */
function customSchema(): unknown {
  const body = defaultSchemaBody() as unknown as {
    data: { attributes: { $id: string; properties: Record<string, unknown> } }[];
  };
  const deal = body.data.find((entity) => entity.attributes.$id === 'entities/deal');
  if (!deal) throw new Error('no deal entity in the default schema');
  deal.attributes.properties.lead_source = {
    type: ['string', 'null'],
    title: 'Lead source',
    enum: ['Web', 'Referral', 'Trade show'],
  };
  return body;
}

let real: RunningSandbox;
const children: ChildProcess[] = [];

beforeAll(async () => {
  real = await startSandbox({ port: 0, workspace: WORKSPACE, apiKey: API_KEY, schema: customSchema() });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await real.close();
  cleanupTmp();
});

/** Spawns `clarify-import sandbox …` and resolves with its banner URL. */
function spawnSandbox(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  const child = spawn(process.execPath, [CLI, 'sandbox', ...args], { cwd: ROOT, env: childEnv });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const url = out.match(/http:\/\/[^\s]+\/v1/)?.[0];
      if (url) resolve({ child, url });
    });
    child.stderr?.on('data', (chunk) => {
      err += chunk;
    });
    child.on('close', (code) => reject(new Error(`sandbox exited with ${code}: ${err}`)));
  });
}

async function schemasOf(url: string, workspace: string, key: string): Promise<unknown> {
  const response = await fetch(`${url}/workspaces/${workspace}/schemas`, {
    headers: { Authorization: `api-key ${key}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('close', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('sandbox --schema-from', () => {
  it('serves the real workspace schema (custom select included) and saves it with --save-schema', async () => {
    const saved = join(tmpDir(), 'schema.json');
    const { child, url } = await spawnSandbox(
      [
        '--port',
        '0',
        '--schema-from',
        real.url,
        '--workspace',
        WORKSPACE,
        '--api-key',
        SANDBOX_KEY,
        '--save-schema',
        saved,
      ],
      { CLARIFY_API_KEY: API_KEY },
    );
    const expected = await schemasOf(real.url, WORKSPACE, API_KEY);
    const served = await schemasOf(url, WORKSPACE, SANDBOX_KEY);
    expect(served).toEqual(expected);
    expect(JSON.stringify(served)).toContain('Trade show');
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(expected);
    expect(await stop(child)).toBe(0);

    // The saved body starts a sandbox with the same schema later, offline.
    const again = await spawnSandbox(
      ['--port', '0', '--schema', saved, '--workspace', 'x', '--api-key', SANDBOX_KEY],
      {},
    );
    expect(await schemasOf(again.url, 'x', SANDBOX_KEY)).toEqual(expected);
    expect(await stop(again.child)).toBe(0);
  });

  it('without a key for the real API: a configuration error, no sandbox', async () => {
    const env = { ...process.env };
    delete env.CLARIFY_API_KEY;
    const child = spawn(
      process.execPath,
      [CLI, 'sandbox', '--port', '0', '--schema-from', real.url, '--workspace', WORKSPACE],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('no API key given');
  });

  it('a wrong key for the real API: an auth error', async () => {
    const dir = tmpDir();
    const keyFile = join(dir, 'key');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(keyFile, 'wrong-key\n');
    const child = spawn(
      process.execPath,
      [
        CLI,
        'sandbox',
        '--port',
        '0',
        '--schema-from',
        real.url,
        '--workspace',
        WORKSPACE,
        '--api-key-file',
        keyFile,
      ],
      { cwd: ROOT, env: { ...process.env, CLARIFY_API_KEY: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(3);
    expect(stderr).not.toContain('wrong-key');
  });
});
