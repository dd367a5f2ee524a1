/**
 * The sandbox: a local Clarify-compatible REST API on an embedded SQLite database. It is the
 * independent referee of our API client, so it imports nothing from the client side (src/clarify,
 * src/run, src/plan...). See options.ts for every knob.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { dumpWorkspace, type WorkspaceDump } from './dump.js';
import { buildApp } from './http/app.js';
import { type SandboxStats, StatsRecorder } from './http/stats.js';
import { resolveOptions, type SandboxOptions } from './options.js';
import { defaultSchemaBody } from './schema/default-schema.js';
import { parseSchemaBody } from './schema/fields.js';
import { relationshipsFor } from './schema/relationships.js';
import { insertSeedRecords } from './seed-records.js';
import { openDb } from './store/db.js';
import { LinkStore } from './store/links.js';
import { RecordStore } from './store/records.js';
import { Workspace } from './write/workspace.js';

export type { DumpedRecord, WorkspaceDump } from './dump.js';
export type { SandboxStats } from './http/stats.js';
export { DEFAULT_MAX_BODY_BYTES, type SandboxOptions, type SeedRecords } from './options.js';

export interface SandboxControls {
  stats(): SandboxStats;
  resetStats(): void;
  dump(): WorkspaceDump;
}

/** The fastify instance, not listening, with the controls attached as `app.sandbox`. */
export type SandboxApp = FastifyInstance & { sandbox: SandboxControls };

export interface RunningSandbox extends SandboxControls {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:4010/v1`. */
  url: string;
  /** The port actually bound (useful with `port: 0`). */
  port: number;
  close(): Promise<void>;
}

/** Builds the app without listening (for `app.inject` tests). Throws an Error on invalid options. */
export function buildSandboxApp(input: SandboxOptions = {}): SandboxApp {
  const options = resolveOptions(input);
  const schemaBody = options.schema ?? defaultSchemaBody();
  const schema = parseSchemaBody(schemaBody);
  const db = openDb(options.dbFile);
  const ws = new Workspace(schema, relationshipsFor(schema), new RecordStore(db), new LinkStore(db), options);
  try {
    insertSeedRecords(ws, options.seedRecords);
  } catch (error) {
    db.close();
    throw error;
  }
  const stats = new StatsRecorder();
  const app = buildApp({ options, ws, schemaBody, stats });
  app.addHook('onClose', async () => {
    db.close();
  });
  const controls: SandboxControls = {
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    dump: () => dumpWorkspace(ws),
  };
  app.decorate('sandbox', controls);
  return app as SandboxApp;
}

/** Starts the sandbox on host:port (default 127.0.0.1:4010; port 0 = ephemeral). */
export async function startSandbox(input: SandboxOptions = {}): Promise<RunningSandbox> {
  const options = resolveOptions(input);
  const app = buildSandboxApp(input);
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/v1`,
    port,
    close: () => app.close(),
    ...app.sandbox,
  };
}
