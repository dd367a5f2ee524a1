import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  type ClientConfig,
  createClient,
  type RequestInfo,
  UncertainOutcome,
} from '../../src/clarify/index.js';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';

const KEY = 'sk-resilience-SECRET';
const sandboxes: RunningSandbox[] = [];
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20 };

async function setup(options: SandboxOptions = {}, clientOptions: Partial<ClientConfig> = {}) {
  const sandbox = await startSandbox({ port: 0, workspace: 'acme', apiKey: KEY, ...options });
  sandboxes.push(sandbox);
  const infos: RequestInfo[] = [];
  const client = createClient({
    baseUrl: sandbox.url,
    workspace: 'acme',
    apiKey: KEY,
    retry: FAST_RETRY,
    onRequest: (i) => infos.push(i),
    ...clientOptions,
  });
  return { sandbox, client, infos };
}

afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
});

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

const companies = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `C${i}`, domains: { items: [`c${i}.test`] } }));

describe('retries, uncertainty, timeouts and pacing against the sandbox', () => {
  it('retries idempotent requests through injected 5xx faults and counts every attempt', async () => {
    const { sandbox, client } = await setup(
      { faultRate: 0.4, seed: 42, seedRecords: { company: companies(12) } },
      { retry: { ...FAST_RETRY, maxAttempts: 10 } },
    );
    for (let round = 0; round < 5; round++) {
      let n = 0;
      for await (const _ of client.listAll('company', { pageSize: 5 })) n++;
      expect(n).toBe(12);
    }
    const seen = sandbox.stats();
    const mine = client.stats();
    expect(seen.faults.serverErrors).toBeGreaterThan(0);
    expect(mine.retries).toBe(seen.faults.serverErrors);
    expect(mine.requests).toBe(seen.requests);
    expect(mine.requests).toBe(15 + mine.retries);
    expect(mine.serverErrors).toBe(seen.faults.serverErrors);
  });

  it('never resends a bulk create after a 5xx that may have come after the commit', async () => {
    const { sandbox, client } = await setup({ faultRate: 1, seed: 3 });
    const err = await caught(client.bulkCreate('company', companies(3)));
    expect(err).toBeInstanceOf(UncertainOutcome);
    expect(err).toMatchObject({ label: 'uncertain', attempts: 1 });
    expect(sandbox.stats().byRoute['POST /objects/:object/records/bulk']).toBe(1);
    expect(client.stats().uncertain).toBe(1);
  });

  it('a lost response on a POST is an UncertainOutcome; the records exist and nothing was resent', async () => {
    const { sandbox, client } = await setup({ lostResponseRate: 1 });
    const err = await caught(client.bulkCreate('company', companies(2)));
    expect(err).toBeInstanceOf(UncertainOutcome);
    expect((err as UncertainOutcome).reason).toBe('connection_reset');
    expect(sandbox.stats().faults.lostResponses).toBe(1);
    expect(sandbox.dump().company).toHaveLength(2); // committed: the caller must reconcile, not resend
    expect(client.stats().requests).toBe(1);

    // An idempotent GET is retried until the policy gives up: transient, a NETWORK error.
    const get = (await caught(client.getSchemas())) as ApiError;
    expect(get).toBeInstanceOf(ApiError);
    expect(get).toMatchObject({ label: 'transient', code: 'NETWORK', attempts: 6 });
    expect(sandbox.stats().faults.lostResponses).toBe(7);
  });

  it('times out slow requests: GETs are retried then reported transient, creates are uncertain', async () => {
    const { sandbox, client, infos } = await setup(
      { latencyMs: 400 },
      { timeoutMs: 100, retry: { ...FAST_RETRY, maxAttempts: 2 } },
    );
    const started = Date.now();
    const get = (await caught(client.getSchemas())) as ApiError;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(get).toMatchObject({ label: 'transient', reason: 'timeout', attempts: 2 });
    expect(infos.filter((i) => i.reason === 'timeout')).toHaveLength(2);

    const post = (await caught(client.bulkCreate('company', companies(1)))) as UncertainOutcome;
    expect(post).toBeInstanceOf(UncertainOutcome);
    expect(post.reason).toBe('timeout');
    expect(client.stats().timeouts).toBe(3);
    await new Promise((r) => setTimeout(r, 500));
    expect(sandbox.dump().company).toHaveLength(1); // the server did commit it
  });

  it('honours 429 Retry-After: retries after the pause, creates included (429 is never processed)', async () => {
    const { sandbox, client, infos } = await setup(
      { rateLimit: 2 },
      { initialConcurrency: 8, concurrency: 8 },
    );
    const started = Date.now();
    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        client.bulkCreate('company', [{ name: `R${i}`, domains: { items: [`r${i}.test`] } }]),
      ),
    );
    const elapsed = Date.now() - started;
    expect(ids.flat()).toHaveLength(6);
    expect(sandbox.dump().company).toHaveLength(6); // no duplicates, no losses
    // 2 per second with a burst of 2: the last 4 need at least ~2 s.
    expect(elapsed).toBeGreaterThanOrEqual(1500);
    const throttled = sandbox.stats().faults.rateLimited;
    expect(client.stats().throttled).toBe(throttled);
    // After a 429 with Retry-After: 1, nothing is sent to the server for about a second.
    expect(throttled).toBeGreaterThanOrEqual(1); // 6 at once against a burst of 2
    expect(throttled).toBeLessThanOrEqual(4); // then the pause and the learned rate prevent more
    for (const info of infos.filter((i) => i.status === 429)) {
      expect(info.action).toBe('retry');
      expect(info.delayMs).toBeGreaterThanOrEqual(1000);
    }
  });

  it('paces near the server rate limit without a storm of 429s', async () => {
    const rate = 25;
    const { sandbox, client } = await setup(
      { rateLimit: rate, seedRecords: { company: companies(1) } },
      { concurrency: 16 },
    );
    const [only] = sandbox.dump().company!;
    const total = 100;
    const started = Date.now();
    await Promise.all(Array.from({ length: total }, () => client.getRecord('company', only!.id)));
    const seconds = (Date.now() - started) / 1000;
    // Burst of `rate`, then `rate` per second: the ideal is (total - rate) / rate = 3 s.
    const ideal = (total - rate) / rate;
    expect(seconds).toBeGreaterThan(ideal * 0.8);
    expect(seconds).toBeLessThan(ideal * 2);
    expect(sandbox.stats().faults.rateLimited).toBeLessThanOrEqual(5);
    expect(client.stats().requests).toBe(total + client.stats().retries);
  });

  it('maxRps caps the request rate even when the server has no limit', async () => {
    const { sandbox, client } = await setup({ seedRecords: { company: companies(1) } }, { maxRps: 10 });
    const [only] = sandbox.dump().company!;
    const started = Date.now();
    await Promise.all(Array.from({ length: 25 }, () => client.getRecord('company', only!.id)));
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(1.3); // burst 10, then 15 at 10/s
    expect(seconds).toBeLessThan(5);
  });

  it('caps requests in flight at the configured concurrency', async () => {
    const { sandbox, client } = await setup(
      { latencyMs: 30, seedRecords: { company: companies(1) } },
      { concurrency: 3, initialConcurrency: 3 },
    );
    const [only] = sandbox.dump().company!;
    await Promise.all(Array.from({ length: 20 }, () => client.getRecord('company', only!.id)));
    expect(client.stats().maxInFlight).toBe(3);
  });
});
