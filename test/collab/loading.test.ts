// Loading a draft: once however many join at once, never over content that
// could not be read, and seeded from the published revision only the first time.
import { eq, sql } from "drizzle-orm";
import { collabSnapshots, collabUpdates } from "../../db/schema";
import { connectClient, eventually, typeInto, upgradeStatus, type CollabClient } from "../support/collab-client";
import { createCoauthor, createDraftToEdit, moduleDoc } from "../support/factories";
import { storedDocument } from "../support/stored-document";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
const clients: CollabClient[] = [];
const connect = (...args: Parameters<typeof connectClient>) => {
  const client = connectClient(...args);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

/** Holds a lock on a table until the returned function is called, so whoever reads it waits. */
async function holdTable(table: "collab_snapshots" | "collab_updates") {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const done = t.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`lock table ${table} in access exclusive mode`));
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await done;
  };
}

test("fifty people opening a cold draft at once cause one load, and all see the same content", async () => {
  const { documentName, cookie, module, org } = await createDraftToEdit(t.db, { doc: moduleDoc({ intro: "Fifty at once." }) });
  // Fifty different people: one person may hold only so many sockets (COLLAB_MAX_CONNECTIONS_PER_PERSON).
  const coauthors = await Promise.all(Array.from({ length: 49 }, () => createCoauthor(t.db, { moduleId: module.id, orgId: org.id })));
  const cookies = [cookie, ...coauthors.map((c) => c.cookie)];
  const loadsBefore = server.collab.rooms.loads;
  // While the load waits for the table, every other socket arrives and must wait for that same load.
  const unlock = await holdTable("collab_snapshots");
  const many = cookies.map((c) => connect(server, documentName, c));
  await new Promise((r) => setTimeout(r, 500));
  await unlock();
  await eventually(() => expect(many.every((c) => c.provider.synced)).toBe(true), 15_000);
  expect(server.collab.rooms.loads - loadsBefore).toBe(1);
  const texts = new Set(many.map((c) => c.text()));
  expect(texts.size).toBe(1);
  expect([...texts][0]!.match(/Fifty at once\./g)).toHaveLength(1);
  expect(server.collab.connections().filter((c) => c.identity.documentName === documentName)).toHaveLength(50);
}, 30_000);

test("a draft whose stored state cannot be read refuses everyone with 503 and overwrites nothing", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const first = connect(server, documentName, cookie);
  await eventually(() => expect(first.provider.synced).toBe(true));
  typeInto(first, " stored before the damage");
  await eventually(() => expect(first.acked()).toBe(first.sent()));
  first.destroy();
  await eventually(() => expect(server.collab.rooms.open.has(documentName)).toBe(false));
  // And its compaction, which runs after the unload: otherwise it races the damage below.
  await server.collab.rooms.settle();

  // Damage the snapshot: half of it, as a torn write would leave it.
  const before = await storedDocument(t.db, documentName);
  const torn = before.snapshot!.state.slice(0, before.snapshot!.state.length >> 1);
  await t.db.update(collabSnapshots).set({ state: torn }).where(eq(collabSnapshots.documentName, documentName));
  const statuses = await Promise.all(Array.from({ length: 5 }, () => upgradeStatus(server, documentName, { cookie })));
  expect(statuses).toEqual([503, 503, 503, 503, 503]);
  expect(server.services.metrics.rejected.get("load_failed")).toBeGreaterThan(0);
  expect(server.collab.rooms.open.has(documentName)).toBe(false);
  const [snapshot] = await t.db.select().from(collabSnapshots).where(eq(collabSnapshots.documentName, documentName));
  expect(Buffer.from(snapshot!.state).equals(Buffer.from(torn))).toBe(true);
  expect((await t.db.select({ id: collabUpdates.id }).from(collabUpdates).where(eq(collabUpdates.documentName, documentName))).map((r) => r.id)).toEqual(before.updateIds);

  // Repaired, it loads again with everything that was stored.
  await t.db.update(collabSnapshots).set({ state: before.snapshot!.state }).where(eq(collabSnapshots.documentName, documentName));
  const again = connect(server, documentName, cookie);
  await eventually(() => expect(again.provider.synced).toBe(true));
  expect(again.text()).toContain("stored before the damage");
});

test("while the database cannot be read, opening a draft is refused with 503 and nothing is written", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const writer = connect(server, documentName, cookie);
  await eventually(() => expect(writer.provider.synced).toBe(true));
  typeInto(writer, " safely stored");
  await eventually(() => expect(writer.acked()).toBe(writer.sent()));
  writer.destroy();
  await eventually(() => expect(server.collab.rooms.open.has(documentName)).toBe(false));
  // The room leaves the open list before its closing compaction is written; wait for it, or "before" is read mid-way.
  await server.collab.rooms.settle();
  const before = await storedDocument(t.db, documentName);

  await t.db.execute(sql`alter table collab_updates rename to collab_updates_away`);
  try {
    expect(await upgradeStatus(server, documentName, { cookie })).toBe(503);
    expect(server.collab.rooms.open.has(documentName)).toBe(false);
  } finally {
    await t.db.execute(sql`alter table collab_updates_away rename to collab_updates`);
  }
  const after = await storedDocument(t.db, documentName);
  expect(Buffer.from(after.snapshot!.state).equals(Buffer.from(before.snapshot!.state))).toBe(true);
  expect(after.updateIds).toEqual(before.updateIds);
  expect(after.text).toContain("safely stored");
});

test("a draft is seeded from the published revision once: after a restart its text is not doubled", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db, { doc: moduleDoc({ intro: "Seeded exactly once." }) });
  let current = await startTestServer(t.db);
  try {
    const a = connect(current, documentName, cookie);
    await eventually(() => expect(a.provider.synced).toBe(true));
    typeInto(a, " plus an edit");
    await eventually(() => expect(a.acked()).toBe(a.sent()));
    a.destroy();
    await current.stop();
    current = await startTestServer(t.db);
    const b = connect(current, documentName, cookie);
    await eventually(() => expect(b.provider.synced).toBe(true));
    expect(b.text().match(/Seeded exactly once\./g)).toHaveLength(1);
    expect(b.text().match(/plus an edit/g)).toHaveLength(1);
  } finally {
    await current.stop();
  }
});

test("two servers opening the same cold draft at the same moment seed it once", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db, { doc: moduleDoc({ intro: "Raced for." }) });
  const other = await startTestServer(t.db);
  try {
    const a = connect(server, documentName, cookie);
    const b = connect(other, documentName, cookie);
    await eventually(() => expect(a.provider.synced && b.provider.synced).toBe(true));
    expect(a.text().match(/Raced for\./g)).toHaveLength(1);
    expect(b.text()).toBe(a.text());
    const stored = await storedDocument(t.db, documentName);
    expect(stored.text).toBe(a.text());
  } finally {
    await other.stop();
  }
});

test("a server that stops while someone is still being let in turns them away and stops promptly", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const stopping = await startTestServer(t.db);
  const unlock = await holdTable("collab_snapshots");
  let unlocked = false;
  try {
    const attempt = upgradeStatus(stopping, documentName, { cookie }).catch(() => "closed");
    await new Promise((r) => setTimeout(r, 300)); // the upgrade is now waiting on the database
    const stopped = stopping.stop();
    await unlock();
    unlocked = true;
    const started = Date.now();
    await stopped;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await attempt).toBe(503);
  } finally {
    if (!unlocked) await unlock();
  }
});
