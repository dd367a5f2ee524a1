import { describe, expect, it } from 'vitest';
import { classify } from '../../src/clarify/classify.js';
import { parseErrorBody } from '../../src/clarify/error-body.js';
import { ApiError, isDuplicateError } from '../../src/clarify/errors.js';
import { type HttpResponse, TransportError } from '../../src/clarify/http-types.js';
import { parseRateLimitReset, parseRetryAfter } from '../../src/clarify/rate-headers.js';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  decide,
  resolveRetryPolicy,
} from '../../src/clarify/retry-policy.js';

const NOW = Date.parse('2030-01-01T00:00:00Z');

function res(status: number, headers: Record<string, string> = {}, body: unknown = null): HttpResponse {
  return { status, headers: new Headers(headers), body, bodyUnparsable: false, durationMs: 1 };
}

describe('classify', () => {
  it('labels 2xx ok and validation/auth errors terminal', () => {
    expect(classify(res(200), NOW)).toEqual({ kind: 'ok', status: 200 });
    expect(classify(res(201), NOW).kind).toBe('ok');
    for (const [status, reason] of [
      [400, 'validation'],
      [422, 'validation'],
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [404, 'not_found'],
      [413, 'client_error'],
    ] as const) {
      expect(classify(res(status), NOW)).toEqual({ kind: 'terminal', reason, status });
    }
  });

  it('429 honours Retry-After in seconds and as an HTTP date, then X-RateLimit-Reset', () => {
    expect(classify(res(429, { 'retry-after': '3' }), NOW)).toMatchObject({
      kind: 'transient',
      reason: 'rate_limited',
      retryAfterMs: 3000,
      mayHaveBeenProcessed: false,
    });
    const date = new Date(NOW + 7000).toUTCString();
    expect(classify(res(429, { 'Retry-After': date }), NOW)).toMatchObject({ retryAfterMs: 7000 });
    expect(
      classify(res(429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '12' }), NOW),
    ).toMatchObject({ retryAfterMs: 12_000 });
    // Epoch seconds and epoch milliseconds are both recognised.
    expect(classify(res(429, { 'x-ratelimit-reset': String(NOW / 1000 + 5) }), NOW)).toMatchObject({
      retryAfterMs: 5000,
    });
    expect(classify(res(429, { 'x-ratelimit-reset': String(NOW + 2500) }), NOW)).toMatchObject({
      retryAfterMs: 2500,
    });
    // Without any header: transient, no server-given delay (exponential backoff applies).
    const bare = classify(res(429), NOW);
    expect(bare.kind).toBe('transient');
    expect(bare).not.toHaveProperty('retryAfterMs');
  });

  it('separates "may have been processed" 5xx from "certainly not processed" ones', () => {
    expect(classify(res(500), NOW)).toMatchObject({ kind: 'transient', mayHaveBeenProcessed: true });
    expect(classify(res(502), NOW)).toMatchObject({ kind: 'transient', mayHaveBeenProcessed: true });
    expect(classify(res(504), NOW)).toMatchObject({ kind: 'transient', mayHaveBeenProcessed: true });
    expect(classify(res(503), NOW)).toMatchObject({ reason: 'server_busy', mayHaveBeenProcessed: true });
    expect(classify(res(503, { 'retry-after': '2' }), NOW)).toMatchObject({
      reason: 'server_busy',
      mayHaveBeenProcessed: false,
      retryAfterMs: 2000,
    });
    expect(classify(res(408), NOW)).toMatchObject({ reason: 'request_timeout', mayHaveBeenProcessed: false });
  });

  it('409 is transient only when the schema is being modified', () => {
    const busy = res(
      409,
      {},
      { errors: [{ status: '409', detail: 'Schema is being modified by another request. Please retry.' }] },
    );
    expect(classify(busy, NOW)).toMatchObject({ kind: 'transient', reason: 'schema_busy' });
    expect(classify(res(409, {}, { errors: [{ detail: 'Conflict' }] }), NOW)).toMatchObject({
      kind: 'terminal',
      reason: 'conflict',
    });
  });

  it('classifies transport failures by whether the request can have reached the server', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    });
    expect(classify(refused)).toMatchObject({ reason: 'connection_refused', mayHaveBeenProcessed: false });
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    expect(classify(reset)).toMatchObject({ reason: 'connection_reset', mayHaveBeenProcessed: true });
    expect(classify(new TransportError('ECONNRESET', 'x'))).toMatchObject({ mayHaveBeenProcessed: true });
    expect(classify(new TransportError('TIMEOUT', 'x'))).toMatchObject({
      reason: 'timeout',
      mayHaveBeenProcessed: true,
    });
    expect(classify(new TransportError('ABORTED', 'x'))).toMatchObject({
      kind: 'terminal',
      reason: 'aborted',
    });
    expect(classify(new RangeError('bug'))).toMatchObject({ kind: 'terminal', reason: 'internal' });
    // A 2xx whose body cannot be read is applied-but-unknown.
    expect(classify({ ...res(201), bodyUnparsable: true })).toMatchObject({
      reason: 'bad_response',
      mayHaveBeenProcessed: true,
    });
  });
});

