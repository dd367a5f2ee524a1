/**
 * Parsing of the rate-limit headers. Sources disagree on units, so every parser accepts the variants:
 * `Retry-After` as delta-seconds or an HTTP date; `X-RateLimit-Reset` as delta-seconds (Clarify's docs),
 * epoch seconds, epoch milliseconds or an HTTP date.
 */

/** Milliseconds to wait, from a Retry-After value; undefined when absent or unparsable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Milliseconds until the rate-limit window resets, from X-RateLimit-Reset. */
export function parseRateLimitReset(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n >= 1e12) return Math.max(0, n - now); // epoch milliseconds
    if (n >= 1e9) return Math.max(0, n * 1000 - now); // epoch seconds
    return Math.round(n * 1000); // delta seconds
  }
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function intHeader(headers: Headers, name: string): number | undefined {
  const v = headers.get(name);
  if (v == null || !/^\s*\d+(\.\d+)?\s*$/.test(v)) return undefined;
  return Number(v);
}

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  resetMs?: number;
  retryAfterMs?: number;
}

export function readRateLimitHeaders(headers: Headers, now = Date.now()): RateLimitInfo {
  const info: RateLimitInfo = {};
  const limit = intHeader(headers, 'x-ratelimit-limit') ?? intHeader(headers, 'ratelimit-limit');
  const remaining = intHeader(headers, 'x-ratelimit-remaining') ?? intHeader(headers, 'ratelimit-remaining');
  const reset = parseRateLimitReset(headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset'), now);
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (limit !== undefined) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  if (reset !== undefined) info.resetMs = reset;
  if (retryAfter !== undefined) info.retryAfterMs = retryAfter;
  return info;
}
