// A budget per key (a client address): `capacity` requests at once, refilled
// evenly over time. Shared by every process through Redis when there is one,
// else kept in this process's memory; while Redis is unreachable each
// process falls back to its own bucket (redis-counters.ts logs the outage).
import { UNREACHABLE, type RedisCounters } from "./redis-counters";
import { MemoryRateLimiter, type RateDecision } from "./token-bucket";

export type { RateDecision };

export interface RateLimiter {
  take(key: string): Promise<RateDecision>;
}

export function localRateLimiter(capacity: number, refillPerSecond: number): RateLimiter {
  const local = new MemoryRateLimiter(capacity, refillPerSecond);
  return { take: async (key) => local.take(key) };
}

export class SharedRateLimiter implements RateLimiter {
  private readonly local: MemoryRateLimiter;

  constructor(
    private readonly counters: RedisCounters,
    /** Names the budget in Redis's keys ("auth"). */
    private readonly name: string,
    private readonly capacity: number,
    private readonly refillPerSecond: number,
  ) {
    this.local = new MemoryRateLimiter(capacity, refillPerSecond);
  }

  async take(key: string): Promise<RateDecision> {
    const waitMs = await this.counters.takeToken(`${this.name}:${key}`, this.capacity, this.refillPerSecond);
    if (waitMs === UNREACHABLE) return this.local.take(key);
    return waitMs === 0 ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
