/**
 * Issue test 7 (secrets), applied at the end of every e2e file: the API key must appear in no file under any
 * --state directory (or other temporary directory) the file used, nor in anything the CLI printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { API_KEY, allOutputs, cleanupTmp, filesUnder, liveTmpDirs } from './helpers.js';

export function leaksIn(dirs: Iterable<string>, outputs: string[], key = API_KEY): string[] {
  const found: string[] = [];
  const needle = Buffer.from(key);
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const file of filesUnder(dir)) {
      if (readFileSync(file).includes(needle)) found.push(file);
    }
  }
  outputs.forEach((text, i) => {
    if (text.includes(key)) found.push(`CLI output #${i}: ${text.slice(0, 200)}`);
  });
  return found;
}

/** Call in afterAll, after closing sandboxes: checks every tracked tmp dir and output, then removes the dirs. */
export function assertNoLeaks(): void {
  try {
    expect(allOutputs.length).toBeGreaterThan(0);
    expect(leaksIn(liveTmpDirs(), allOutputs)).toEqual([]);
  } finally {
    cleanupTmp();
  }
}
