import { parseErrorBody } from './error-body.js';
import { type HttpResponse, TransportError } from './http-types.js';
import { readRateLimitHeaders } from './rate-headers.js';

/**
 * THE one place that decides whether an outcome is transient or terminal. Everything else (the retry
 * loop, the pacer, the executor) reads the label it produces.
 *
 * `mayHaveBeenProcessed` says whether the server may have acted on the request. It is what separates a
 * safe retry of a create from a possible duplicate:
 *  - certainly NOT processed: connection refused / DNS / connect timeout (nothing was sent), 429 (the rate
 *    limiter answers before any handler), 503 WITH Retry-After (the server explicitly deferred the work),
 *    408 (the server did not receive the whole request), 409 "schema is being modified" (rejected).
 *  - MAY have been processed: our timeout after connecting, connection reset / socket hang up, 500, 502,
 *    504, other 5xx, 503 without Retry-After, and a 2xx whose body could not be read or parsed.
 */
export type TransientReason =
  | 'rate_limited'
  | 'server_busy'
  | 'server_error'
  | 'request_timeout'
  | 'schema_busy'
  | 'timeout'
  | 'connection_refused'
  | 'connection_reset'
  | 'network'
  | 'bad_response';

export type TerminalReason =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'client_error'
  | 'unexpected_status'
  | 'aborted'
  | 'internal';

export type Classification =
  | { kind: 'ok'; status: number }
  | {
      kind: 'transient';
      reason: TransientReason;
      status?: number;
      retryAfterMs?: number;
      mayHaveBeenProcessed: boolean;
    }
  | { kind: 'terminal'; reason: TerminalReason; status?: number };

/** Connection-level codes where the request certainly never reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** Connection-level codes after which the server may or may not have processed the request. */
const MAYBE_SENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_ABORTED',
  'UND_ERR_RESPONSE_STATUS_CODE',
  'NETWORK',
]);

function mentionsSchemaBusy(response: HttpResponse): boolean {
  const text = parseErrorBody(response.body, response.status)
    .map((d) => d.detail)
    .join(' ')
    .toLowerCase();
  return /being modified|retry|try again/.test(text);
}

function classifyResponse(response: HttpResponse, now: number): Classification {
  const { status } = response;
  if (status >= 200 && status < 300) {
    if (response.bodyUnparsable) {
      return { kind: 'transient', reason: 'bad_response', status, mayHaveBeenProcessed: true };
    }
    return { kind: 'ok', status };
  }
  const rate = readRateLimitHeaders(response.headers, now);
  if (status === 429) {
    // Retry-After first; else the window reset when the server says the budget is spent (or says nothing).
    const retryAfterMs =
      rate.retryAfterMs ?? (rate.remaining === undefined || rate.remaining <= 0 ? rate.resetMs : undefined);
    return withRetryAfter(
      { kind: 'transient', reason: 'rate_limited', status, mayHaveBeenProcessed: false },
      retryAfterMs,
    );
  }
  if (status === 503) {
    const deferred = rate.retryAfterMs !== undefined;
    return withRetryAfter(
      { kind: 'transient', reason: 'server_busy', status, mayHaveBeenProcessed: !deferred },
      rate.retryAfterMs,
    );
  }
  if (status >= 500) {
    return withRetryAfter(
      { kind: 'transient', reason: 'server_error', status, mayHaveBeenProcessed: true },
      rate.retryAfterMs,
    );
  }
  if (status === 408) {
    return withRetryAfter(
      { kind: 'transient', reason: 'request_timeout', status, mayHaveBeenProcessed: false },
      rate.retryAfterMs,
    );
  }
  if (status === 409) {
    if (mentionsSchemaBusy(response)) {
      return withRetryAfter(
        { kind: 'transient', reason: 'schema_busy', status, mayHaveBeenProcessed: false },
        rate.retryAfterMs,
      );
    }
    return { kind: 'terminal', reason: 'conflict', status };
  }
  if (status === 400 || status === 422) return { kind: 'terminal', reason: 'validation', status };
  if (status === 401) return { kind: 'terminal', reason: 'unauthorized', status };
  if (status === 403) return { kind: 'terminal', reason: 'forbidden', status };
  if (status === 404) return { kind: 'terminal', reason: 'not_found', status };
  if (status >= 400) return { kind: 'terminal', reason: 'client_error', status };
  return { kind: 'terminal', reason: 'unexpected_status', status };
}

type Transient = Extract<Classification, { kind: 'transient' }>;

function withRetryAfter(c: Transient, retryAfterMs: number | undefined): Transient {
  if (retryAfterMs !== undefined) c.retryAfterMs = retryAfterMs;
  return c;
}

/** Walk an error's cause chain for a code (undici puts it on `cause`, sometimes two levels down). */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (typeof current === 'object' && current !== null) {
      const code = (current as { code?: unknown }).code;
      if (typeof code === 'string' && code !== '') return code;
      const name = (current as { name?: unknown }).name;
      if (name === 'TimeoutError') return 'TIMEOUT';
      if (name === 'AbortError') return 'ABORTED';
      current = (current as { cause?: unknown }).cause;
    } else break;
  }
  return undefined;
}

function classifyError(error: unknown): Classification {
  const code = error instanceof TransportError ? error.code : errorCode(error);
  if (code === 'TIMEOUT') return { kind: 'transient', reason: 'timeout', mayHaveBeenProcessed: true };
  if (code === 'ABORTED') return { kind: 'terminal', reason: 'aborted' };
  if (code && NOT_SENT_CODES.has(code)) {
    return { kind: 'transient', reason: 'connection_refused', mayHaveBeenProcessed: false };
  }
  if (code && MAYBE_SENT_CODES.has(code)) {
    return { kind: 'transient', reason: 'connection_reset', mayHaveBeenProcessed: true };
  }
  if (
    error instanceof TransportError ||
    (error instanceof TypeError && /fetch failed|terminated/i.test(error.message))
  ) {
    return { kind: 'transient', reason: 'network', mayHaveBeenProcessed: true };
  }
  return { kind: 'terminal', reason: 'internal' };
}

function isHttpResponse(value: unknown): value is HttpResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as HttpResponse).status === 'number' &&
    (value as HttpResponse).headers instanceof Headers
  );
}

/** Classify a response or a thrown error. Pure: no I/O, `now` only resolves HTTP-date headers. */
export function classify(outcome: HttpResponse | unknown, now = Date.now()): Classification {
  return isHttpResponse(outcome) ? classifyResponse(outcome, now) : classifyError(outcome);
}
