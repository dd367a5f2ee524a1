import { assertSafeBaseUrl, createClient } from '../clarify/index.js';
import type { DeleteApi, WriteApi } from '../run/api-port.js';
import { deleteApi, snapshotApi, writeApi } from '../run/clarify-port.js';
import type { SnapshotApi } from '../run/snapshot-port.js';
import { StateLock } from '../run/state-lock.js';
import { resolveApiKey } from './api-key.js';
import { type CommonOptions, parseIntegerOption, resolveTarget } from './common-options.js';

export interface Connection {
  snapshot: SnapshotApi;
  write: WriteApi;
  /** Deletes, for rollback. */
  remove: DeleteApi;
  workspace: string;
  /** API URL and workspace, for journals and reports; never the key. */
  target: string;
}

/**
 * Connects for a command that works in `--state`, and takes the state's lock. A busy state is said first,
 * before any key prompt or request; the lock itself is taken once connected, so a command that cannot connect
 * leaves no state directory behind.
 */
export async function connectWithStateLock(
  options: CommonOptions,
  command: string,
): Promise<{ connection: Connection; lock: StateLock }> {
  StateLock.ensureFree(options.state);
  const connection = await connect(options);
  return { connection, lock: StateLock.acquire(options.state, command) };
}

/** Builds the API client from the common options: URL safety, key from env/file/prompt, pacing caps. */
export async function connect(options: CommonOptions): Promise<Connection> {
  const { apiUrl, workspace } = resolveTarget(options);
  assertSafeBaseUrl(apiUrl);
  const apiKey = await resolveApiKey(options);
  const client = createClient({
    baseUrl: apiUrl,
    workspace,
    apiKey,
    timeoutMs: parseIntegerOption('--timeout', options.timeout, 100, 600_000),
    maxRps: parseIntegerOption('--max-rps', options.maxRps, 1, 100_000),
    concurrency: parseIntegerOption('--concurrency', options.concurrency, 1, 256),
  });
  return {
    snapshot: snapshotApi(client),
    write: writeApi(client, { matchOn: Boolean(options.matchOn) }),
    remove: deleteApi(client),
    workspace,
    target: `${apiUrl} workspace ${workspace}`,
  };
}
