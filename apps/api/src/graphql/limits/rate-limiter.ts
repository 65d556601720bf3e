/** What one request got from the limiter. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Whole seconds until one more request would be allowed (0 when allowed). */
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key (a viewer id, or an IP address for callers without a valid token): it holds up to
 * `perMinute` requests and refills continuously at `perMinute` per minute, so a client may burst a minute's
 * allowance and then go on at the steady rate. Kept in memory, per process: with several instances behind a
 * load balancer each one allows `perMinute`.
 */
export class TokenBucketRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    /** Keys remembered at most; beyond it full buckets are forgotten first (they equal a fresh one). */
    private readonly maxKeys = 50_000,
  ) {
    this.refillPerMs = perMinute / 60_000;
  }

  take(key: string): RateLimitDecision {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const tokens = bucket
      ? Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.refillPerMs)
      : this.perMinute;
    if (tokens < 1) {
      if (bucket) {
        bucket.tokens = tokens;
        bucket.at = now;
      }
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.refillPerMs / 1000)),
      };
    }
    if (bucket) {
      bucket.tokens = tokens - 1;
      bucket.at = now;
    } else {
      this.makeRoom(now);
      this.buckets.set(key, { tokens: tokens - 1, at: now });
    }
    return { allowed: true, retryAfterSeconds: 0 };
  }

  private makeRoom(now: number): void {
    if (this.buckets.size < this.maxKeys) return;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.refillPerMs >= this.perMinute) {
        this.buckets.delete(key);
      }
    }
    // Still full (more active clients than maxKeys): forget the longest-known ones.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