describe('decide (retry policy as data)', () => {
  const policy = resolveRetryPolicy({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 });
  const random = () => 0.5;

  it('retries idempotent transient failures with exponential backoff until maxAttempts', () => {
    const c = classify(res(500));
    expect(decide(c, { idempotent: true, attempt: 1, policy, random })).toEqual({
      action: 'retry',
      delayMs: 50,
    });
    expect(decide(c, { idempotent: true, attempt: 2, policy, random })).toEqual({
      action: 'retry',
      delayMs: 100,
    });
    expect(decide(c, { idempotent: true, attempt: 3, policy, random })).toEqual({
      action: 'fail',
      label: 'transient',
    });
  });

  it('never resends a create that may have been processed, but retries one that certainly was not', () => {
    expect(decide(classify(res(500)), { idempotent: false, attempt: 1, policy })).toEqual({
      action: 'uncertain',
    });
    expect(
      decide(classify(new TransportError('TIMEOUT', 't')), { idempotent: false, attempt: 1, policy }),
    ).toEqual({
      action: 'uncertain',
    });
    expect(
      decide(classify(res(429, { 'retry-after': '1' })), { idempotent: false, attempt: 1, policy, random }),
    ).toEqual({
      action: 'retry',
      delayMs: 1050,
    });
    expect(
      decide(classify(new TransportError('ECONNREFUSED', 'r')), {
        idempotent: false,
        attempt: 1,
        policy,
        random,
      }).action,
    ).toBe('retry');
  });

  it('terminal stays terminal; unlisted reasons and huge Retry-After are not retried', () => {
    expect(decide(classify(res(422)), { idempotent: true, attempt: 1, policy })).toEqual({
      action: 'fail',
      label: 'terminal',
    });
    const only429 = resolveRetryPolicy({ retryOn: ['rate_limited'] });
    expect(decide(classify(res(502)), { idempotent: true, attempt: 1, policy: only429 })).toEqual({
      action: 'fail',
      label: 'transient',
    });
    expect(
      decide(classify(res(429, { 'retry-after': '3600' })), { idempotent: true, attempt: 1, policy }),
    ).toEqual({
      action: 'fail',
      label: 'transient',
    });
  });

  it('backoff uses full jitter under an exponential cap', () => {
    const p = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, p, () => 0.999)).toBe(99);
    expect(backoffDelay(3, p, () => 0.999)).toBe(399);
    expect(backoffDelay(10, p, () => 0.999)).toBe(999);
    expect(backoffDelay(10, p, () => 0)).toBe(0);
    expect(backoffDelay(2, { ...p, jitter: 'none' })).toBe(200);
  });
});

describe('headers and error bodies', () => {
  it('parses Retry-After and X-RateLimit-Reset variants', () => {
    expect(parseRetryAfter('2', NOW)).toBe(2000);
    expect(parseRetryAfter(new Date(NOW + 4000).toUTCString(), NOW)).toBe(4000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRateLimitReset('30', NOW)).toBe(30_000);
    expect(parseRateLimitReset(String(NOW / 1000 + 30), NOW)).toBe(30_000);
  });

  it('reads JSON:API errors with string or number status and a record pointer', () => {
    const [d] = parseErrorBody(
      {
        errors: [
          {
            status: '422',
            title: 'Invalid input',
            detail: 'bad email',
            source: { pointer: '/data/3/attributes/email_addresses' },
          },
        ],
      },
      422,
    );
    expect(d).toEqual({
      status: 422,
      title: 'Invalid input',
      detail: 'bad email',
      pointer: '/data/3/attributes/email_addresses',
      recordIndex: 3,
    });
    expect(
      parseErrorBody(
        { errors: [{ status: 400, detail: 'x', source: { pointer: '/data/attributes/name' } }] },
        400,
      )[0],
    ).toEqual({ status: 400, detail: 'x', pointer: '/data/attributes/name' });
  });

  it('reads the NestJS shape and bare bodies', () => {
    const details = parseErrorBody(
      {
        statusCode: 400,
        message: ['data.2.attributes.email must be an email', 'other'],
        error: 'Bad Request',
      },
      400,
    );
    expect(details).toHaveLength(2);
    expect(details[0]).toMatchObject({ status: 400, title: 'Bad Request', recordIndex: 2 });
    expect(parseErrorBody('<html>Bad gateway</html>', 502)[0]).toEqual({
      status: 502,
      detail: '<html>Bad gateway</html>',
    });
    expect(parseErrorBody(null, 500)[0]).toEqual({ status: 500, detail: 'HTTP 500' });
  });

  it('isDuplicateError accepts 400 and 422 with duplicate wording only', () => {
    const make = (status: number, detail: string) =>
      new ApiError({
        label: 'terminal',
        classification: { kind: 'terminal', reason: 'validation', status },
        details: [{ status, detail }],
        endpoint: 'POST /x',
        attempts: 1,
        message: detail,
      });
    expect(isDuplicateError(make(400, 'Duplicate email address'))).toBe(true);
    expect(isDuplicateError(make(422, 'email_addresses must be unique'))).toBe(true);
    expect(isDuplicateError(make(400, 'domain already exists'))).toBe(true);
    expect(isDuplicateError(make(422, 'invalid email'))).toBe(false);
    expect(isDuplicateError(make(404, 'duplicate'))).toBe(false);
    expect(isDuplicateError(new Error('duplicate'))).toBe(false);
  });
});
