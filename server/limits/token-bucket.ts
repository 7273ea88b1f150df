// Token buckets in this process's memory: one bucket (a websocket's own
// allowance of messages and bytes), and buckets by key (per address, per
// person) for a process that shares no Redis, or while Redis is unreachable.
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    now = Date.now(),
  ) {
    this.tokens = capacity;
    this.refilledAt = now;
  }

  /** The tokens there are at `now`, after refilling for the time passed. */
  available(now = Date.now()): number {
    if (now > this.refilledAt) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.refilledAt) / 1000) * this.refillPerSecond);
      this.refilledAt = now;
    }
    return this.tokens;
  }

  /** Takes `cost` tokens if there are that many; false (and nothing taken) otherwise. */
  take(cost = 1, now = Date.now()): boolean {
    if (this.available(now) < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Seconds until `cost` tokens are there again. */
  secondsUntil(cost = 1, now = Date.now()): number {
    return Math.max(0, (cost - this.available(now)) / this.refillPerSecond);
  }

  isFull(now = Date.now()) {
    return this.available(now) >= this.capacity;
  }
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A budget per key (a client address, a person): `capacity` at once, refilled at `refillPerSecond`. */
export class MemoryRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): RateDecision {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(this.capacity, this.refillPerSecond, now)));
    const ok = bucket.take(1, now);
    if (this.buckets.size > 10_000) this.sweep(now);
    return ok ? { ok } : { ok, retryAfterSeconds: Math.max(1, Math.ceil(bucket.secondsUntil(1, now))) };
  }

  // Full buckets carry no information; dropping them bounds memory.
  private sweep(now: number) {
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
  }
}
