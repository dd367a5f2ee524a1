import { readFileSync } from 'node:fs';
import type { SandboxOptions } from './options.js';
import { parseSchemaBody } from './schema/fields.js';

/**
 * `clarify-import sandbox` flags as commander hands them over (strings, camelCased), turned into
 * SandboxOptions. Every error names the flag and what it accepts, so the CLI can print it as is.
 */
export interface SandboxCliOptions {
  port?: string;
  host?: string;
  workspace?: string;
  apiKey?: string;
  db?: string;
  schema?: string;
  duplicates?: string;
  rateLimit?: string;
  latency?: string;
  faultRate?: string;
  lostResponseRate?: string;
  seed?: string;
}

/** Flag list for the CLI's help text; defaults match options.ts. */
export const SANDBOX_CLI_FLAGS = [
  { flag: '--port <n>', description: 'port to listen on (0 = any free port)', default: '4010' },
  { flag: '--host <host>', description: 'interface to bind', default: '127.0.0.1' },
  { flag: '--workspace <slug>', description: 'workspace slug', default: 'demo' },
  { flag: '--api-key <key>', description: 'API key clients must send', default: 'sandbox-key' },
  { flag: '--db <file>', description: 'SQLite file that persists across restarts (default in-memory)' },
  { flag: '--schema <file>', description: 'GET /schemas JSON body replacing the default schema' },
  {
    flag: '--duplicates <mode>',
    description: 'unique-key collision on create: reject | upsert',
    default: 'reject',
  },
  { flag: '--rate-limit <n>', description: 'requests per second per endpoint (429 when exceeded)' },
  { flag: '--latency <ms>', description: 'delay added to every API response' },
  { flag: '--fault-rate <0..1>', description: 'share of requests failing with 5xx before any write' },
  {
    flag: '--lost-response-rate <0..1>',
    description: 'share of requests committed, then the connection dropped',
  },
  { flag: '--seed <n>', description: 'seed of the fault-injection PRNG', default: '1' },
] as const;

function number(flag: string, raw: string, allowed: string, ok: (n: number) => boolean): number {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || !ok(value))
    throw new Error(`${flag}: expected ${allowed}, got ${JSON.stringify(raw)}`);
  return value;
}

const rate = (flag: string, raw: string) =>
  number(flag, raw, 'a number from 0 to 1', (n) => n >= 0 && n <= 1);

function readSchema(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`--schema: cannot read ${file}: ${(error as Error).message}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`--schema: ${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    parseSchemaBody(body);
  } catch (error) {
    throw new Error(`--schema: ${file} is not a GET /schemas body (${(error as Error).message})`);
  }
  return body;
}

export function sandboxOptionsFromCli(cli: SandboxCliOptions): SandboxOptions {
  const options: SandboxOptions = {};
  if (cli.port !== undefined) {
    options.port = number(
      '--port',
      cli.port,
      'an integer from 0 to 65535',
      (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
    );
  }
  if (cli.host !== undefined) {
    if (cli.host.trim() === '') throw new Error('--host: expected a host name or IP address');
    options.host = cli.host;
  }
  if (cli.workspace !== undefined) {
    if (!/^[A-Za-z0-9_-]+$/.test(cli.workspace))
      throw new Error('--workspace: expected letters, digits, - and _ only');
    options.workspace = cli.workspace;
  }
  if (cli.apiKey !== undefined) {
    if (cli.apiKey === '' || /\s/.test(cli.apiKey))
      throw new Error('--api-key: expected a non-empty key without spaces');
    options.apiKey = cli.apiKey;
  }
  if (cli.db !== undefined) options.dbFile = cli.db;
  if (cli.schema !== undefined) options.schema = readSchema(cli.schema);
  if (cli.duplicates !== undefined) {
    if (cli.duplicates !== 'reject' && cli.duplicates !== 'upsert') {
      throw new Error(`--duplicates: expected reject or upsert, got ${JSON.stringify(cli.duplicates)}`);
    }
    options.duplicates = cli.duplicates;
  }
  if (cli.rateLimit !== undefined) {
    options.rateLimit = number(
      '--rate-limit',
      cli.rateLimit,
      'a number of requests per second > 0',
      (n) => n > 0,
    );
  }
  if (cli.latency !== undefined) {
    options.latencyMs = number('--latency', cli.latency, 'milliseconds >= 0', (n) => n >= 0);
  }
  if (cli.faultRate !== undefined) options.faultRate = rate('--fault-rate', cli.faultRate);
  if (cli.lostResponseRate !== undefined)
    options.lostResponseRate = rate('--lost-response-rate', cli.lostResponseRate);
  if (cli.seed !== undefined) options.seed = number('--seed', cli.seed, 'an integer', Number.isInteger);
  return options;
}
