// A database connection that PostgreSQL closes under us (pg_terminate_backend,
// a restart, a pooler dropping it) must fail the queries that were on it,
// never the process. postgres.js 3.4.9 threw from a setImmediate when a write
// was flushed after its socket had gone (porsager/postgres#1208): the soak
// (bench/soak.ts) saw a server process exit on its first
// pg_terminate_backend. patches/postgres+3.4.9.patch guards that write; this
// checks it behaves, on the driver itself. PostgreSQL only.
import postgres from "postgres";

const base = process.env.DATABASE_URL;

describe.skipIf(!base)("a connection PostgreSQL closes under us", () => {
  let admin: postgres.Sql;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => void uncaught.push(error);

  beforeAll(() => {
    admin = postgres(base!, { max: 1, onnotice: () => {} });
    process.on("uncaughtException", onUncaught);
  });
  afterAll(async () => {
    process.off("uncaughtException", onUncaught);
    await admin.end();
  });

  test("a reserved connection whose backend was terminated rejects each later query with CONNECTION_CLOSED, and nothing is thrown outside them", async () => {
    const sql = postgres(base!, { max: 1, onnotice: () => {} });
    try {
      const reserved = await sql.reserve();
      const [row] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await admin`select pg_terminate_backend(${row!.pid})`;
      await new Promise((r) => setTimeout(r, 200));
      for (let i = 0; i < 3; i++) await expect(reserved`select 1`).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
      // Let any write scheduled for the next turn of the event loop run.
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 50));
      expect(uncaught).toEqual([]);
      reserved.release();
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});
