// Reads and validates the environment once at boot. A wrong value stops the
// process with a message naming the variable and what it expects.
import path from "node:path";
import { z } from "zod";

const url = (protocols: string[], what: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `must be ${what}`);

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"], {
    errorMap: () => ({ message: "must be true or false" }),
  })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], {
      errorMap: () => ({ message: "must be one of development, production, test" }),
    })
    .default("development"),
  PORT: z.coerce
    .number({ invalid_type_error: "must be a whole number between 0 and 65535" })
    .int("must be a whole number between 0 and 65535")
    .min(0, "must be a whole number between 0 and 65535")
    .max(65535, "must be a whole number between 0 and 65535")
    .default(3000),
  HOST: z.string().trim().min(1, "must be a host name or address").default("0.0.0.0"),
  DATABASE_URL: url(["postgres:", "postgresql:"], "a postgres:// or postgresql:// URL").optional(),
  DATABASE_POOL_SIZE: z.coerce
    .number({ invalid_type_error: "must be a whole number of connections" })
    .int("must be a whole number of connections")
    .min(2, "must be at least 2")
    .max(1000, "must be at most 1000")
    .default(10),
  DATABASE_POOLER: z
    .enum(["none", "pgbouncer-transaction"], {
      errorMap: () => ({ message: "must be none or pgbouncer-transaction" }),
    })
    .default("none"),
  DATABASE_MIGRATION_URL: url(["postgres:", "postgresql:"], "a postgres:// or postgresql:// URL").optional(),
  PGLITE_DIR: z.string().trim().min(1, "must be a directory path").default("./data"),
  REDIS_URL: url(["redis:", "rediss:"], "a redis:// or rediss:// URL").optional(),
  PUBLIC_ORIGIN: url(["http:", "https:"], "an origin such as https://roundtable.example.com")
    .refine((v) => {
      let u: URL;
      try {
        u = new URL(v);
      } catch {
        return true; // not a URL at all: the check above reports it
      }
      return u.pathname === "/" && !u.search && !u.hash && !v.endsWith("/");
    }, "must be an origin only, with no path or trailing slash, such as https://roundtable.example.com")
    .optional(),
  SMTP_URL: url(["smtp:", "smtps:"], "an smtp:// or smtps:// URL").optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>@]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, 'must be an address such as "Roundtable <no-reply@example.com>"')
    .default("Roundtable <no-reply@roundtable.localhost>"),
  TRUST_PROXY: booleanString.default("false"),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ invalid_type_error: "must be a whole number of requests per minute" })
    .int("must be a whole number of requests per minute")
    .min(1, "must be at least 1")
    .default(30),
  COLLAB_MAX_CONNECTIONS_PER_PERSON: z.coerce
    .number({ invalid_type_error: "must be a whole number of connections" })
    .int("must be a whole number of connections")
    .min(1, "must be at least 1")
    .default(20),
  COLLAB_MAX_CONNECTIONS_PER_ADDRESS: z.coerce
    .number({ invalid_type_error: "must be a whole number of connections" })
    .int("must be a whole number of connections")
    .min(1, "must be at least 1")
    .default(500),
  REVIEW_REMINDER_HOURS: z.coerce
    .number({ invalid_type_error: "must be a whole number of hours" })
    .int("must be a whole number of hours")
    .min(1, "must be at least 1")
    .default(72),
});

export type Config = {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  host: string;
  databaseUrl: string | null;
  /** Connections this process keeps to PostgreSQL. */
  databasePoolSize: number;
  /** "pgbouncer-transaction" when DATABASE_URL goes through PgBouncer in transaction mode (docs/scaling.md). */
  databasePooler: "none" | "pgbouncer-transaction";
  /** A direct connection for migrations, which hold a session lock a transaction pooler cannot keep. */
  databaseMigrationUrl: string | null;
  pgliteDir: string;
  redisUrl: string | null;
  publicOrigin: string;
  smtpUrl: string | null;
  mailFrom: string;
  trustProxy: boolean;
  authRateLimitPerMinute: number;
  /** Collaboration websockets one person may hold open at once in this process (several tabs and devices). */
  collabMaxConnectionsPerPerson: number;
  /** Collaboration websockets one client address may hold open at once in this process (an office behind one NAT address). */
  collabMaxConnectionsPerAddress: number;
  /** Review items waiting longer are highlighted, and their reviewers reminded once. */
  reviewReminderHours: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Roundtable cannot start, the configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable counts as unset, as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        const got = present[name];
        return `${name} ${issue.message}${got === undefined ? "" : ` (got "${got}")`}`;
      }),
    );
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === "production";
  if (e.DATABASE_POOLER === "pgbouncer-transaction" && !(e.DATABASE_URL && e.DATABASE_MIGRATION_URL)) {
    throw new ConfigError([
      "DATABASE_POOLER=pgbouncer-transaction needs DATABASE_URL (through PgBouncer) and DATABASE_MIGRATION_URL (straight to PostgreSQL, for migrations)",
    ]);
  }
  if (isProduction && !e.PUBLIC_ORIGIN) {
    throw new ConfigError(["PUBLIC_ORIGIN must be set in production, such as https://roundtable.example.com"]);
  }
  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databasePooler: e.DATABASE_POOLER,
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL ?? null,
    pgliteDir: path.resolve(e.PGLITE_DIR),
    redisUrl: e.REDIS_URL ?? null,
    publicOrigin: e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    trustProxy: e.TRUST_PROXY,
    authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
    collabMaxConnectionsPerPerson: e.COLLAB_MAX_CONNECTIONS_PER_PERSON,
    collabMaxConnectionsPerAddress: e.COLLAB_MAX_CONNECTIONS_PER_ADDRESS,
    reviewReminderHours: e.REVIEW_REMINDER_HOURS,
  };
}
