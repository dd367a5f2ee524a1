import type { Command } from 'commander';
import { ImportError } from '../core/errors.js';
import { SANDBOX_CLI_FLAGS, type SandboxCliOptions, sandboxOptionsFromCli } from '../sandbox/cli-options.js';
import { startSandbox } from '../sandbox/index.js';

/** `clarify-import sandbox`: the local Clarify-compatible API, until Ctrl-C. */
export function registerSandboxCommand(program: Command, _setExit: (code: number) => void): void {
  const command = program.command('sandbox').description('start the local Clarify-compatible API server');
  for (const flag of SANDBOX_CLI_FLAGS) {
    if ('default' in flag) command.option(flag.flag, flag.description, flag.default);
    else command.option(flag.flag, flag.description);
  }
  command.action(async (cli: SandboxCliOptions) => {
    let options: ReturnType<typeof sandboxOptionsFromCli>;
    try {
      options = sandboxOptionsFromCli(cli);
    } catch (error) {
      throw new ImportError('USAGE', (error as Error).message);
    }
    const sandbox = await startSandbox(options).catch((error: NodeJS.ErrnoException) => {
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
