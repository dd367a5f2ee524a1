import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const KEY = 'sk_prompt_T0P_SECRET_91c2';
const state = mkdtempSync(join(tmpdir(), 'clarify-prompt-'));

afterAll(() => rmSync(state, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the API key typed at the prompt', () => {
  it('is asked for on a terminal when neither env nor file gives it, not echoed, and never written', async () => {
    const sandbox = await startSandbox({ port: 0, workspace: 'prompt', apiKey: KEY });
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
      delete env.CLARIFY_API_KEY;
      const command = [process.execPath, CLI, 'plan', join(ROOT, 'samples/hubspot')]
        .concat(['--api-url', sandbox.url, '--workspace', 'prompt', '--state', state])
        .map((part) => `'${part}'`)
        .join(' ');
      // util-linux `script` gives the CLI a pseudo-terminal, as a person at a shell would have.
      const child = spawn('script', ['-qec', command, '/dev/null'], { env });
      let screen = '';
      let typed = false;
      child.stdout.on('data', (chunk: Buffer) => {
        screen += chunk.toString();
        if (!typed && screen.includes('Clarify API key:')) {
          typed = true;
          child.stdin.write(`${KEY}\r`);
        }
      });
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect(typed).toBe(true);
      expect(code, screen).toBe(0);
      expect(screen).toContain('Plan (hubspot) — nothing was written:');
      expect(screen).not.toContain(KEY);
      for (const file of filesUnder(state)) {
        expect(readFileSync(file).includes(Buffer.from(KEY)), file).toBe(false);
      }
    } finally {
      await sandbox.close();
    }
  });
});
