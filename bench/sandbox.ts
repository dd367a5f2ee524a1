/**
 * Sandbox throughput: bulk creates (batches of 25, a few in flight), listing with page[limit]=500,
 * and unique-key lookups (`filter[email_addresses][Contains]`), on an in-memory database over
 * real loopback HTTP. Returns figures; `bench/main.ts` collects them.
 */
import { pathToFileURL } from 'node:url';
import { startSandbox } from '../src/sandbox/index.js';

const RECORDS = 20_000;
const BATCH = 25;
const CONCURRENCY = 4;
const LOOKUPS = 500;
const HEADERS = { authorization: 'api-key sandbox-key', 'content-type': 'application/json' };

async function request(url: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(url, { ...init, headers: HEADERS });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text.slice(0, 200)}`);
  return text === '' ? undefined : JSON.parse(text);
}

export async function benchSandbox(): Promise<Record<string, number>> {
  const sandbox = await startSandbox({ port: 0 });
  const base = `${sandbox.url}/workspaces/demo/objects/person`;
  try {
    const batches: number[] = Array.from({ length: Math.ceil(RECORDS / BATCH) }, (_, i) => i);
    let started = performance.now();
    const worker = async () => {
      for (let b = batches.shift(); b !== undefined; b = batches.shift()) {
        const data = Array.from({ length: BATCH }, (_, i) => {
          const n = b * BATCH + i;
          return {
            type: 'person',
            attributes: {
              first_name: `First${n}`,
              last_name: `Last${n}`,
              email_addresses: { items: [`person${n}@example.com`] },
              status: 'Lead',
            },
          };
        });
        await request(`${base}/records/bulk`, { method: 'POST', body: JSON.stringify({ data }) });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const createMs = performance.now() - started;

    started = performance.now();
    let listed = 0;
    let next: string | null = `${base}/resources?page[limit]=500`;
    while (next) {
      const page = (await request(next)) as { data: unknown[]; links: { next: string | null } };
      listed += page.data.length;
      next = page.links.next;
    }
    const listMs = performance.now() - started;
    if (listed !== RECORDS) throw new Error(`listed ${listed} of ${RECORDS}`);

    started = performance.now();
    for (let i = 0; i < LOOKUPS; i++) {
      const email = `person${(i * 7919) % RECORDS}@example.com`;
      const page = (await request(`${base}/resources?filter[email_addresses][Contains]=${email}`)) as {
        data: unknown[];
      };
      if (page.data.length !== 1) throw new Error(`lookup ${email} found ${page.data.length}`);
    }
    const lookupMs = performance.now() - started;

    return {
      sandbox_bulk_create_records_per_s: Math.round(RECORDS / (createMs / 1000)),
      sandbox_list_records_per_s: Math.round(RECORDS / (listMs / 1000)),
      sandbox_unique_lookups_per_s: Math.round(LOOKUPS / (lookupMs / 1000)),
      sandbox_records: RECORDS,
    };
  } finally {
    await sandbox.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchSandbox().then(
    (figures) => process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
