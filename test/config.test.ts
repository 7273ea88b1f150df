// Reading the configuration from the environment: clear refusals naming the
// variable, sensible defaults, and a process that stops before touching data.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError, parseConfig } from "../server/config";
import { ROOT_DIR } from "../server/http-app";

function problemsOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe("refused values name the variable", () => {
  const cases: [string, string, RegExp][] = [
    ["PORT", "abc", /PORT must be a whole number between 0 and 65535 \(got "abc"\)/],
    ["PORT", "70000", /PORT must be a whole number between 0 and 65535 \(got "70000"\)/],
    ["PORT", "80.5", /PORT must be a whole number/],
    ["DATABASE_URL", "mysql://x", /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL \(got "mysql:\/\/x"\)/],
    ["PUBLIC_ORIGIN", "https://roundtable.example.com/app", /PUBLIC_ORIGIN must be an origin only, with no path/],
    ["PUBLIC_ORIGIN", "https://roundtable.example.com/", /PUBLIC_ORIGIN must be an origin only/],
    ["PUBLIC_ORIGIN", "roundtable.example.com", /PUBLIC_ORIGIN must be an origin such as https:\/\/roundtable\.example\.com/],
    ["SMTP_URL", "http://x", /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL \(got "http:\/\/x"\)/],
    ["NODE_ENV", "staging", /NODE_ENV must be one of development, production, test \(got "staging"\)/],
    ["MAIL_FROM", "nonsense", /MAIL_FROM must be an address such as/],
    ["TRUST_PROXY", "maybe", /TRUST_PROXY must be true or false/],
    ["AUTH_RATE_LIMIT_PER_MINUTE", "0", /AUTH_RATE_LIMIT_PER_MINUTE must be at least 1/],
    ["REVIEW_REMINDER_HOURS", "soon", /REVIEW_REMINDER_HOURS must be a whole number of hours/],
    ["COLLAB_MAX_CONNECTIONS_PER_PERSON", "0", /COLLAB_MAX_CONNECTIONS_PER_PERSON must be at least 1/],
    ["COLLAB_MAX_CONNECTIONS_PER_PERSON", "many", /COLLAB_MAX_CONNECTIONS_PER_PERSON must be a whole number of connections/],
    ["COLLAB_MAX_CONNECTIONS_PER_ADDRESS", "2.5", /COLLAB_MAX_CONNECTIONS_PER_ADDRESS must be a whole number of connections/],
    ["DATABASE_POOL_SIZE", "1", /DATABASE_POOL_SIZE must be at least 2/],
    ["DATABASE_POOL_SIZE", "lots", /DATABASE_POOL_SIZE must be a whole number of connections/],
    ["DATABASE_POOLER", "pgpool", /DATABASE_POOLER must be none or pgbouncer-transaction \(got "pgpool"\)/],
    ["DATABASE_MIGRATION_URL", "http://db", /DATABASE_MIGRATION_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
  ];
  for (const [name, value, message] of cases) {
    test(`${name}=${value} is refused`, () => {
      const text = problemsOf({ [name]: value });
      expect(text).toMatch(/^Roundtable cannot start, the configuration is invalid:/);
      expect(text).toMatch(message);
    });
  }

  test("several wrong values are all reported at once", () => {
    const text = problemsOf({ PORT: "abc", SMTP_URL: "http://x", NODE_ENV: "staging" });
    expect(text).toContain("PORT ");
    expect(text).toContain("SMTP_URL ");
    expect(text).toContain("NODE_ENV ");
  });
});

test("the defaults serve development on port 3000 with PGlite in ./data", () => {
  const config = parseConfig({});
  expect(config).toMatchObject({
    nodeEnv: "development",
    isProduction: false,
    port: 3000,
    host: "0.0.0.0",
    databaseUrl: null,
    publicOrigin: "http://localhost:3000",
    smtpUrl: null,
    trustProxy: false,
    authRateLimitPerMinute: 30,
    collabMaxConnectionsPerPerson: 20,
    collabMaxConnectionsPerAddress: 500,
    mailFrom: "Roundtable <no-reply@roundtable.localhost>",
  });
  expect(path.isAbsolute(config.pgliteDir)).toBe(true);
  expect(config.pgliteDir).toBe(path.resolve("./data"));
});

test("the default public origin follows PORT, and empty variables count as unset", () => {
  expect(parseConfig({ PORT: "8080" }).publicOrigin).toBe("http://localhost:8080");
  expect(parseConfig({ PORT: "", DATABASE_URL: "" })).toMatchObject({ port: 3000, databaseUrl: null });
});

test("valid values are read", () => {
  const config = parseConfig({
    NODE_ENV: "production",
    PORT: "8080",
    PUBLIC_ORIGIN: "https://roundtable.example.com",
    DATABASE_URL: "postgresql://rt@db:5432/rt",
    SMTP_URL: "smtps://user:pass@mail.example.com:465",
    MAIL_FROM: "Roundtable <hello@example.com>",
    TRUST_PROXY: "yes",
    AUTH_RATE_LIMIT_PER_MINUTE: "12",
    REVIEW_REMINDER_HOURS: "48",
    COLLAB_MAX_CONNECTIONS_PER_PERSON: "8",
    COLLAB_MAX_CONNECTIONS_PER_ADDRESS: "2000",
    PGLITE_DIR: "/var/lib/roundtable",
  });
  expect(config).toMatchObject({
    nodeEnv: "production",
    isProduction: true,
    port: 8080,
    publicOrigin: "https://roundtable.example.com",
    databaseUrl: "postgresql://rt@db:5432/rt",
    smtpUrl: "smtps://user:pass@mail.example.com:465",
    mailFrom: "Roundtable <hello@example.com>",
    trustProxy: true,
    authRateLimitPerMinute: 12,
    reviewReminderHours: 48,
    collabMaxConnectionsPerPerson: 8,
    collabMaxConnectionsPerAddress: 2000,
    pgliteDir: "/var/lib/roundtable",
  });
});

test("PgBouncer in transaction mode needs a direct URL for migrations", () => {
  expect(problemsOf({ DATABASE_POOLER: "pgbouncer-transaction", DATABASE_URL: "postgres://rt@pgbouncer:6432/rt" })).toContain(
    "DATABASE_POOLER=pgbouncer-transaction needs DATABASE_URL (through PgBouncer) and DATABASE_MIGRATION_URL (straight to PostgreSQL, for migrations)",
  );
  const config = parseConfig({
    DATABASE_POOLER: "pgbouncer-transaction",
    DATABASE_URL: "postgres://rt@pgbouncer:6432/rt",
    DATABASE_MIGRATION_URL: "postgres://rt@db:5432/rt",
    DATABASE_POOL_SIZE: "40",
  });
  expect(config).toMatchObject({
    databasePooler: "pgbouncer-transaction",
    databaseMigrationUrl: "postgres://rt@db:5432/rt",
    databasePoolSize: 40,
  });
  expect(parseConfig({})).toMatchObject({ databasePooler: "none", databaseMigrationUrl: null, databasePoolSize: 10 });
});

test("production without PUBLIC_ORIGIN is refused", () => {
  const text = problemsOf({ NODE_ENV: "production" });
  expect(text).toContain("PUBLIC_ORIGIN must be set in production");
});

test("the server process stops with exit code 1 and names PORT when PORT is wrong, before opening any database", async () => {
  const pgliteDir = path.join(os.tmpdir(), `rt-config-test-${process.pid}-${Date.now()}`);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "abc", PGLITE_DIR: pgliteDir, NODE_ENV: "development" };
  delete env.DATABASE_URL;
  const child = spawn(path.join(ROOT_DIR, "node_modules/.bin/tsx"), ["server/index.ts"], { cwd: ROOT_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (c) => resolve(c));
  });
  expect(code).toBe(1);
  expect(stderr).toContain("Roundtable cannot start, the configuration is invalid");
  expect(stderr).toMatch(/PORT must be a whole number between 0 and 65535 \(got "abc"\)/);
  expect(stdout).not.toContain("Roundtable is running");
  expect(fs.existsSync(pgliteDir)).toBe(false);
});
