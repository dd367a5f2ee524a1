import { type Classification, classify } from './classify.js';
import { type ApiErrorDetail, parseErrorBody } from './error-body.js';
import { ApiError, UncertainOutcome } from './errors.js';
import { type HttpResponse, TransportError } from './http-types.js';
import type { Pacer, PacerFeedback } from './pacer.js';
import { decide, type RetryPolicy } from './retry-policy.js';
import { endpointStats, type MutableStats } from './stats.js';
import type { Transport } from './transport.js';

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Absolute URL (already on the configured base). */
  url: string;
  /** "METHOD /path/pattern": the pacing and statistics key. */
  endpoint: string;
  body?: unknown;
  /** May the request be resent after it possibly reached the server? Creates: false. */
  idempotent: boolean;
  timeoutMs?: number;
}

/** Reported after every attempt (no headers, no key). */
export interface RequestInfo {
  method: string;
  endpoint: string;
  url: string;
  attempt: number;
  status?: number;
  durationMs: number;
  outcome: Classification['kind'];
  reason?: string;
  /** What happens next: 'done', 'retry', 'uncertain' or 'fail'. */
  action: string;
  delayMs?: number;
}

export interface RequesterDeps {
  transport: Transport;
  pacer: Pacer;
  policy: RetryPolicy;
  stats: MutableStats;
  timeoutMs: number;
  signal?: AbortSignal;
  onRequest?: (info: RequestInfo) => void;
  /** Removes the API key from any text that leaves the client. */
  redact: (text: string) => string;
  random?: () => number;
}

export type Requester = (request: ApiRequest) => Promise<HttpResponse>;

/** The attempt loop: pace, send, classify, then retry, give up or report an uncertain outcome. */
export function createRequester(deps: RequesterDeps): Requester {
  const { stats, redact } = deps;
  return async function request(req: ApiRequest): Promise<HttpResponse> {
    const epStats = endpointStats(stats, req.endpoint);
    for (let attempt = 1; ; attempt++) {
      const permit = await deps.pacer.acquire(rateLimitKey(req.endpoint), deps.signal).catch((e) => {
        throw abortedError(req, attempt, redact, e);
      });
      stats.requests++;
      epStats.requests++;
      if (attempt > 1) {
        stats.retries++;
        epStats.retries++;
      }
      const started = performance.now();
      let outcome: HttpResponse | unknown;
      try {
        const call: Parameters<Transport>[0] = {
          method: req.method,
          url: req.url,
          body: req.body,
          timeoutMs: req.timeoutMs ?? deps.timeoutMs,
        };
        if (deps.signal) call.signal = deps.signal;
        outcome = await deps.transport(call);
      } catch (error) {
        outcome = error;
      }
      const latencyMs = performance.now() - started;
      const c = classify(outcome);
      const response = outcome instanceof TransportError || !isResponse(outcome) ? undefined : outcome;
      permit.release(feedback(c, latencyMs, response));
      count(stats, epStats, c, response);

      const decision = decide(c, {
        idempotent: req.idempotent,
        attempt,
        policy: deps.policy,
        random: deps.random,
      });
      const info: RequestInfo = {
        method: req.method,
        endpoint: req.endpoint,
        url: redact(req.url),
        attempt,
        durationMs: Math.round(latencyMs),
        outcome: c.kind,
        action: decision.action,
      };
      if (response) info.status = response.status;
      if (c.kind !== 'ok') info.reason = c.reason;
      if (decision.action === 'retry') info.delayMs = decision.delayMs;
      deps.onRequest?.(info);

      if (decision.action === 'done') return response!;
      if (c.kind === 'ok') return response!; // unreachable: 'ok' always decides 'done'
      if (decision.action === 'retry') {
        await sleep(decision.delayMs, deps.signal).catch((e) => {
          throw abortedError(req, attempt, redact, e);
        });
        continue;
      }
      if (decision.action === 'uncertain') {
        stats.uncertain++;
        throw new UncertainOutcome({
          reason: c.kind === 'transient' ? c.reason : 'aborted',
          ...(c.status !== undefined ? { status: c.status } : {}),
          endpoint: req.endpoint,
          attempts: attempt,
          message: redact(
            `${req.endpoint}: outcome unknown (${describe(c, outcome)}); it may have been applied`,
          ),
        });
      }
      epStats.failures++;
      const details = errorDetails(outcome, response, redact);
      if (c.kind === 'terminal' && c.reason === 'aborted' && !req.idempotent) {
        stats.uncertain++;
        throw new UncertainOutcome({
          reason: 'aborted',
          endpoint: req.endpoint,
          attempts: attempt,
          message: `${req.endpoint}: aborted while in flight; it may have been applied`,
        });
      }
      throw new ApiError({
        label: decision.label,
        classification: c,
        details,
        endpoint: req.endpoint,
        attempts: attempt,
        message: redact(
          `${req.endpoint} failed${attempt > 1 ? ` after ${attempt} attempts` : ''}: ${describe(c, outcome)}` +
            (details[0]?.detail && response ? ` — ${details[0].detail}` : ''),
        ),
      });
    }
  };
}

