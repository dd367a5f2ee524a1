import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ImportError } from '../core/errors.js';

/**
 * The API key comes from the environment, a file, or a prompt — never from a flag value (flags end up in shell
 * history and process lists). It is returned to the caller and never logged.
 */
export async function resolveApiKey(options: { apiKeyFile?: string }): Promise<string> {
  if (options.apiKeyFile) {
    let key: string;
    try {
      key = readFileSync(options.apiKeyFile, 'utf8').trim();
    } catch {
      throw new ImportError('CONFIG', `${options.apiKeyFile}: cannot read the API key file`, {
        hint: 'check the --api-key-file path and its permissions',
      });
    }
    if (!key) throw new ImportError('CONFIG', `${options.apiKeyFile}: the API key file is empty`);
    return key;
  }
  const fromEnv = process.env.CLARIFY_API_KEY?.trim();
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY && process.stderr.isTTY) return promptHidden('Clarify API key: ');
  throw new ImportError('CONFIG', 'no API key given', {
    hint: 'set CLARIFY_API_KEY or pass --api-key-file <file> (create a key in Clarify under Settings → API Keys)',
  });
}

async function promptHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void };
  process.stderr.write(question);
  output._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  if (!answer.trim()) throw new ImportError('CONFIG', 'no API key entered');
  return answer.trim();
}
