/** A classic token bucket: `rate` tokens per second, at most `capacity` banked. Time is injected. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private rate: number,
    private capacity: number,
    now: number,
    initialTokens = capacity,
  ) {
    this.tokens = Math.min(capacity, Math.max(0, initialTokens));
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
    }
  }

  /** Milliseconds until one token is available (0 = now). Does not consume. */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate) * 1000);
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  /** Re-tune to a newly learned rate, keeping what is banked. */
  retune(rate: number, capacity: number, now: number): void {
    this.refill(now);
    this.rate = rate;
    this.capacity = capacity;
    this.tokens = Math.min(this.tokens, capacity);
  }

  /** Drop banked tokens (the server said the budget is spent). */
  drain(now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
  }

  get ratePerSecond(): number {
    return this.rate;
  }
}
