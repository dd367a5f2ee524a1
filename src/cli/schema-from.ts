import { writeFileSync } from 'node:fs';
import { createClient } from '../clarify/index.js';
import { ImportError } from '../core/errors.js';
import { resolveApiKey } from './api-key.js';

/**
 * The raw `GET /schemas` body of a real workspace, for `sandbox --schema-from`. Several pages (links.next)
 * are folded into one body, the shape `--schema <file>` takes.
 */
export async function fetchSchemaBody(
  apiUrl: string,
  workspace: string,
  apiKeyFile?: string,
): Promise<unknown> {
  const apiKey = await resolveApiKey({ apiKeyFile });
  const client = createClient({ baseUrl: apiUrl.replace(/\/+$/, ''), workspace, apiKey });
  const { raw } = await client.getSchemas();
  if (raw.length === 1) return raw[0];
  const data = raw.flatMap((page) => {
    const items = (page as { data?: unknown }).data;
    return Array.isArray(items) ? items : items === undefined ? [] : [items];
  });
  return { data, links: { next: null } };
}

/** Writes a schema body for a later `sandbox --schema <file>` (or `init-mapping --schema-file`). */
export function saveSchemaBody(file: string, body: unknown): void {
  try {
    writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  } catch (error) {
    throw new ImportError('CONFIG', `--save-schema: cannot write ${file}: ${(error as Error).message}`);
  }
}
