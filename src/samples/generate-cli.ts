#!/usr/bin/env node
/**
 * Writes a generated HubSpot export:
 *   node dist/src/samples/generate-cli.js --dir DIR [--contacts N] [--companies N] [--deals N] [--seed S] [--no-problems]
 * Defaults are the bundled demo set (40 companies, 120 contacts, 60 deals, seed 42, problems planted).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_SAMPLE_OPTIONS, type HubSpotSampleOptions, writeHubSpotSample } from './hubspot-generator.js';

const USAGE =
  'usage: generate-cli --dir DIR [--contacts N] [--companies N] [--deals N] [--seed S] [--no-problems]';

function count(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!/^\d[\d_]*$/.test(raw) || !Number.isSafeInteger(value)) {
    throw new Error(`--${name} must be a whole number, got "${raw}".\n${USAGE}`);
  }
  return value;
}

export function parseGenerateArgs(argv: string[]): { dir: string; options: HubSpotSampleOptions } {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: 'string' },
      contacts: { type: 'string' },
      companies: { type: 'string' },
      deals: { type: 'string' },
      seed: { type: 'string' },
      'no-problems': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  if (!values.dir) throw new Error(`--dir is required.\n${USAGE}`);
  const seedRaw = values.seed;
  const seed = seedRaw === undefined ? DEMO_SAMPLE_OPTIONS.seed : Number(seedRaw);
  if (!Number.isSafeInteger(seed))
    throw new Error(`--seed must be a whole number, got "${seedRaw}".\n${USAGE}`);
  return {
    dir: values.dir,
    options: {
      companies: count('companies', values.companies, DEMO_SAMPLE_OPTIONS.companies),
      contacts: count('contacts', values.contacts, DEMO_SAMPLE_OPTIONS.contacts),
      deals: count('deals', values.deals, DEMO_SAMPLE_OPTIONS.deals),
      seed,
      problems: !values['no-problems'],
    },
  };
}

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseGenerateArgs>;
  try {
    parsed = parseGenerateArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const started = process.hrtime.bigint();
  const { files, planted } = await writeHubSpotSample(parsed.dir, parsed.options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { companies, contacts, deals } = parsed.options;
  const rows = companies + contacts + deals;
  process.stdout.write(
    `${files.companies}\n${files.contacts}\n${files.deals}\n` +
      `${rows} rows in ${seconds.toFixed(2)} s (${Math.round(rows / Math.max(seconds, 1e-9))} rows/s)\n` +
      `planted: ${JSON.stringify(planted)}\n`,
  );
  return 0;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
