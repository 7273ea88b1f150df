// Two server processes on one PostgreSQL database, fanning out through Redis:
// a client on each converges, and keeps converging across a Redis restart.
// PGlite cannot be shared between processes, so this needs DATABASE_URL (CI
// runs it in its PostgreSQL pass). Redis is a private redis-server started
// here on a free port, so restarting it disturbs nobody else.
import type { ChildProcess } from "node:child_process";
import { connectClient, eventually, typeInto, type CollabClient } from "../support/collab-client";
import { createCoauthor, createDraftToEdit } from "../support/factories";
import { freePort, startRedis, stopRedis } from "../support/private-redis";
import { storedDocument } from "../support/stored-document";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

const onPostgres = Boolean(process.env.DATABASE_URL);

describe.skipIf(!onPostgres)("two processes sharing PostgreSQL and Redis (needs DATABASE_URL)", () => {
  let t: TestDatabase;
  let redisPort: number;
  let redis: ChildProcess | null = null;
  let one: TestServer;
  let two: TestServer;
  const clients: CollabClient[] = [];
  const connect = (...args: Parameters<typeof connectClient>) => {
    const client = connectClient(...args);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    const env = { REDIS_URL: `redis://127.0.0.1:${redisPort}` };
    one = await startTestServer(t.db, env);
    two = await startTestServer(t.db, env);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });

  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await stopRedis(redis);
    await t?.drop();
  });

  async function pairOnBothServers() {
    const draft = await createDraftToEdit(t.db);
    const coauthor = await createCoauthor(t.db, { moduleId: draft.module.id, orgId: draft.org.id });
    const a = connect(one, draft.documentName, draft.cookie);
    const b = connect(two, draft.documentName, coauthor.cookie);
    await eventually(() => expect(a.provider.synced && b.provider.synced).toBe(true));
    return { ...draft, coauthor: coauthor.user, a, b };
  }

  test("a client on each process sees the other's edits and presence", async () => {
    const { a, b, documentName, lead, coauthor } = await pairOnBothServers();
    typeInto(a, " from-process-one");
    typeInto(b, " from-process-two");
    await eventually(() => {
      expect(a.text()).toContain("from-process-two");
      expect(b.text()).toContain("from-process-one");
      expect(a.text()).toBe(b.text());
    });
    await eventually(() => expect(a.acked() === a.sent() && b.acked() === b.sent()).toBe(true));
    expect((await storedDocument(t.db, documentName)).text).toBe(a.text());

    a.provider.awareness.setLocalStateField("user", { name: "On one" });
    b.provider.awareness.setLocalStateField("user", { name: "On two" });
    await eventually(() => {
      // Each server stamps who its socket really is over what the client claimed (docs/decisions/008), across processes too.
      expect(b.provider.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { id: lead.id, name: lead.name } });
      expect(a.provider.awareness.getStates().get(b.doc.clientID)).toEqual({ user: { id: coauthor.id, name: coauthor.name } });
    });
    expect(a.closeCodes()).toEqual([]);
    expect(b.closeCodes()).toEqual([]);
  });

  test("edits made while Redis is down reach the other process once it is back, and later ones too", async () => {
    const { a, b } = await pairOnBothServers();
    try {
      await stopRedis(redis);
      redis = null;
      typeInto(a, " during-outage-one");
      typeInto(b, " during-outage-two");
      // Still stored and acknowledged: Redis is only for fan-out.
      await eventually(() => expect(a.acked() === a.sent() && b.acked() === b.sent()).toBe(true));
      await new Promise((r) => setTimeout(r, 500));
      expect(a.text()).not.toContain("during-outage-two");
    } finally {
      redis ??= await startRedis(redisPort);
    }
    await eventually(() => {
      expect(a.text()).toContain("during-outage-two");
      expect(b.text()).toContain("during-outage-one");
    }, 15_000);
    typeInto(a, " after-restart-one");
    typeInto(b, " after-restart-two");
    await eventually(() => {
      expect(a.text()).toContain("after-restart-two");
      expect(b.text()).toContain("after-restart-one");
      expect(a.text()).toBe(b.text());
    }, 10_000);
  }, 40_000);

  test("a draft opened while Redis is down still opens, and catches up when Redis is back", async () => {
    const draft = await createDraftToEdit(t.db);
    const coauthor = await createCoauthor(t.db, { moduleId: draft.module.id, orgId: draft.org.id });
    const a = connect(one, draft.documentName, draft.cookie);
    await eventually(() => expect(a.provider.synced).toBe(true));
    let b: CollabClient;
    try {
      await stopRedis(redis);
      redis = null;
      b = connect(two, draft.documentName, coauthor.cookie);
      await eventually(() => expect(b.provider.synced).toBe(true), 10_000);
      typeInto(b, " opened-during-outage");
      await eventually(() => expect(b.acked()).toBe(b.sent()));
    } finally {
      redis ??= await startRedis(redisPort);
    }
    await eventually(() => expect(a.text()).toContain("opened-during-outage"), 15_000);
    typeInto(a, " and-back");
    await eventually(() => expect(b.text()).toContain("and-back"), 10_000);
  }, 40_000);

  test("a process stops promptly while Redis is down, storing what it accepted", async () => {
    const third = await startTestServer(t.db, { REDIS_URL: `redis://127.0.0.1:${redisPort}` });
    const { documentName, cookie } = await createDraftToEdit(t.db);
    const a = connect(third, documentName, cookie);
    await eventually(() => expect(a.provider.synced).toBe(true));
    try {
      await stopRedis(redis);
      redis = null;
      typeInto(a, " accepted-before-stopping");
      await eventually(() => expect(a.acked()).toBe(a.sent()));
      const started = Date.now();
      await third.stop();
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      redis ??= await startRedis(redisPort);
    }
    expect((await storedDocument(t.db, documentName)).text).toContain("accepted-before-stopping");
  }, 40_000);
});
