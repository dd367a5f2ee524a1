/**
 * Token bucket per endpoint (method + route pattern): capacity = rate, so a client may burst one
 * second's worth of requests, then refills continuously at `rate` tokens per second.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds a rejected client should wait (integer, at least 1). */
  retryAfter: number;
}

interface Bucket {
  tokens: number;
  last: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rate: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  take(endpoint: string): RateDecision {
    const now = this.clock();
    const bucket = this.buckets.get(endpoint) ?? { tokens: this.rate, last: now };
    bucket.tokens = Math.min(this.rate, bucket.tokens + ((now - bucket.last) / 1000) * this.rate);
    bucket.last = now;
    this.buckets.set(endpoint, bucket);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    return {
      allowed,
      limit: Math.ceil(this.rate),
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.ceil((this.rate - bucket.tokens) / this.rate),
      retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate)),
    };
  }
}
