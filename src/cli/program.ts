import { Command } from 'commander';
import { EXIT, ImportError } from '../core/errors.js';
import { registerDemoCommand } from './demo-command.js';
import { registerInitMappingCommand } from './init-mapping-command.js';
import { registerPlanCommand } from './plan-command.js';
import { registerRollbackCommand } from './rollback-command.js';
import { registerRunCommand } from './run-command.js';
import { registerSandboxCommand } from './sandbox-command.js';
import { registerStatusCommand } from './status-command.js';
import { registerVerifyCommand } from './verify-command.js';
import { packageVersion } from './version.js';

/** Builds the command tree; each command lives in its own file and returns an exit code. */
export async function runCli(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name('clarify-import')
    .description('Migrate HubSpot, Salesforce and Pipedrive CSV exports into Clarify.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError()
    .exitOverride();
  const setExit = (code: number) => {
    exitCode = code;
  };
  registerPlanCommand(program, setExit);
  registerRunCommand(program, setExit);
  registerStatusCommand(program, setExit);
  registerInitMappingCommand(program, setExit);
  registerVerifyCommand(program, setExit);
  registerRollbackCommand(program, setExit);
  registerSandboxCommand(program, setExit);
  registerDemoCommand(program, setExit);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return reportError(error);
  }
}

/** The one error boundary: every failure that stops a command ends here with a message and an exit code. */
function reportError(error: unknown): number {
  if (error instanceof ImportError) {
    process.stderr.write(`error: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
    return error.exitCode;
  }
  const commanderError = error as { code?: string; exitCode?: number };
  if (typeof commanderError.code === 'string' && commanderError.code.startsWith('commander.')) {
    const helpShown = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(
      commanderError.code,
    );
    return helpShown ? EXIT.ok : EXIT.usage;
  }
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.aborted;
}
