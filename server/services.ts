// What one server process owns and hands to every request: the database,
// the configuration, the logger and the in-memory limiters.
import type { Database } from "../db/database";
import type { Config } from "./config";
import type { Logger } from "./log";
import { TokenBucketLimiter } from "./token-bucket";

export type Services = {
  db: Database;
  config: Config;
  log: Logger;
  authLimiter: TokenBucketLimiter;
};

export function createServices(db: Database, config: Config, log: Logger): Services {
  const perMinute = config.authRateLimitPerMinute;
  return { db, config, log, authLimiter: new TokenBucketLimiter(perMinute, perMinute / 60) };
}
