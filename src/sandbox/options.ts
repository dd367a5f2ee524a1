/**
 * Options of the sandbox server. Every field is optional; `resolveOptions` fills the defaults and
 * rejects nonsense early so a typo in a test or on the command line fails loudly at start-up.
 */
export interface SeedRecords {
  company?: Record<string, unknown>[];
  person?: Record<string, unknown>[];
  deal?: Record<string, unknown>[];
}

export interface SandboxOptions {
  /** TCP port; 0 picks an ephemeral one (the real port then shows in `url`). Default 4010. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Workspace slug in `/v1/workspaces/{slug}`. Default `demo`. */
  workspace?: string;
  /** Key clients must send as `Authorization: api-key KEY`. Default `sandbox-key`. */
  apiKey?: string;
  /** SQLite file that persists across restarts; undefined = in-memory. */
  dbFile?: string;
  /** A parsed `GET /schemas` body that replaces the default schema. */
  schema?: unknown;
  /** What a create does on a unique-key collision without `match_on`: 400 (`reject`) or update (`upsert`). */
  duplicates?: 'reject' | 'upsert';
  /** Requests per second per endpoint (token bucket, one second of burst); undefined = unlimited. */
  rateLimit?: number;
  /** Delay added before every API response, in milliseconds. */
  latencyMs?: number;
  /** Probability (0..1) that an API request fails with a 5xx before anything is written. */
  faultRate?: number;
  /** Probability (0..1) that a successful request is committed and then its connection dropped. */
  lostResponseRate?: number;
  /** Seed of the PRNG behind fault injection; the same seed and request order give the same faults. Default 1. */
  seed?: number;
  /** Largest accepted request body in bytes; bigger → 413. Default 10 MiB (10 * 1024 * 1024). */
  maxBodyBytes?: number;
  /** Most records per bulk request. Default 25. */
  maxBulk?: number;
  /** Largest `page[limit]`. Default 500. */
  maxPageLimit?: number;
  /** Emit `links.next`/`links.prev` on this origin (e.g. `http://elsewhere.invalid`) to test client robustness. */
  nextLinkOrigin?: string;
  /** Records inserted at start (validated like a create), e.g. a workspace that already holds data. */
  seedRecords?: SeedRecords;
  /** Whether deal names collide exactly or ignoring case. Default `exact`. */
  dealNameMatch?: 'exact' | 'case-insensitive';
}

export interface ResolvedOptions {
  port: number;
  host: string;
  workspace: string;
  apiKey: string;
  dbFile: string | undefined;
  schema: unknown;
  duplicates: 'reject' | 'upsert';
  rateLimit: number | undefined;
  latencyMs: number;
  faultRate: number;
  lostResponseRate: number;
  seed: number;
  maxBodyBytes: number;
  maxBulk: number;
  maxPageLimit: number;
  nextLinkOrigin: string | undefined;
  seedRecords: SeedRecords;
  dealNameMatch: 'exact' | 'case-insensitive';
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(`sandbox option ${message}`);
}

function isRate(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && n <= 1;
}

export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: options.port ?? 4010,
    host: options.host ?? '127.0.0.1',
    workspace: options.workspace ?? 'demo',
    apiKey: options.apiKey ?? 'sandbox-key',
    dbFile: options.dbFile,
    schema: options.schema,
    duplicates: options.duplicates ?? 'reject',
    rateLimit: options.rateLimit,
    latencyMs: options.latencyMs ?? 0,
    faultRate: options.faultRate ?? 0,
    lostResponseRate: options.lostResponseRate ?? 0,
    seed: options.seed ?? 1,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxBulk: options.maxBulk ?? 25,
    maxPageLimit: options.maxPageLimit ?? 500,
    nextLinkOrigin: options.nextLinkOrigin,
    seedRecords: options.seedRecords ?? {},
    dealNameMatch: options.dealNameMatch ?? 'exact',
  };
  const r = resolved;
  check(Number.isInteger(r.port) && r.port >= 0 && r.port <= 65535, 'port: an integer 0..65535');
  check(r.host.length > 0, 'host: must not be empty');
  check(/^[A-Za-z0-9_-]+$/.test(r.workspace), 'workspace: letters, digits, - and _ only');
  check(r.apiKey.length > 0 && !/\s/.test(r.apiKey), 'apiKey: non-empty, no spaces');
  check(r.duplicates === 'reject' || r.duplicates === 'upsert', 'duplicates: reject or upsert');
  check(
    r.rateLimit === undefined || (Number.isFinite(r.rateLimit) && r.rateLimit > 0),
    'rateLimit: a number > 0',
  );
  check(Number.isFinite(r.latencyMs) && r.latencyMs >= 0, 'latencyMs: a number >= 0');
  check(isRate(r.faultRate), 'faultRate: a number 0..1');
  check(isRate(r.lostResponseRate), 'lostResponseRate: a number 0..1');
  check(Number.isFinite(r.seed), 'seed: a number');
  check(Number.isInteger(r.maxBodyBytes) && r.maxBodyBytes > 0, 'maxBodyBytes: an integer > 0');
  check(Number.isInteger(r.maxBulk) && r.maxBulk > 0, 'maxBulk: an integer > 0');
  check(Number.isInteger(r.maxPageLimit) && r.maxPageLimit > 0, 'maxPageLimit: an integer > 0');
  check(
    r.dealNameMatch === 'exact' || r.dealNameMatch === 'case-insensitive',
    'dealNameMatch: exact or case-insensitive',
  );
  if (r.nextLinkOrigin !== undefined) {
    check(/^https?:\/\/[^/?#]+$/.test(r.nextLinkOrigin), 'nextLinkOrigin: an origin like http://host[:port]');
  }
  return resolved;
}
