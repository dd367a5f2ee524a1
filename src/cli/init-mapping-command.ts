import type { Command } from 'commander';

export interface InitMappingOptions {
  apiUrl?: string;
  workspace?: string;
  apiKeyFile?: string;
  timeout?: string;
  mapping?: string;
  source?: string;
  out: string;
  force?: boolean;
  offline?: boolean;
  schemaFile?: string;
  quiet?: boolean;
}

export const DEFAULT_MAPPING_FILE = 'clarify-mapping.yaml';

/** `clarify-import init-mapping <path...>`: writes a commented mapping for the detected exports. */
export function registerInitMappingCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('init-mapping')
    .description('write a commented YAML mapping (columns, select values, options) for the exports')
    .argument('<path...>', 'export files or directories of them')
    .option('--out <file>', 'where to write the mapping', DEFAULT_MAPPING_FILE)
    .option('--force', 'overwrite --out if it exists')
    .option('--api-url <url>', 'API base including /v1 (env CLARIFY_API_URL)')
    .option('--workspace <slug>', 'workspace slug (env CLARIFY_WORKSPACE)')
    .option('--api-key-file <file>', 'file holding the API key (else env CLARIFY_API_KEY, else a prompt)')
    .option('--timeout <ms>', 'timeout of each HTTP request in milliseconds', '30000')
    .option('--offline', 'do not call the API: read the schema from --schema-file')
    .option(
      '--schema-file <file>',
      'a GET /schemas JSON body to use instead of the workspace (implies --offline)',
    )
    .option('--mapping <file>', 'start from this mapping (needed for a generic export: its files: section)')
    .option('--source <name>', 'force the export format: hubspot|salesforce|pipedrive|generic')
    .option('--quiet', 'print nothing but errors')
    .action(async (paths: string[], options: InitMappingOptions) => {
      // Loaded when asked for: the YAML writer and the schema library are no part of the other commands' start.
      const { initMappingCommand } = await import('./init-mapping-run.js');
      setExit(await initMappingCommand(paths, options));
    });
}
