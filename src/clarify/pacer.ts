import { readRateLimitHeaders } from './rate-headers.js';
import { TokenBucket } from './token-bucket.js';

/**
 * Adaptive pacing: as fast as the API allows, never a storm.
 *  - AIMD concurrency: start at `initialConcurrency`, +1 after `limit` healthy responses while requests
 *    were actually waiting for a slot, halve on a 429, a 503, a timeout or a latency far above the running
 *    baseline (at most once per congestion event: only responses to requests started after the last cut
 *    can cut again).
 *  - a global token bucket when `maxRps` is given, and a per-endpoint bucket once the server reveals its
 *    budget (X-RateLimit-Limit, window estimated from the largest X-RateLimit-Reset seen, at least 1 s);
 *  - per endpoint, X-RateLimit-Remaining minus requests in flight: at 0, empty that bucket (or, before a
 *    rate is known, wait for X-RateLimit-Reset);
 *  - a global pause honouring Retry-After, so retries do not pile onto a throttled server.
 */
export interface PacerOptions {
  initialConcurrency?: number;
  /** Hard cap on requests in flight (default 16). */
  maxConcurrency?: number;
  /** Hard cap on requests per second, all endpoints together. */
  maxRps?: number;
  /** Healthy responses per +1 of concurrency; default: the current limit (one step per "round trip"). */
  increaseEvery?: number;
  /** A response slower than `latencyFactor` × baseline (and 250 ms above it) counts as congestion. */
  latencyFactor?: number;
  signal?: AbortSignal;
  now?: () => number;
}

export interface PacerFeedback {
  /** 'ok' healthy answer (2xx, or a 4xx the server computed); 'throttled' 429; 'congested' 503/timeout; 'error' other. */
  signal: 'ok' | 'throttled' | 'congested' | 'error';
  latencyMs: number;
  headers?: Headers;
  retryAfterMs?: number;
}

export interface Permit {
  readonly endpoint: string;
  readonly startedAt: number;
  release(feedback: PacerFeedback): void;
}

export interface PacerSnapshot {
  concurrency: number;
  inFlight: number;
  queued: number;
  maxInFlight: number;
  decreases: number;
  pausedUntil: number;
  endpointRates: Record<string, number>;
}

interface EndpointState {
  inflight: number;
  bucket?: TokenBucket;
  limit?: number;
  windowMs: number;
  remaining?: number;
  resetAt?: number;
  baselineMs?: number;
}

interface Waiter {
  endpoint: string;
  resolve: (permit: Permit) => void;
  reject: (err: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort?: () => void;
}

export class Pacer {
  private limit: number;
  private readonly cap: number;
  private inflight = 0;
  private maxInFlight = 0;
  private healthy = 0;
  private decreases = 0;
  /** Permits are numbered; a cut remembers the last number issued before it. */
  private issued = 0;
  private cutAfter = 0;
  private pausedUntil = 0;
  private readonly queue: Waiter[] = [];
  private readonly endpoints = new Map<string, EndpointState>();
  private readonly global: TokenBucket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;
  private readonly now: () => number;

  constructor(private readonly options: PacerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.cap = Math.max(1, Math.floor(options.maxConcurrency ?? 16));
    this.limit = Math.min(this.cap, Math.max(1, Math.floor(options.initialConcurrency ?? 4)));
    if (options.maxRps !== undefined && options.maxRps > 0) {
      this.global = new TokenBucket(options.maxRps, Math.max(1, options.maxRps), this.now());
    }
    options.signal?.addEventListener('abort', () => this.abortAll(options.signal?.reason), { once: true });
  }

