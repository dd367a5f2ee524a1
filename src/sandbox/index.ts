// Placeholder until the sandbox lands: the CLI and tests import this module's API.
export interface SandboxOptions {
  port?: number;
  host?: string;
  workspace?: string;
  apiKey?: string;
  dbFile?: string;
  schema?: unknown;
  duplicates?: 'reject' | 'upsert';
  rateLimit?: number;
  latencyMs?: number;
  faultRate?: number;
  lostResponseRate?: number;
  seed?: number;
}

export interface RunningSandbox {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:4010/v1`. */
  url: string;
  close(): Promise<void>;
}

export async function startSandbox(_options: SandboxOptions): Promise<RunningSandbox> {
  throw new Error('sandbox not implemented yet');
}
