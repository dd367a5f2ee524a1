import type { Classification, TransientReason } from './classify.js';

/** How transient failures are retried. Data, not code: the CLI and tests override fields. */
export interface RetryPolicy {
  /** Attempts in total, the first one included. 1 disables retries. */
  maxAttempts: number;
  /** Backoff before retry n (1-based) is drawn from [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** 'full' draws uniformly below the exponential cap (AWS "full jitter"); 'none' waits the cap itself. */
  jitter: 'full' | 'none';
  /** Transient reasons that are retried; others are reported at once. */
  retryOn: readonly TransientReason[];
  /** A Retry-After longer than this is not waited for: the failure is reported as transient instead. */
  maxRetryAfterMs: number;
}

export const ALL_TRANSIENT_REASONS: readonly TransientReason[] = [
  'rate_limited',
  'server_busy',
  'server_error',
  'request_timeout',
  'schema_busy',
  'timeout',
  'connection_refused',
  'connection_reset',
  'network',
  'bad_response',
];

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  jitter: 'full',
  retryOn: ALL_TRANSIENT_REASONS,
  maxRetryAfterMs: 120_000,
};

export function resolveRetryPolicy(partial: Partial<RetryPolicy> | undefined): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...partial };
}

/** Exponential backoff with full jitter for retry number `retry` (1 = first retry). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return policy.jitter === 'full' ? Math.floor(random() * cap) : cap;
}

/**
 * What to do after attempt number `attempt` (1-based) ended with `c`:
 *  - 'done'      success;
 *  - 'retry'     wait `delayMs`, then send again;
 *  - 'uncertain' a non-idempotent request may have been processed: never resend, let the caller reconcile;
 *  - 'fail'      give up, with the label the executor reads ('terminal' or 'transient').
 */
export type Decision =
  | { action: 'done' }
  | { action: 'retry'; delayMs: number }
  | { action: 'uncertain' }
  | { action: 'fail'; label: 'terminal' | 'transient' };

export function decide(
  c: Classification,
  ctx: { idempotent: boolean; attempt: number; policy: RetryPolicy; random?: () => number },
): Decision {
  if (c.kind === 'ok') return { action: 'done' };
  if (c.kind === 'terminal') return { action: 'fail', label: 'terminal' };
  if (!ctx.idempotent && c.mayHaveBeenProcessed) return { action: 'uncertain' };
  if (!ctx.policy.retryOn.includes(c.reason) || ctx.attempt >= ctx.policy.maxAttempts) {
    return { action: 'fail', label: 'transient' };
  }
  if (c.retryAfterMs !== undefined) {
    if (c.retryAfterMs > ctx.policy.maxRetryAfterMs) return { action: 'fail', label: 'transient' };
    // A small jitter on top of the server's date keeps parallel clients from waking in lockstep.
    return { action: 'retry', delayMs: c.retryAfterMs + Math.floor((ctx.random ?? Math.random)() * 100) };
  }
  return { action: 'retry', delayMs: backoffDelay(ctx.attempt, ctx.policy, ctx.random) };
}
