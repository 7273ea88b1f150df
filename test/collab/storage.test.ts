// Storing a draft: every accepted update is appended to collab_updates and
// acknowledged only after its commit; compaction folds the rows into the
// snapshot in one transaction; a draft nobody has open is unloaded.
import { eq, sql } from "drizzle-orm";
import { collabSnapshots } from "../../db/schema";
import { connectClient, eventually, typeInto, type CollabClient } from "../support/collab-client";
import { createDraftToEdit } from "../support/factories";
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
  // Compaction after 5 appended rows; never by age during a test.
  server = await startTestServer(t.db, {}, { compaction: { maxRows: 5, maxAgeMs: 60 * 60_000 } });
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

/** Blocks inserts into collab_updates (reads go on) until the returned function is called. */
async function blockInserts() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const done = t.db.transaction(async (tx) => {
    await tx.execute(sql`lock table collab_updates in share mode`);
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await done;
  };
}

test("an edit is acknowledged only once it is stored, and the acknowledgement means it is in the database", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const writer = connect(server, documentName, cookie);
  const reader = connect(server, documentName, cookie);
  await eventually(() => expect(writer.provider.synced && reader.provider.synced).toBe(true));
  const stored: string[] = [];
  writer.onAck(() => void storedDocument(t.db, documentName).then((d) => stored.push(d.text)));

  const unblock = await blockInserts();
  let unblocked = false;
  try {
    typeInto(writer, " WAITING-FOR-THE-DATABASE");
    // The server has it (it reached the other editor) but cannot store it yet.
    await eventually(() => expect(reader.text()).toContain("WAITING-FOR-THE-DATABASE"));
    await new Promise((r) => setTimeout(r, 300));
    expect(writer.sent()).toBeGreaterThan(writer.acked());
    expect(server.services.metrics.toPrometheus()).toMatch(/^roundtable_collab_pending_acks [1-9]/m);
    await unblock();
    unblocked = true;
  } finally {
    if (!unblocked) await unblock();
  }
  await eventually(() => expect(writer.acked()).toBe(writer.sent()));
  await eventually(() => expect(stored.length).toBeGreaterThan(0));
  expect(stored.at(-1)).toContain("WAITING-FOR-THE-DATABASE");
  const rows = await storedDocument(t.db, documentName);
  expect(rows.updateRows).toBeGreaterThan(0);
  expect(rows.text).toContain("WAITING-FOR-THE-DATABASE");
});

test("appended updates are compacted into the snapshot, all or nothing, and the draft reads back the same", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const writer = connect(server, documentName, cookie);
  await eventually(() => expect(writer.provider.synced).toBe(true));
  const seeded = await storedDocument(t.db, documentName);

  // A compaction that fails half-way (its delete is refused) must leave the snapshot as it was.
  await t.db.execute(
    sql.raw(`create function refuse_collab_delete() returns trigger language plpgsql as $$ begin raise exception 'deletes refused for this test'; end $$`),
  );
  await t.db.execute(sql.raw(`create trigger refuse_collab_delete before delete on collab_updates for each statement execute function refuse_collab_delete()`));
  try {
    for (const word of ["one", "two", "three", "four", "five", "six", "seven"]) {
      typeInto(writer, ` ${word}`);
      await eventually(() => expect(writer.acked()).toBe(writer.sent()));
    }
    await server.collab.rooms.compact(documentName);
    const failed = await storedDocument(t.db, documentName);
    expect(Buffer.from(failed.snapshot!.state).equals(Buffer.from(seeded.snapshot!.state))).toBe(true);
    expect(failed.updateRows).toBe(7);
    expect(failed.text).toContain("seven");
  } finally {
    await t.db.execute(sql.raw(`drop trigger refuse_collab_delete on collab_updates`));
    await t.db.execute(sql.raw(`drop function refuse_collab_delete()`));
  }

  // The next rows past the threshold compact for real.
  typeInto(writer, " eight");
  await eventually(async () => expect((await storedDocument(t.db, documentName)).updateRows).toBe(0));
  const compacted = await storedDocument(t.db, documentName);
  expect(compacted.snapshot!.updatedAt.getTime()).toBeGreaterThan(seeded.snapshot!.updatedAt.getTime());
  expect(compacted.text).toBe(writer.text());

  // Unloaded and loaded again by another server, it is the same draft.
  writer.destroy();
  await eventually(() => expect(server.collab.rooms.open.has(documentName)).toBe(false));
  const other = await startTestServer(t.db);
  try {
    const reader = connect(other, documentName, cookie);
    await eventually(() => expect(reader.provider.synced).toBe(true));
    expect(reader.text()).toBe(compacted.text);
    expect(reader.text()).toMatch(/ one two three four five six seven eight/);
  } finally {
    await other.stop();
  }
});

test("a draft stays loaded while anyone is on it, and is unloaded and compacted after the last one leaves", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const a = connect(server, documentName, cookie);
  const b = connect(server, documentName, cookie);
  await eventually(() => expect(a.provider.synced && b.provider.synced).toBe(true));
  typeInto(a, " from a");
  typeInto(b, " from b");
  await eventually(() => expect(a.acked() === a.sent() && b.acked() === b.sent()).toBe(true));
  expect((await storedDocument(t.db, documentName)).updateRows).toBeGreaterThan(0);

  a.destroy();
  await new Promise((r) => setTimeout(r, 300));
  expect(server.collab.rooms.open.has(documentName)).toBe(true);
  b.destroy();
  await eventually(() => expect(server.collab.rooms.open.has(documentName)).toBe(false));
  await eventually(async () => expect((await storedDocument(t.db, documentName)).updateRows).toBe(0));
  const stored = await storedDocument(t.db, documentName);
  expect(stored.text).toContain("from a");
  expect(stored.text).toContain("from b");
});

test("someone who comes back while the draft is being unloaded finds everything", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db);
  for (let round = 0; round < 5; round++) {
    const c = connect(server, documentName, cookie);
    await eventually(() => expect(c.provider.synced).toBe(true));
    for (let k = 0; k < round; k++) expect(c.text()).toContain(`round-${k}-`);
    typeInto(c, ` round-${round}-`);
    await eventually(() => expect(c.acked()).toBe(c.sent()));
    c.destroy(); // and straight back in the next round
  }
  const [snapshot] = await t.db.select().from(collabSnapshots).where(eq(collabSnapshots.documentName, documentName));
  expect(snapshot).toBeDefined();
});
