// Every per-address and per-person budget the process counts, made in one
// place (docs/limits.md lists every limit with its value). With REDIS_URL
// the counts are shared by all processes through Redis (redis-counters.ts);
// without it they live in this process's memory, which is right for the one
// process embedded PGlite allows. Two kinds of limit are counted elsewhere,
// by design (decision 041): a websocket's own allowance of messages and
// bytes a second is a TokenBucket on the socket (a socket lives in one
// process), and the per-account sign-in throttle is a row in the database
// (app/domain/accounts/login-throttle.server.ts), which every process shares.
import type { Config } from "../config";
import type { Logger } from "../log";
import { LocalConnectionSlots, SharedConnectionSlots, type ConnectionSlots } from "./connection-slots";
import { localRateLimiter, SharedRateLimiter, type RateLimiter } from "./rate-limiter";
import { RedisCounters } from "./redis-counters";

export type Limits = {
  /** Sign-in, sign-up, password reset and invitation forms, per client address: AUTH_RATE_LIMIT_PER_MINUTE. */
  authAttempts: RateLimiter;
  /** Collaboration websockets open at once per person and per client address: COLLAB_MAX_CONNECTIONS_PER_*. */
  collabConnections: ConnectionSlots;
  /** Where the counts live. */
  countedIn: "redis" | "this process";
  close: () => Promise<void>;
};

export function createLimits(config: Config, log: Logger): Limits {
  const perMinute = config.authRateLimitPerMinute;
  const caps = { perPerson: config.collabMaxConnectionsPerPerson, perAddress: config.collabMaxConnectionsPerAddress };
  if (!config.redisUrl) {
    return {
      authAttempts: localRateLimiter(perMinute, perMinute / 60),
      collabConnections: new LocalConnectionSlots(caps),
      countedIn: "this process",
      close: async () => {},
    };
  }
  const counters = new RedisCounters(config.redisUrl, log);
  const collabConnections = new SharedConnectionSlots(counters, caps);
  return {
    authAttempts: new SharedRateLimiter(counters, "auth", perMinute, perMinute / 60),
    collabConnections,
    countedIn: "redis",
    close: async () => {
      collabConnections.close();
      await counters.close();
    },
  };
}
