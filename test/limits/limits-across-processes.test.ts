// Every limit per person and per address holds across two processes, and
// going over it gets the documented answer (docs/limits.md) in the person's
// language: HTTP 429 for the sign-in budget, the sign-in throttle and the
// editing connections, the close codes for what one socket sends (4429 too
// fast, 1009 a message too large, 4413 the document full), 413 for a body
// too large. Like the other two-process tests, these are two servers, each
// with all its own services, sharing one PostgreSQL database (so they need
// DATABASE_URL; CI runs them in its PostgreSQL pass) and a private
// redis-server. Each test speaks from its own client address
// (X-Forwarded-For, with TRUST_PROXY), so the address limits of one test do
// not touch another's.
import type { ChildProcess } from "node:child_process";
import { eq } from "drizzle-orm";
import type WebSocket from "ws";
import { users } from "../../db/schema";
import { CLOSE, DEFAULT_CONNECTION_LIMITS } from "../../server/collab/connection";
import { MESSAGE_QUERY_AWARENESS } from "../../server/collab/protocol";
import { closedWithReason, connectClient, eventually, openRawSocket, typeInto, upgradeAnswer, type CollabClient } from "../support/collab-client";
import { createCoauthor, createDraftToEdit, createUser, TEST_PASSWORD } from "../support/factories";
import { formBody, mainText } from "../support/http-helpers";
import { freePort, startRedis, stopRedis } from "../support/private-redis";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, sameOriginForm, type TestServer } from "../support/test-server";

const onPostgres = Boolean(process.env.DATABASE_URL);

let t: TestDatabase;
let redis: ChildProcess | null = null;
let one: TestServer;
let two: TestServer;
const clients: CollabClient[] = [];
const sockets: WebSocket[] = [];
let nextAddress = 1;
/** A client address of the test's own. */
const address = () => `203.0.113.${nextAddress++}`;

const ENV = {
  TRUST_PROXY: "true",
  AUTH_RATE_LIMIT_PER_MINUTE: "3",
  COLLAB_MAX_CONNECTIONS_PER_PERSON: "3",
  COLLAB_MAX_CONNECTIONS_PER_ADDRESS: "4",
};
const COLLAB = { maxDocumentBytes: 40_000, limits: { ...DEFAULT_CONNECTION_LIMITS, messageBurst: 40, messagesPerSecond: 20 } };

async function raw(server: TestServer, documentName: string, cookie: string, from: string) {
  const ws = await openRawSocket(server, documentName, cookie, { headers: { "X-Forwarded-For": from } });
  sockets.push(ws);
  return ws;
}

/** A sign-in form posted from `from`, in Japanese. */
function signIn(server: TestServer, from: string, email: string, password: string) {
  return server.request("/login", {
    method: "POST",
    headers: { ...sameOriginForm(server), "X-Forwarded-For": from, "Accept-Language": "ja" },
    body: formBody({ email, password }),
  });
}

/** A co-author of the module who reads Japanese (their own choice on /profile). */
async function japaneseCoauthor(moduleId: string, orgId: string) {
  const coauthor = await createCoauthor(t.db, { moduleId, orgId });
  await t.db.update(users).set({ language: "ja" }).where(eq(users.id, coauthor.user.id));
  return coauthor;
}

