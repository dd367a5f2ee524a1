import { afterEach, describe, expect, test } from 'vitest';
import { RateLimiter } from '../../src/sandbox/http/rate-limit.js';
import { AUTH, emails, type Harness, harness, listAll, person } from './helpers.js';

let h: Harness;
afterEach(() => h?.sandbox.close());

describe('rate limit', () => {
  test('burst of `rate` requests, then 429 with Retry-After and X-RateLimit-* headers', async () => {
    h = await harness({ rateLimit: 3 });
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await h.call('GET', '/objects/person/resources'));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    expect(replies[0]!.headers.get('x-ratelimit-limit')).toBe('3');
    expect(replies[0]!.headers.get('x-ratelimit-remaining')).toBe('2');
    expect(Number(replies[0]!.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    const limited = replies[3]!;
    expect(limited.body).toMatchObject({ errors: [{ status: '429', detail: 'API rate limit exceeded' }] });
    const retryAfter = limited.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    // Another endpoint has its own bucket.
    expect((await h.call('GET', '/schemas')).status).toBe(200);
    expect(h.sandbox.stats().faults.rateLimited).toBe(2);
    const unauthorized = await h.call('GET', '/schemas', undefined, { authorization: 'Bearer x' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('x-ratelimit-limit')).toBe('3');
  });

  test('the bucket refills continuously', async () => {
    h = await harness({ rateLimit: 5 });
    const burst = await Promise.all(Array.from({ length: 20 }, () => h.call('GET', '/schemas')));
    expect(burst.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await h.call('GET', '/schemas')).status).toBe(200);
  });

  test('no rate-limit headers when rate limiting is off', async () => {
    h = await harness();
    expect((await h.call('GET', '/schemas')).headers.get('x-ratelimit-limit')).toBeNull();
  });

  test('token bucket arithmetic with a fake clock', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(true);
    const denied = limiter.take('a');
    expect(denied).toMatchObject({ allowed: false, remaining: 0, retryAfter: 1 });
    now = 499;
    expect(limiter.take('a').allowed).toBe(false);
    now = 1000;
    // 0.998 tokens at 499 ms + 1.002 refilled since → full bucket of 2, one taken.
    expect(limiter.take('a')).toMatchObject({ allowed: true, remaining: 1 });
    expect(new RateLimiter(0.25, () => 0).take('x').allowed).toBe(false);
    expect(new RateLimiter(0.25, () => 0).take('x').retryAfter).toBe(3);
  });
});

/** Status of each of n sequential GETs on a fresh sandbox with these fault options. */
async function statuses(seed: number, n: number): Promise<number[]> {
  h = await harness({ faultRate: 0.4, seed });
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await h.call('GET', '/schemas')).status);
  const faults = h.sandbox.stats().faults.serverErrors;
  await h.sandbox.close();
  expect(faults).toBe(out.filter((s) => s >= 500).length);
  return out;
}

describe('fault injection', () => {
  test('same seed → same sequence of 5xx; different seed → different sequence', async () => {
    const a = await statuses(7, 30);
    const b = await statuses(7, 30);
    const c = await statuses(8, 30);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const failures = a.filter((s) => s >= 500);
    expect(failures.length).toBeGreaterThan(3);
    expect(failures.length).toBeLessThan(27);
    expect(new Set(a).size).toBeGreaterThan(2);
    for (const status of a) expect([200, 500, 502, 503]).toContain(status);
  });

  test('a 5xx is injected before the write: nothing is stored', async () => {
    h = await harness({ faultRate: 1 });
    const reply = await h.call('POST', '/objects/person/records', { data: person({ first_name: 'X' }) });
    expect(reply.status).toBeGreaterThanOrEqual(500);
    expect(reply.body.errors[0].status).toBe(String(reply.status));
    expect(h.sandbox.dump().person).toEqual([]);
  });

  test('lost response: the write is committed, the client sees a dropped connection', async () => {
    h = await harness({ lostResponseRate: 1 });
    const attempt = fetch(`${h.base}/objects/person/records/bulk`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ data: [person({ email_addresses: emails('lost@x.com') })] }),
    });
    await expect(attempt).rejects.toThrow();
    const dump = h.sandbox.dump().person!;
    expect(dump).toHaveLength(1);
    expect(dump[0]!.attributes.email_addresses).toEqual({ items: ['lost@x.com'] });
    expect(h.sandbox.stats().faults.lostResponses).toBe(1);
    expect(h.sandbox.stats().byStatus.lost).toBe(1);
  });

  test('faults are not counted for non-API paths', async () => {
    h = await harness({ faultRate: 1 });
    const reply = await h.call('GET', `${h.sandbox.url.replace('/v1', '')}/health`);
    expect(reply.status).toBe(404);
    expect(h.sandbox.stats().faults.serverErrors).toBe(0);
  });

  test('errors are not dropped: a 422 under lostResponseRate 1 still answers', async () => {
    h = await harness({ lostResponseRate: 1 });
    const reply = await h.call('POST', '/objects/person/records', { data: person({ status: 'nope' }) });
    expect(reply.status).toBe(422);
  });

  test('latency delays every response', async () => {
    h = await harness({ latencyMs: 150 });
    const start = performance.now();
    await h.call('GET', '/schemas');
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
    expect(await listAll(h, 'person')).toEqual([]);
  });
});
