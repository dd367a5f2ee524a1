/** Runs the built CLI (`dist/src/cli/main.js`) as a child process against a sandbox, and reads its summary. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildResult, runChild } from './child.js';

/** From dist/bench/cli.js to dist/src/cli/main.js. */
export const CLI_ENTRY = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

export interface Summary {
  objects: Record<string, Record<string, number>>;
  links: { deal_people: { linked: number; failed: number } };
  requests: number;
  duration_ms: number;
}

export interface CliRun extends ChildResult {
  summary: Summary;
}

/** `clarify-import <command> <paths> --api-url --workspace --state --yes --json [extra]`; throws unless exit 0. */
export async function runCli(
  command: 'plan' | 'run',
  paths: string[],
  target: { apiUrl: string; workspace: string; apiKey: string; state: string },
  extra: string[] = [],
): Promise<CliRun> {
  const args = [
    CLI_ENTRY,
    command,
    ...paths,
    '--api-url',
    target.apiUrl,
    '--workspace',
    target.workspace,
    '--state',
    target.state,
    '--yes',
    '--json',
    ...extra,
  ];
  const result = await runChild(process.execPath, args, {
    env: { ...process.env, CLARIFY_API_KEY: target.apiKey },
  });
  if (result.code !== 0) {
    throw new Error(
      `clarify-import ${command} exited with ${result.code}: ${result.stderr.trim().slice(-2000) || result.stdout.slice(-2000)}`,
    );
  }
  const summary = JSON.parse(readFileSync(join(target.state, 'report', 'summary.json'), 'utf8')) as Summary;
  return { ...result, summary };
}
