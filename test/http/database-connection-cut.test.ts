// What a person sees when the database cuts a request's connection under it
// (pg_terminate_backend, as a failover or an operator would): a page read runs
// again on a fresh connection and answers as if nothing happened; a form post
// answers 503 with its text kept and a sentence that says what to do, and is
// not run twice; the session read before any page code runs is read again
// too, and only when every try is cut is the answer a 503 "try again" page in
// the reader's language, never a 500. PostgreSQL only: PGlite has no
// other connections to cut.
//
// Each cut is made deterministic with a lock: the test holds a lock on the
// table the request needs, waits until the server's query is queued behind it,
// terminates that backend, then lets go.
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { proposals } from "../../db/schema";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import type { Logger } from "../../server/log";
import { startTestServer, type TestServer } from "../support/test-server";

const onPostgres = Boolean(process.env.DATABASE_URL);

describe.skipIf(!onPostgres)("a database connection cut under a request", () => {
  let t: TestDatabase;
  let server: TestServer;
  let admin: postgres.Sql;
  let cookie: string;
  // What the server logged (warnings and errors), shown when a status is not the one expected.
  const logged: string[] = [];
  const capture: Logger = {
    info: () => {},
    warn: (msg, fields) => void logged.push(JSON.stringify({ level: "warn", msg, ...fields })),
    error: (msg, fields) => void logged.push(JSON.stringify({ level: "error", msg, ...fields })),
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    server = await startTestServer(t.db, {}, {}, capture);
    admin = postgres(t.url!, { max: 3, onnotice: () => {} });
    const org = await createOrg(t.db);
    const alumnus = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
    cookie = await sessionCookieFor(t.db, alumnus.id);
  }, 60_000);
  afterAll(async () => {
    await admin?.end({ timeout: 1 });
    await server?.stop();
    await t?.drop();
  });

  /**
   * Sends `request` while `table` is locked, waits for a server backend queued
   * behind the lock and terminates it, then releases the lock. With `every`,
   * the lock is held and each backend that queues is terminated until the
   * request is answered: every try is cut.
   */
  /** The answer's status and text, read whole before anything is asserted, with what the server logged while it was made. */
  async function answered(res: Response, since: number) {
    const html = await res.text();
    return { status: res.status, html, text: mainText(html), why: `answer ${res.status}: ${mainText(html).slice(0, 300)}\nserver log:\n${logged.slice(since).join("\n").slice(0, 4000)}` };
  }

  async function cutWhileWaiting(table: string, request: () => Promise<Response>, { every = false } = {}): Promise<{ res: Response; terminated: number }> {
    const lock = await admin.reserve();
    try {
      await lock`begin`;
      await lock`lock table ${lock(table)} in access exclusive mode`;
      const [locker] = await lock<{ pid: number }[]>`select pg_backend_pid() as pid`;
      let answered = false;
      const pending = request().finally(() => void (answered = true));
      let terminated = 0;
      for (let i = 0; i < 200 && !answered && (every || terminated === 0); i++) {
        await new Promise((r) => setTimeout(r, 25));
        const waiting = await admin<{ pid: number }[]>`
          select pid from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and pid <> ${locker!.pid} and pid <> pg_backend_pid()`;
        for (const { pid } of waiting) await admin`select pg_terminate_backend(${pid})`;
        terminated += waiting.length;
      }
      expect(terminated, `a server query waiting on ${table} was cut`).toBeGreaterThan(0);
      await lock`commit`;
      return { res: await pending, terminated };
    } finally {
      lock.release();
    }
  }

  test("a page whose query lost its connection is read again and answers 200", async () => {
    const since = logged.length;
    const { res, terminated } = await cutWhileWaiting("proposals", () => server.request("/proposals", { headers: { Cookie: cookie } }));
    expect(terminated).toBeGreaterThan(0);
    const a = await answered(res, since);
    expect(a.status, a.why).toBe(200);
    expect(a.text).not.toContain("Something went wrong");
  });

  test("a form post whose work lost its connection answers 503, keeps what was typed, says what to do, and stored nothing", async () => {
    const title = `Cut mid-save ${Date.now()}`;
    const fields = { title, challenge: "The database went away while this was saved.", mindset: "collaboration", questions: "What did you type?", suggestedMode: "curated", visibility: "organisation" };
    const since = logged.length;
    const { res } = await cutWhileWaiting("proposals", () => postForm(server, "/proposals/new", fields, cookie));
    const { status, text, why } = await answered(res, since);
    expect(status, why).toBe(503);
    expect(text).toContain("We lost the connection to the database while saving this, so it may not have been saved.");
    expect(text).toContain(fields.challenge);
    expect(await t.db.select().from(proposals).where(eq(proposals.title, title))).toEqual([]);
    // Sent again, it is saved once.
    const again = await postForm(server, "/proposals/new", fields, cookie);
    expect(again.status).toBe(302);
    expect(await t.db.select().from(proposals).where(eq(proposals.title, title))).toHaveLength(1);
  });

  test("the same post for a Japanese reader says it in Japanese", async () => {
    const reader = await createUser(t.db, { orgId: (await createOrg(t.db, { defaultLanguage: "ja" })).id, roles: ["alumnus"] });
    const readerCookie = await sessionCookieFor(t.db, reader.id);
    const fields = { title: `切断 ${Date.now()}`, challenge: "保存中に接続が切れました。", mindset: "collaboration", questions: "何を入力しましたか？", suggestedMode: "curated", visibility: "organisation" };
    const since = logged.length;
    const { res } = await cutWhileWaiting("proposals", () => postForm(server, "/proposals/new", fields, readerCookie));
    const { status, text, why } = await answered(res, since);
    expect(status, why).toBe(503);
    expect(text).toContain("保存中にデータベースとの接続が切れたため");
    expect(text).toContain(fields.challenge);
  });

  const freshCookie = async () => sessionCookieFor(t.db, (await createUser(t.db, { orgId: (await createOrg(t.db, { defaultLanguage: "ja" })).id, roles: ["alumnus"] })).id);

  test("a connection lost while reading the session, before the page runs, is read again: the page answers 200", async () => {
    const cookie = await freshCookie();
    const since = logged.length;
    const { res, terminated } = await cutWhileWaiting("sessions", () => server.request("/proposals", { headers: { Cookie: cookie } }));
    expect(terminated).toBeGreaterThan(0);
    const a = await answered(res, since);
    expect(a.status, a.why).toBe(200);
  });

  test("a session read cut on every try is a 503 try-again page in the reader's language, and the next request is served", async () => {
    const cookie = await freshCookie();
    // The first try and both retries (READ_RETRY_DELAYS_MS) are cut.
    const since = logged.length;
    const { res } = await cutWhileWaiting("sessions", () => server.request("/proposals", { headers: { Cookie: cookie, "Accept-Language": "ja" } }), { every: true });
    const a = await answered(res, since);
    expect(a.status, a.why).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(a.html).toContain('<html lang="ja">');
    expect(a.text).toContain("一時的にデータベースとの接続が切れました");
    const nextSince = logged.length;
    const next = await answered(await server.request("/proposals", { headers: { Cookie: cookie } }), nextSince);
    expect(next.status, next.why).toBe(200);
  });
});
