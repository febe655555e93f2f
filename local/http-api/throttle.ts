/** A stage's or route's throttle, as `ThrottlingRateLimit` and `ThrottlingBurstLimit` give it. */
export type ThrottleSettings = {
  /** Requests per second the bucket refills with. */
  rateLimit: number;
  /** The bucket's size: how many requests may come at once. */
  burstLimit: number;
};

/**
 * API Gateway's throttle for one route: a token bucket holding at most `burstLimit` tokens
 * (full at first), refilled at `rateLimit` per second; a request takes a token or is throttled.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly settings: ThrottleSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = settings.burstLimit;
    this.refilledAt = now();
  }

  /** Takes a token if there is one; false means the request is throttled. */
  take(): boolean {
    const now = this.now();
    const refill = (Math.max(0, now - this.refilledAt) / 1000) * this.settings.rateLimit;
    this.tokens = Math.min(this.settings.burstLimit, this.tokens + refill);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
