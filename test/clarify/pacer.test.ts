import { describe, expect, it } from 'vitest';
import { Pacer, type Permit } from '../../src/clarify/pacer.js';

const ok = { signal: 'ok' as const, latencyMs: 10 };

function tick(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

describe('Pacer (AIMD concurrency, pauses, buckets)', () => {
  it('admits up to the starting concurrency, then queues', async () => {
    const pacer = new Pacer({ initialConcurrency: 2, maxConcurrency: 8 });
    const granted: Permit[] = [];
    for (let i = 0; i < 5; i++) void pacer.acquire('GET /x').then((p) => granted.push(p));
    await tick();
    expect(granted).toHaveLength(2);
    expect(pacer.snapshot()).toMatchObject({ inFlight: 2, queued: 3, concurrency: 2 });
    granted[0]!.release(ok);
    await tick();
    expect(granted).toHaveLength(3);
  });

  it('grows by one per `limit` healthy responses while requests wait, up to the cap', async () => {
    const pacer = new Pacer({ initialConcurrency: 2, maxConcurrency: 4 });
    let active: Permit[] = [];
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 40; i++) pending.push(pacer.acquire('GET /x').then((p) => void active.push(p)));
    for (let round = 0; round < 20; round++) {
      await tick();
      const batch = active;
      active = [];
      for (const p of batch) p.release(ok);
    }
    await tick();
    expect(pacer.snapshot().concurrency).toBe(4);
    expect(pacer.snapshot().maxInFlight).toBe(4);
    for (const p of active) p.release(ok);
    await Promise.all(pending);
  });

  it('halves on a 429 once per congestion event and pauses for Retry-After', async () => {
    const pacer = new Pacer({ initialConcurrency: 8, maxConcurrency: 8 });
    const permits = await Promise.all(Array.from({ length: 8 }, () => pacer.acquire('POST /bulk')));
    const before = Date.now();
    // Eight responses to requests sent before the first cut: one halving, not eight.
    for (const p of permits) p.release({ signal: 'throttled', latencyMs: 5, retryAfterMs: 300 });
    expect(pacer.snapshot().concurrency).toBe(4);
    expect(pacer.snapshot().decreases).toBe(1);
    await pacer.acquire('GET /other');
    expect(Date.now() - before).toBeGreaterThanOrEqual(280);
  });

  it('halves when latency is far above the baseline', async () => {
    const pacer = new Pacer({ initialConcurrency: 8, maxConcurrency: 8 });
    for (let i = 0; i < 5; i++) (await pacer.acquire('GET /x')).release({ signal: 'ok', latencyMs: 20 });
    (await pacer.acquire('GET /x')).release({ signal: 'ok', latencyMs: 2000 });
    expect(pacer.snapshot().concurrency).toBe(4);
  });

  it('learns a per-endpoint rate from X-RateLimit-Limit and paces that endpoint only', async () => {
    const pacer = new Pacer({ initialConcurrency: 16, maxConcurrency: 16 });
    const headers = new Headers({
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '1',
    });
    (await pacer.acquire('GET /slow')).release({ signal: 'ok', latencyMs: 1, headers });
    expect(pacer.snapshot().endpointRates['GET /slow']).toBe(5);
    const started = Date.now();
    const other = await pacer.acquire('GET /fast');
    expect(Date.now() - started).toBeLessThan(50);
    other.release(ok);
    // Budget spent: the next /slow request waits for a token (1/5 s).
    (await pacer.acquire('GET /slow')).release(ok);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('maxRps caps all endpoints together', async () => {
    const pacer = new Pacer({ maxRps: 20, initialConcurrency: 16, maxConcurrency: 16 });
    const started = Date.now();
    for (let i = 0; i < 30; i++) (await pacer.acquire(`GET /e${i % 3}`)).release(ok);
    // 20 of burst, then 10 at 20/s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('rejects queued requests when the signal aborts', async () => {
    const controller = new AbortController();
    const pacer = new Pacer({ initialConcurrency: 1, signal: controller.signal });
    await pacer.acquire('GET /x');
    const waiting = pacer.acquire('GET /x');
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});
