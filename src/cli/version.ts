import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The version in package.json: two folders up from the sources (src/cli), three from the build
 * (dist/src/cli). Read at run time so the build needs no JSON import.
 */
export function packageVersion(): string {
  for (const relative of ['../../../package.json', '../../package.json']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (!existsSync(path)) continue;
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === 'clarify-import' && manifest.version) return manifest.version;
  }
  return 'unknown';
}
