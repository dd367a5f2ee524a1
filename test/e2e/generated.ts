import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tmpDir } from './helpers.js';

export interface GeneratedExport {
  dir: string;
  files: string[];
}

/** A generated HubSpot export (src/samples/generate-cli) in a fresh temporary directory. */
export function generateHubSpot(options: {
  contacts: number;
  companies: number;
  deals: number;
  seed: number;
}): GeneratedExport {
  const dir = tmpDir('generated-');
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'dist/src/samples/generate-cli.js'),
      '--dir',
      dir,
      '--contacts',
      String(options.contacts),
      '--companies',
      String(options.companies),
      '--deals',
      String(options.deals),
      '--seed',
      String(options.seed),
    ],
    { stdio: 'pipe' },
  );
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(dir, f));
  if (files.length !== 3) throw new Error(`generator wrote ${files.length} files in ${dir}`);
  return { dir, files };
}
