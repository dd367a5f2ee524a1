import { createInterface } from 'node:readline';

/** Asks before writing to a workspace; `--yes` or a non-interactive stdin answers yes (design.md §2). */
export async function confirm(question: string, options: { yes?: boolean }): Promise<boolean> {
  if (options.yes || !process.stdin.isTTY) return true;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise<string>((resolve) => rl.question(`${question} [y/N] `, resolve));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}