  /** Wait for a slot to send one request to `endpoint` ("METHOD /path/pattern"). */
  acquire(endpoint: string, signal?: AbortSignal): Promise<Permit> {
    return new Promise<Permit>((resolve, reject) => {
      for (const s of [signal, this.options.signal]) {
        if (s?.aborted) return reject(abortError(s.reason));
      }
      const waiter: Waiter = { endpoint, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(abortError(signal.reason));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Stop sending anything for `ms` (Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  snapshot(): PacerSnapshot {
    const endpointRates: Record<string, number> = {};
    for (const [k, s] of this.endpoints) if (s.bucket) endpointRates[k] = s.bucket.ratePerSecond;
    return {
      concurrency: this.limit,
      inFlight: this.inflight,
      queued: this.queue.length,
      maxInFlight: this.maxInFlight,
      decreases: this.decreases,
      pausedUntil: this.pausedUntil,
      endpointRates,
    };
  }

  private state(endpoint: string): EndpointState {
    let s = this.endpoints.get(endpoint);
    if (!s) {
      s = { inflight: 0, windowMs: 1000 };
      this.endpoints.set(endpoint, s);
    }
    return s;
  }

  /** Milliseconds before a request to this endpoint may start (0 = now). */
  private readiness(s: EndpointState, now: number): number {
    let wait = this.global?.waitMs(now) ?? 0;
    if (s.bucket) wait = Math.max(wait, s.bucket.waitMs(now));
    if (s.remaining !== undefined && s.resetAt !== undefined) {
      if (now >= s.resetAt) {
        s.remaining = undefined;
        s.resetAt = undefined;
      } else if (s.remaining <= 0) {
        wait = Math.max(wait, s.resetAt - now);
      }
    }
    return wait;
  }

  private pump(): void {
    const now = this.now();
    if (now < this.pausedUntil) {
      this.schedule(this.pausedUntil - now);
      return;
    }
    let earliest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.queue.length && this.inflight < this.limit; i++) {
      const w = this.queue[i]!;
      const s = this.state(w.endpoint);
      const wait = this.readiness(s, now);
      if (wait > 0) {
        earliest = Math.min(earliest, wait);
        continue;
      }
      this.queue.splice(i--, 1);
      this.global?.take(now);
      s.bucket?.take(now);
      if (s.remaining !== undefined) s.remaining -= 1;
      s.inflight++;
      this.inflight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inflight);
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      w.resolve(this.permit(w.endpoint, s, now, ++this.issued));
    }
    if (this.queue.length > 0 && this.inflight < this.limit && Number.isFinite(earliest))
      this.schedule(earliest);
  }

  private schedule(ms: number): void {
    const at = this.now() + ms;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(1, ms),
    );
  }

  private permit(endpoint: string, s: EndpointState, startedAt: number, seq: number): Permit {
    let released = false;
    return {
      endpoint,
      startedAt,
      release: (feedback) => {
        if (released) return;
        released = true;
        this.inflight--;
        s.inflight--;
        this.learn(s, feedback, seq);
        this.pump();
      },
    };
  }

  private learn(s: EndpointState, f: PacerFeedback, seq: number): void {
    const now = this.now();
    if (f.headers) {
      const info = readRateLimitHeaders(f.headers, now);
      if (info.resetMs !== undefined) {
        s.windowMs = Math.max(s.windowMs, Math.ceil(info.resetMs / 1000) * 1000);
      }
      if (info.limit !== undefined && info.limit > 0) {
        const rate = info.limit / (s.windowMs / 1000);
        if (!s.bucket) s.bucket = new TokenBucket(rate, info.limit, now, info.remaining ?? info.limit);
        else if (s.limit !== info.limit || s.bucket.ratePerSecond !== rate)
          s.bucket.retune(rate, info.limit, now);
        s.limit = info.limit;
      }
      if (info.remaining !== undefined && info.remaining - s.inflight <= 0) {
        // Budget spent. With a learned rate, the bucket paces the refill (token-bucket servers refill
        // continuously); without one, wait for the announced reset.
        if (s.bucket) s.bucket.drain(now);
        else if (info.resetMs !== undefined) {
          s.remaining = 0;
          s.resetAt = now + info.resetMs;
        }
      }
    }
    if (f.signal === 'throttled') {
      const pause = f.retryAfterMs ?? 1000;
      this.pauseFor(pause);
      s.bucket?.drain(now);
      this.decrease(seq);
      return;
    }
    if (f.signal === 'congested') {
      if (f.retryAfterMs !== undefined) this.pauseFor(f.retryAfterMs);
      this.decrease(seq);
      return;
    }
    if (f.signal !== 'ok') return;
    const factor = this.options.latencyFactor ?? 4;
    if (
      s.baselineMs !== undefined &&
      f.latencyMs > factor * s.baselineMs &&
      f.latencyMs - s.baselineMs > 250
    ) {
      s.baselineMs = s.baselineMs * 0.95 + f.latencyMs * 0.05; // learn a lasting shift slowly
      this.decrease(seq);
      return;
    }
    s.baselineMs = s.baselineMs === undefined ? f.latencyMs : s.baselineMs * 0.8 + f.latencyMs * 0.2;
    // Only grow when the limit is what holds requests back.
    if (this.queue.length > 0 || this.inflight + 1 >= this.limit) {
      this.healthy++;
      if (this.healthy >= (this.options.increaseEvery ?? this.limit) && this.limit < this.cap) {
        this.limit++;
        this.healthy = 0;
      }
    }
  }

  private decrease(seq: number): void {
    this.healthy = 0;
    if (seq <= this.cutAfter) return; // sent before the last cut: same congestion event
    this.cutAfter = this.issued;
    const next = Math.max(1, Math.floor(this.limit / 2));
    if (next < this.limit) this.decreases++;
    this.limit = next;
  }

  private abortAll(reason: unknown): void {
    for (const w of this.queue.splice(0)) w.reject(abortError(reason));
    if (this.timer) clearTimeout(this.timer);
  }
}

function abortError(reason: unknown): Error {
  const err = new Error('aborted', { cause: reason });
  err.name = 'AbortError';
  return err;
}