describe.skipIf(!onPostgres)("limits across two processes (needs DATABASE_URL)", () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    const port = await freePort();
    redis = await startRedis(port);
    const env = { ...ENV, REDIS_URL: `redis://127.0.0.1:${port}` };
    one = await startTestServer(t.db, env, COLLAB);
    two = await startTestServer(t.db, env, COLLAB);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const ws of sockets.splice(0)) ws.terminate();
  });

  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await stopRedis(redis);
    await t?.drop();
  });

  test("one address's sign-in budget is spent on both processes together; the next attempt gets 429 in the reader's language", async () => {
    expect([one, two].map((s) => s.services.limits.countedIn)).toEqual(["redis", "redis"]);
    const from = address();
    const statuses = [];
    for (const server of [one, two, one]) statuses.push((await signIn(server, from, "nobody@example.test", "not the password")).status);
    expect(statuses).toEqual([400, 400, 400]);
    for (const server of [two, one]) {
      const refused = await signIn(server, from, "nobody@example.test", "not the password");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(mainText(await refused.text())).toContain("お使いのネットワークからの試行回数が多すぎます。1 分ほど待ってからもう一度お試しください。");
    }
    // Another address still has its whole budget.
    expect((await signIn(two, address(), "nobody@example.test", "not the password")).status).toBe(400);
  });

  test("one account's sign-in throttle counts failures on both processes; then the right password gets 429 on either", async () => {
    const { org } = await createDraftToEdit(t.db);
    const person = await createUser(t.db, { orgId: org.id });
    // Each attempt from its own address, so only the account's throttle is at work.
    for (let i = 0; i < 5; i++) expect((await signIn(i % 2 ? two : one, address(), person.email, `wrong ${i}`)).status).toBe(400);
    for (const server of [one, two]) {
      const locked = await signIn(server, address(), person.email, TEST_PASSWORD);
      expect(locked.status).toBe(429);
      expect(mainText(await locked.text())).toMatch(/このメールアドレスでのログイン試行が多すぎます。\d+ 秒待ってから/);
    }
  });

  test("a person's editing sockets on both processes count together; one more gets 429 in their language, and closing one frees a slot on either", async () => {
    const { documentName, module, org } = await createDraftToEdit(t.db);
    const { cookie } = await japaneseCoauthor(module.id, org.id);
    const from = () => ({ headers: { "X-Forwarded-For": address() } });
    const first = await raw(one, documentName, cookie, address());
    await raw(two, documentName, cookie, address());
    await raw(one, documentName, cookie, address());
    for (const server of [one, two]) {
      const refused = await upgradeAnswer(server, documentName, { cookie, ...from() });
      expect(refused.status).toBe(429);
      expect(refused.text).toBe("同時に開いている下書きとノートが多すぎます（上限 3）。タブやウィンドウをいくつか閉じてください。この画面は自動で接続し直します。");
    }
    expect(one.services.metrics.rejected.get("connection_limit_person")).toBe(1);
    expect(two.services.metrics.rejected.get("connection_limit_person")).toBe(1);

    first.close();
    await eventually(async () => expect((await upgradeAnswer(two, documentName, { cookie, ...from() })).status).toBe(101));
  });

  test("an address's editing sockets on both processes count together, whoever opens them; one more gets 429 in the browser's language", async () => {
    const { documentName, cookie, module, org } = await createDraftToEdit(t.db);
    const coauthor = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
    const office = address();
    await raw(one, documentName, cookie, office);
    await raw(two, documentName, cookie, office);
    await raw(one, documentName, coauthor.cookie, office);
    await raw(two, documentName, coauthor.cookie, office);
    for (const server of [one, two]) {
      // Refused before the session is looked up, so in the browser's language.
      const refused = await upgradeAnswer(server, documentName, { cookie, headers: { "X-Forwarded-For": office, "Accept-Language": "ja" } });
      expect(refused).toEqual({ status: 429, text: "お使いのネットワークからの同時接続が多すぎます。しばらくすると自動で接続し直します。" });
    }
    expect((await upgradeAnswer(two, documentName, { cookie, headers: { "X-Forwarded-For": office } })).text).toBe(
      "Too many connections from your network at once. This one connects again by itself shortly.",
    );
  });

  test("the document's size limit counts what co-authors store through either process; the change that would pass it closes with 4413, in the writer's language", async () => {
    const { documentName, cookie, module, org } = await createDraftToEdit(t.db);
    const coauthor = await japaneseCoauthor(module.id, org.id);
    const onOne = connectClient(one, documentName, coauthor.cookie);
    const onTwo = connectClient(two, documentName, cookie);
    clients.push(onOne, onTwo);
    await eventually(() => expect(onOne.provider.synced && onTwo.provider.synced).toBe(true));
    // 15 KB from each process: 30 KB and the seed, under 40 KB.
    typeInto(onOne, ` ${"a".repeat(15_000)}`);
    await eventually(() => expect(onOne.acked()).toBe(onOne.sent()));
    typeInto(onTwo, ` ${"b".repeat(15_000)}`);
    await eventually(() => expect(onTwo.acked()).toBe(onTwo.sent()));
    await eventually(() => expect(onOne.text()).toContain("b".repeat(15_000)));
    // 12 KB more on process one: alone it would have stored 27 KB and the seed, but the document would pass 40 KB.
    typeInto(onOne, ` ${"c".repeat(12_000)}`);
    await eventually(() => expect(onOne.closeCodes()).toContain(CLOSE.tooLarge));
    expect(onOne.closeReasons()[onOne.closeCodes().indexOf(CLOSE.tooLarge)]).toBe("文書がサイズの上限に達しました。");
    expect(onTwo.text()).not.toContain("ccc");
    expect(onTwo.closeCodes()).toEqual([]);
  });

  test("a socket sending faster than its allowance is closed with 4429 in the sender's language; the same person's socket on the other process stays", async () => {
    const { documentName, module, org } = await createDraftToEdit(t.db);
    const coauthor = await japaneseCoauthor(module.id, org.id);
    const steady = connectClient(one, documentName, coauthor.cookie);
    clients.push(steady);
    await eventually(() => expect(steady.provider.synced).toBe(true));
    const flood = await raw(two, documentName, coauthor.cookie, address());
    const closed = closedWithReason(flood);
    for (let i = 0; i < 60; i++) flood.send(Uint8Array.of(MESSAGE_QUERY_AWARENESS));
    expect(await closed).toEqual({ code: CLOSE.rateLimited, reason: "短い間の変更が多すぎます。接続し直します。" });
    typeInto(steady, " still here");
    await eventually(() => expect(steady.acked()).toBe(steady.sent()));
    expect(steady.closeCodes()).toEqual([]);
  });

  test("a message over 1 MiB is closed with 1009 and a reason in the sender's language", async () => {
    const { documentName, module, org } = await createDraftToEdit(t.db);
    const coauthor = await japaneseCoauthor(module.id, org.id);
    const sender = await raw(two, documentName, coauthor.cookie, address());
    const closed = closedWithReason(sender);
    sender.send(new Uint8Array(1024 * 1024 + 1));
    expect(await closed).toEqual({ code: 1009, reason: "1 回の変更が 1 MB を超えました。" });
  });

  test("a request body over 1 MB is refused with 413 in the browser's language", async () => {
    const res = await two.request("/login", {
      method: "POST",
      headers: { ...sameOriginForm(two), "Accept-Language": "ja", "Content-Length": String(1024 * 1024 + 1) },
      body: "x".repeat(1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    const page = await res.text();
    expect(page).toContain('<html lang="ja">');
    expect(mainText(page)).toContain("Roundtable が一度に受け付けられる量（1 MB）を超えています。");
  });
});
