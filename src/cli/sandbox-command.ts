import type { Command } from 'commander';
import { ImportError } from '../core/errors.js';
import { SANDBOX_CLI_FLAGS, type SandboxCliOptions, sandboxOptionsFromCli } from '../sandbox/cli-options.js';
import { fetchSchemaBody, saveSchemaBody } from './schema-from.js';

type SandboxCommandOptions = SandboxCliOptions & {
  schemaFrom?: string;
  saveSchema?: string;
  apiKeyFile?: string;
};

/** `clarify-import sandbox`: the local Clarify-compatible API, until Ctrl-C. */
export function registerSandboxCommand(program: Command, _setExit: (code: number) => void): void {
  const command = program.command('sandbox').description('start the local Clarify-compatible API server');
  for (const flag of SANDBOX_CLI_FLAGS) {
    if ('default' in flag) command.option(flag.flag, flag.description, flag.default);
    else command.option(flag.flag, flag.description);
  }
  command
    .option(
      '--schema-from <api-url>',
      'read GET /schemas of the real workspace --workspace at this API URL (key: env CLARIFY_API_KEY or --api-key-file) and serve that schema',
    )
    .option('--api-key-file <file>', 'file holding the key of the real API, for --schema-from')
    .option(
      '--save-schema <file>',
      'also write the schema body read by --schema-from, for a later --schema <file>',
    );
  command.action(async (cli: SandboxCommandOptions) => {
    let options: ReturnType<typeof sandboxOptionsFromCli>;
    if (cli.schemaFrom && cli.schema) {
      throw new ImportError('USAGE', '--schema-from and --schema both give the schema: pass one of them');
    }
    if (cli.saveSchema && !cli.schemaFrom) {
      throw new ImportError('USAGE', '--save-schema needs --schema-from <api-url>');
    }
    try {
      options = sandboxOptionsFromCli(cli);
    } catch (error) {
      throw new ImportError('USAGE', (error as Error).message);
    }
    if (cli.schemaFrom) {
      // --workspace is both the real workspace read here and the sandbox's own slug.
      const body = await fetchSchemaBody(cli.schemaFrom, options.workspace ?? 'demo', cli.apiKeyFile);
      if (cli.saveSchema) saveSchemaBody(cli.saveSchema, body);
      options.schema = body;
    }
    const sandbox = await (await loadSandbox())
      .startSandbox(options)
      .catch((error: NodeJS.ErrnoException) => {
        throw new ImportError('CONFIG', `cannot start the sandbox: ${error.message}`, {
          hint:
            error.code === 'EADDRINUSE'
              ? 'another process uses this port: pass --port <n> (0 = any free port)'
              : undefined,
        });
      });
    process.stdout.write(
      `Clarify sandbox listening on ${sandbox.url} (workspace "${options.workspace ?? 'demo'}"${options.dbFile ? `, database ${options.dbFile}` : ', in-memory'}) — Ctrl-C to stop\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await sandbox.close();
  });
}

/** The server (fastify and the sandbox's store) loads only for the commands that start one: plan and run start faster. */
function loadSandbox(): Promise<typeof import('../sandbox/index.js')> {
  return import('../sandbox/index.js');
}
