import type { Command } from 'commander';
import { ImportError } from '../core/errors.js';
import { SOURCE_NAMES, type SourceName } from '../core/source-adapter.js';

export const DEFAULT_API_URL = 'https://api.clarify.ai/v1';
export const DEFAULT_STATE_DIR = './clarify-import-state';

export interface CommonOptions {
  apiUrl?: string;
  workspace?: string;
  apiKeyFile?: string;
  state: string;
  mapping?: string;
  batchSize: string;
  source?: string;
  yes?: boolean;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  maxRps?: string;
  concurrency?: string;
  timeout?: string;
  matchOn?: boolean;
}

/** The options shared by plan, run and verify (design.md §2). */
export function addCommonOptions(command: Command): Command {
  return command
    .option('--api-url <url>', 'API base including /v1 (env CLARIFY_API_URL)')
    .option('--workspace <slug>', 'workspace slug (env CLARIFY_WORKSPACE)')
    .option('--api-key-file <file>', 'file holding the API key (else env CLARIFY_API_KEY, else a prompt)')
    .option('--state <dir>', 'journal and reports of this import', DEFAULT_STATE_DIR)
    .option('--mapping <file>', 'YAML mapping: columns → attributes, select-value maps, options')
    .option('--source <name>', `force the export format: ${SOURCE_NAMES.join('|')}`)
    .option('--batch-size <n>', 'records per bulk request, 1–25', '25')
    .option('--max-rps <n>', 'cap on requests per second (default: as fast as the API allows)')
    .option('--concurrency <n>', 'cap on requests in flight (default: adaptive, up to 16)')
    .option('--timeout <ms>', 'timeout of each HTTP request in milliseconds', '30000')
    .option(
      '--match-on',
      'send match_on on person/company creates: a record that appeared since the snapshot is updated, not refused',
    )
    .option('--yes', 'no confirmation prompt (implied when stdin is not a terminal)')
    .option('--json', 'print only the final summary, as JSON, on stdout')
    .option('--quiet', 'print nothing but errors')
    .option('--verbose', 'print more detail');
}

export function parseSource(value: string | undefined): SourceName | undefined {
  if (value === undefined) return undefined;
  if (!(SOURCE_NAMES as readonly string[]).includes(value)) {
    throw new ImportError('USAGE', `--source must be one of ${SOURCE_NAMES.join(', ')} (got "${value}")`);
  }
  return value as SourceName;
}

export function parseIntegerOption(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new ImportError('USAGE', `${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return number;
}

export function resolveTarget(options: CommonOptions): { apiUrl: string; workspace: string } {
  const apiUrl = (options.apiUrl ?? process.env.CLARIFY_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, '');
  const workspace = options.workspace ?? process.env.CLARIFY_WORKSPACE;
  if (!workspace) {
    throw new ImportError('USAGE', 'no workspace given', {
      hint: 'pass --workspace <slug> or set CLARIFY_WORKSPACE (the slug is in the app URL: app.clarify.ai/<slug>)',
    });
  }
  return { apiUrl, workspace };
}
