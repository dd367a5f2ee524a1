import type { Command } from 'commander';
import { startSandbox } from '../sandbox/index.js';

export function registerSandboxCommand(program: Command, _setExit: (code: number) => void): void {
  program
    .command('sandbox')
    .description('start the local Clarify-compatible API server')
    .option('--port <n>', 'port to listen on', '4010')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--workspace <slug>', 'workspace slug', 'demo')
    .option('--api-key <key>', 'API key clients must send', 'sandbox-key')
    .action(async (options: { port: string; host: string; workspace: string; apiKey: string }) => {
      const sandbox = await startSandbox({
        port: Number(options.port),
        host: options.host,
        workspace: options.workspace,
        apiKey: options.apiKey,
      });
      process.stdout.write(`Clarify sandbox listening on ${sandbox.url}\n`);
    });
}
