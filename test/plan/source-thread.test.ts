import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWorkspaceSchema } from '../../src/clarify/index.js';
import { ImportError } from '../../src/core/errors.js';
import { DEFAULT_MAPPING } from '../../src/core/mapping.js';
import { inspectCsv } from '../../src/read/index.js';
import type { PreparedEvent, SourceSetup } from '../../src/run/source-events.js';
import { BATCH_EVENTS } from '../../src/run/source-messages.js';
import { openSourceEvents } from '../../src/run/source-thread.js';
import { writeHubSpotSample } from '../../src/samples/index.js';
import { defaultSchemaBody } from '../../src/sandbox/schema/default-schema.js';
import { detectSource } from '../../src/sources/index.js';

// The built worker (npm test builds before it tests): the test runner loads the TypeScript sources, and
// a worker thread cannot, so the threaded path is checked against the compiled one.
const WORKER = pathToFileURL(join(import.meta.dirname, '../../dist/src/run/source-worker.js'));
const FIXTURES = join(import.meta.dirname, '../fixtures');
const schema = parseWorkspaceSchema(defaultSchemaBody());

async function setupFor(paths: string[]): Promise<SourceSetup> {
  const files = [];
  for (const path of paths) files.push({ path, headers: (await inspectCsv(path)).headers });
  const adapter = detectSource(files, undefined, DEFAULT_MAPPING).adapter.name;
  return { files, adapter, mapping: DEFAULT_MAPPING, schema };
}

async function collect(batches: AsyncIterable<readonly PreparedEvent[]>): Promise<PreparedEvent[]> {
  const all: PreparedEvent[] = [];
  for await (const batch of batches) all.push(...batch);
  return all;
}

const SETS = {
  hubspot: [
    'hubspot/hubspot-crm-exports-all-companies-2024-05-01.csv',
    'hubspot/hubspot-crm-exports-all-contacts-2024-05-01.csv',
    'hubspot/hubspot-crm-exports-all-deals-2024-05-01.csv',
  ],
  salesforce: [
    'salesforce/Account.csv',
    'salesforce/Contact.csv',
    'salesforce/Lead.csv',
    'salesforce/Opportunity.csv',
    'salesforce/OpportunityContactRole.csv',
  ],
  pipedrive: ['pipedrive/organizations.csv', 'pipedrive/people.csv', 'pipedrive/deals.csv'],
};

describe('export reading on a worker thread', () => {
  it('has the built worker to test', () => {
    expect(existsSync(WORKER)).toBe(true);
  });

  for (const [source, files] of Object.entries(SETS)) {
    it(`gives the same events, in the same order, as reading in this thread (${source}), whichever thread normalizes`, async () => {
      const setup = await setupFor(files.map((file) => join(FIXTURES, file)));
      expect(setup.adapter).toBe(source);
      const inThread = await collect(openSourceEvents(setup, { inThread: true }));
      expect(inThread.filter((event) => event.kind === 'record').length).toBeGreaterThan(3);
      for (const normalizeOn of ['either', 'worker', 'main'] as const) {
        const threaded = await collect(openSourceEvents(setup, { workerUrl: WORKER, normalizeOn }));
        expect(threaded, normalizeOn).toEqual(inThread);
      }
    });
  }

  it('gives the same events over many batches, normalized on either thread as the load goes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clarify-thread-'));
    try {
      const { files } = await writeHubSpotSample(dir, {
        contacts: 3000,
        companies: 300,
        deals: 600,
        seed: 3,
        problems: true,
      });
      const setup = await setupFor([files.companies, files.contacts, files.deals]);
      const inThread = await collect(openSourceEvents(setup, { inThread: true }));
      expect(inThread.length).toBeGreaterThan(BATCH_EVENTS * 6);
      const threaded = await collect(openSourceEvents(setup, { workerUrl: WORKER, normalizeOn: 'either' }));
      expect(threaded).toEqual(inThread);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('passes an input error from the worker on with its code, so the exit code stays 2', async () => {
    const setup = await setupFor([join(FIXTURES, SETS.pipedrive[0]!)]);
    setup.files.push({ path: join(FIXTURES, 'pipedrive/gone.csv'), headers: setup.files[0]!.headers });
    const error = await collect(openSourceEvents(setup, { workerUrl: WORKER })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('INPUT');
    expect((error as ImportError).message).toContain('gone.csv');
  });

  it('stops the worker when the reader stops early', async () => {
    const setup = await setupFor(SETS.hubspot.map((file) => join(FIXTURES, file)));
    const stream = openSourceEvents(setup, { workerUrl: WORKER });
    expect(stream.threaded).toBe(true);
    const events = stream[Symbol.asyncIterator]();
    expect((await events.next()).done).toBe(false);
    await events.return?.(undefined);
    expect((await events.next()).done).toBe(true);
  });

  it('stops a worker that was started but never read (the snapshot failed, say)', async () => {
    const setup = await setupFor(SETS.hubspot.map((file) => join(FIXTURES, file)));
    const stream = openSourceEvents(setup, { workerUrl: WORKER });
    await stream.close();
    await expect(collect(stream)).rejects.toThrow(/thread stopped/);
  });
});
