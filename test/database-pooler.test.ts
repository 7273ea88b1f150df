// Behind PgBouncer in transaction mode (DATABASE_POOLER=pgbouncer-transaction):
// no named prepared statements, no startup parameters, and migrations over
// their own direct connection. PostgreSQL only: PGlite has no pooler.
import crypto from "node:crypto";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/open-database";
import { createSession, validateSessionToken } from "../app/domain/accounts/sessions.server";
import { createOrg, createUser } from "./support/factories";

const base = process.env.DATABASE_URL;

describe.skipIf(!base)("a database behind a transaction pooler", () => {
  const name = `rt_pooler_${crypto.randomBytes(5).toString("hex")}`;
  let url = "";
  let admin: postgres.Sql;

  beforeAll(async () => {
    admin = postgres(base!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(base!);
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  const preparedCount = async (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => {
    // Run the same query on every connection of the pool, then count what each holds.
    const counts = await Promise.all(
      [0, 1].map(() => db.execute(sql`select count(*)::int as n from pg_prepared_statements, pg_sleep(0.05)`)),
    );
    return Math.max(...counts.map((rows) => Number((rows as unknown as { n: number }[])[0]!.n)));
  };

  test("migrates over the direct URL, prepares nothing, and says when the planner setting is missing", async () => {
    const opened = await openDatabase({ databaseUrl: url, maxConnections: 2, pooler: "pgbouncer-transaction", migrationUrl: url });
    try {
      const tables = await opened.db.execute(sql`select count(*)::int as n from information_schema.tables where table_name in ('users', 'modules', 'collab_updates')`);
      expect(Number((tables as unknown as { n: number }[])[0]!.n)).toBe(3);
      expect(opened.warnings.join("\n")).toMatch(/random_page_cost is 4 through the pooler; search plans expect 1\.1/);
      for (let i = 0; i < 3; i++) await preparedCount(opened.db);
      expect(await preparedCount(opened.db)).toBe(0);
    } finally {
      await opened.close();
    }
    await admin.unsafe(`alter database ${name} set random_page_cost = 1.1`);
    const again = await openDatabase({ databaseUrl: url, maxConnections: 2, pooler: "pgbouncer-transaction", migrationUrl: url });
    try {
      expect(again.warnings).toEqual([]);
    } finally {
      await again.close();
    }
  });

  // The session lookup every request makes is built once (db/prepared-query.ts): a named statement on a direct connection only.
  const sessionStatements = async (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => {
    const counts = await Promise.all(
      [0, 1].map(() => db.execute(sql`select count(*)::int as n from pg_prepared_statements, pg_sleep(0.05) where statement like '%from "sessions" inner join "users"%'`)),
    );
    return Math.max(...counts.map((rows) => Number((rows as unknown as { n: number }[])[0]!.n)));
  };

  test("the queries every request runs are prepared on a direct connection and not through the pooler, and answer the same", async () => {
    for (const pooler of ["pgbouncer-transaction", "none"] as const) {
      const opened = await openDatabase({ databaseUrl: url, maxConnections: 2, pooler, migrationUrl: url });
      try {
        const user = await createUser(opened.db, { orgId: (await createOrg(opened.db)).id, roles: ["participant"] });
        const { token } = await createSession(opened.db, user.id);
        const answers = await Promise.all(Array.from({ length: 6 }, () => validateSessionToken(opened.db, token)));
        for (const answer of answers) expect(answer?.user).toMatchObject({ id: user.id, roles: ["participant"] });
        expect(await validateSessionToken(opened.db, token.replace(/^./, (c) => (c === "a" ? "b" : "a")))).toBeNull();
        if (pooler === "none") expect(await sessionStatements(opened.db)).toBeGreaterThan(0);
        else expect(await sessionStatements(opened.db)).toBe(0);
      } finally {
        await opened.close();
      }
    }
  });

  test("without the pooler, statements are prepared as before (the check above can tell)", async () => {
    const opened = await openDatabase({ databaseUrl: url, maxConnections: 2 });
    try {
      for (let i = 0; i < 3; i++) await preparedCount(opened.db);
      expect(await preparedCount(opened.db)).toBeGreaterThan(0);
      expect(opened.warnings).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