function isResponse(v: unknown): v is HttpResponse {
  return typeof v === 'object' && v !== null && (v as HttpResponse).headers instanceof Headers;
}

function feedback(c: Classification, latencyMs: number, response: HttpResponse | undefined): PacerFeedback {
  const f: PacerFeedback = { signal: 'error', latencyMs };
  if (response) f.headers = response.headers;
  if (c.kind === 'ok' || c.kind === 'terminal') f.signal = response ? 'ok' : 'error';
  else if (c.reason === 'rate_limited') f.signal = 'throttled';
  else if (c.reason === 'server_busy' || c.reason === 'timeout') f.signal = 'congested';
  if (c.kind === 'transient' && c.retryAfterMs !== undefined) f.retryAfterMs = c.retryAfterMs;
  return f;
}

function count(
  stats: MutableStats,
  ep: { throttled: number },
  c: Classification,
  response: HttpResponse | undefined,
): void {
  if (response) {
    const key = String(response.status);
    stats.byStatus[key] = (stats.byStatus[key] ?? 0) + 1;
    if (response.status === 429) {
      stats.throttled++;
      ep.throttled++;
    }
    if (response.status >= 500) stats.serverErrors++;
  } else if (c.kind !== 'ok' && c.reason === 'timeout') stats.timeouts++;
  else if (c.kind === 'transient') stats.networkErrors++;
}

function describe(c: Exclude<Classification, { kind: 'ok' }> | Classification, outcome: unknown): string {
  const status = c.kind !== 'ok' && c.status !== undefined ? `HTTP ${c.status}` : '';
  const reason = c.kind === 'ok' ? 'ok' : c.reason.replace(/_/g, ' ');
  if (outcome instanceof TransportError) return `${reason}: ${outcome.message}`;
  return [status, reason].filter(Boolean).join(' ');
}

function errorDetails(outcome: unknown, response: HttpResponse | undefined, redact: (s: string) => string) {
  const details: ApiErrorDetail[] = response
    ? parseErrorBody(response.body, response.status)
    : [{ status: undefined, detail: outcome instanceof TransportError ? outcome.message : 'request failed' }];
  return details.map((d) => ({ ...d, detail: redact(d.detail) }));
}

function abortedError(
  req: ApiRequest,
  attempt: number,
  redact: (s: string) => string,
  cause: unknown,
): Error {
  void cause;
  return new ApiError({
    label: 'terminal',
    classification: { kind: 'terminal', reason: 'aborted' },
    details: [{ status: undefined, detail: 'aborted' }],
    endpoint: req.endpoint,
    attempts: attempt,
    message: redact(`${req.endpoint}: aborted`),
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The rate-limit budget a request draws from. Clarify limits "per endpoint"; whether the object in the path makes
 * another endpoint is not documented, so the pacer assumes the stricter reading — one budget for
 * `POST /objects/{object}/records/bulk` whatever the object — and never opens a new phase (people → deals)
 * with a burst the server would refuse. Statistics stay per object.
 */
export function rateLimitKey(endpoint: string): string {
  return endpoint.replace(/^(\S+ \/objects\/)[a-z][a-z0-9_]*(?=\/|$)/, '$1{object}');
}
