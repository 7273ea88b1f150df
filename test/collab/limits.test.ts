// Limits that keep one client from hurting the others: message size, message
// rate, document size, dead sockets and readers that stop reading.
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { MODULE_YJS_FIELD } from "../../app/domain/modules/module-schema";
import { CLOSE, DEFAULT_CONNECTION_LIMITS } from "../../server/collab/connection";
import { encodeAwareness, encodeSyncStep1, MESSAGE_QUERY_AWARENESS } from "../../server/collab/protocol";
import { closedWith, connectClient, eventually, openRawSocket, typeInto, type CollabClient } from "../support/collab-client";
import { createDraftToEdit, moduleDoc } from "../support/factories";
import { storedDocument } from "../support/stored-document";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
const servers: TestServer[] = [];
const clients: CollabClient[] = [];
const sockets: WebSocket[] = [];

async function serverWith(...args: Parameters<typeof startTestServer> extends [unknown, ...infer Rest] ? Rest : never) {
  const server = await startTestServer(t.db, ...args);
  servers.push(server);
  return server;
}
const connect = (...args: Parameters<typeof connectClient>) => {
  const client = connectClient(...args);
  clients.push(client);
  return client;
};
const raw = async (...args: Parameters<typeof openRawSocket>) => {
  const ws = await openRawSocket(...args);
  sockets.push(ws);
  return ws;
};

beforeAll(async () => {
  t = await createTestDatabase();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const server of servers.splice(0)) await server.stop();
});

afterAll(async () => {
  await t?.drop();
});

/** An awareness message for `clientId` whose state is about `bytes` long. */
function bigAwareness(clientId: number, clock: number, bytes: number) {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  // Bulk outside "user", which the server rewrites with the person's own name and id.
  encoding.writeVarString(update, JSON.stringify({ padding: "x".repeat(bytes) }));
  return encodeAwareness(encoding.toUint8Array(update));
}

test("a message over 1 MiB closes that connection only", async () => {
  const server = await serverWith();
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const bystander = connect(server, documentName, cookie);
  await eventually(() => expect(bystander.provider.synced).toBe(true));
  const sender = await raw(server, documentName, cookie);
  const closed = closedWith(sender);
  sender.send(new Uint8Array(1024 * 1024 + 1));
  expect(await closed).toBe(1009); // "message too big"
  expect(server.services.metrics.rejected.get("message_too_large")).toBe(1);

  typeInto(bystander, " unaffected");
  await eventually(() => expect(bystander.acked()).toBe(bystander.sent()));
  expect(bystander.closeCodes()).toEqual([]);
});

test("a message of just under 1 MiB is not refused for its size", async () => {
  const server = await serverWith();
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const sender = await raw(server, documentName, cookie);
  const received: Buffer[] = [];
  sender.on("message", (data: Buffer) => received.push(data));
  const message = bigAwareness(424242, 1, 1024 * 1024 - 100);
  expect(message.length).toBeLessThanOrEqual(1024 * 1024);
  sender.send(message);
  // The server relays it back (awareness goes to everyone), so it was accepted.
  await eventually(() => expect(received.some((m) => m.length === message.length)).toBe(true));
  expect(sender.readyState).toBe(WebSocket.OPEN);
});

test("a connection that sends faster than its rate limit is closed; the others are not", async () => {
  const server = await serverWith({}, { limits: { ...DEFAULT_CONNECTION_LIMITS, messagesPerSecond: 10, messageBurst: 20 } });
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const steady = connect(server, documentName, cookie);
  await eventually(() => expect(steady.provider.synced).toBe(true));
  const flood = await raw(server, documentName, cookie);
  const closed = closedWith(flood);
  for (let i = 0; i < 50; i++) flood.send(Uint8Array.of(MESSAGE_QUERY_AWARENESS));
  expect(await closed).toBe(CLOSE.rateLimited);
  expect(server.services.metrics.rejected.get("rate_limited")).toBe(1);

  // Typing at a human pace stays well within it.
  for (let i = 0; i < 5; i++) {
    typeInto(steady, ` ${i}`);
    await new Promise((r) => setTimeout(r, 120));
  }
  await eventually(() => expect(steady.acked()).toBe(steady.sent()));
  expect(steady.closeCodes()).toEqual([]);
});

test("an edit that would take the draft over its size limit is refused and closes that connection", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const seededBytes = (await storedDocument(t.db, documentName)).snapshot?.state.length ?? 0;
  const server = await serverWith({}, { maxDocumentBytes: 8 * 1024 });
  const writer = connect(server, documentName, cookie);
  const reader = connect(server, documentName, cookie);
  await eventually(() => expect(writer.provider.synced && reader.provider.synced).toBe(true));
  expect(seededBytes).toBe(0); // seeded by the first load, just now
  typeInto(writer, " small edit");
  await eventually(() => expect(reader.text()).toContain("small edit"));
  await eventually(() => expect(writer.acked()).toBe(writer.sent()));

  typeInto(writer, ` ${"too much ".repeat(1000)}`);
  await eventually(() => expect(writer.closeCodes()).toContain(CLOSE.tooLarge));
  const room = server.collab.rooms.open.get(documentName)!;
  expect(room.doc.getXmlFragment(MODULE_YJS_FIELD).toString()).not.toContain("too much");
  expect(reader.text()).not.toContain("too much");
  expect((await storedDocument(t.db, documentName)).text).not.toContain("too much");
  expect(room.storedBytes).toBeLessThanOrEqual(8 * 1024);
  expect(reader.closeCodes()).toEqual([]);
});

test("a socket that stops answering pings is dropped, and its presence with it", async () => {
  const server = await serverWith({}, { pingIntervalMs: 100 });
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const alive = connect(server, documentName, cookie);
  await eventually(() => expect(alive.provider.synced).toBe(true));
  const dead = await raw(server, documentName, cookie, { autoPong: false });
  dead.send(bigAwareness(777_777, 1, 10));
  await eventually(() => expect(alive.provider.awareness.getStates().has(777_777)).toBe(true));

  const closed = closedWith(dead);
  await eventually(() => expect(alive.provider.awareness.getStates().has(777_777)).toBe(false), 2000);
  expect(await closed).toBe(1006); // terminated, no close handshake
  expect(server.services.metrics.rejected.get("ping_timeout")).toBe(1);
  // The live provider answers every ping and stays.
  await new Promise((r) => setTimeout(r, 400));
  expect(alive.closeCodes()).toEqual([]);
  expect(server.collab.connections()).toHaveLength(1);
});

test("a stall in the server's own process does not drop the clients whose pongs it has not read yet", async () => {
  const server = await serverWith({}, { pingIntervalMs: 100 });
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const alive = connect(server, documentName, cookie);
  await eventually(() => expect(alive.provider.synced).toBe(true));
  // The client answers the ping (ws queues the pong before telling us), then this process is busy for three intervals,
  // so the server's next tick comes before it has read that pong.
  let stalls = 0;
  (alive.provider.ws as unknown as WebSocket).on("ping", () => {
    if (stalls++ >= 2) return;
    const until = Date.now() + 350;
    while (Date.now() < until);
  });
  await eventually(() => expect(stalls).toBeGreaterThanOrEqual(3), 3000);
  await new Promise((r) => setTimeout(r, 300));
  expect(alive.closeCodes()).toEqual([]);
  expect(server.services.metrics.rejected.get("ping_timeout") ?? 0).toBe(0);
});

test("a client that asks for the whole document again and again is closed; one that asks once per connection is not", async () => {
  const server = await serverWith();
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const normal = connect(server, documentName, cookie);
  await eventually(() => expect(normal.provider.synced).toBe(true));
  const asker = await raw(server, documentName, cookie);
  const replies: Buffer[] = [];
  asker.on("message", (data: Buffer) => replies.push(data));
  const closed = closedWith(asker);
  const fromScratch = encodeSyncStep1(new Y.Doc());
  for (let i = 0; i < 20; i++) asker.send(fromScratch);
  expect(await closed).toBe(CLOSE.rateLimited);
  // The first few were answered (SyncStep2 replies), the rest were not.
  const answers = replies.filter((m) => m[0] === 0 && m[1] === 1).length;
  expect(answers).toBe(DEFAULT_CONNECTION_LIMITS.syncRequestBurst);
  // Reconnecting gives a fresh allowance: the provider's one request per connection is always answered.
  for (let i = 0; i < 3; i++) {
    normal.provider.disconnect();
    normal.provider.connect();
    await eventually(() => expect(normal.provider.synced).toBe(true));
  }
  expect(normal.closeCodes()).toEqual([]);
});

/** The server's side of the only other connection than `except`'s on this document. */
function serverSideOf(server: TestServer, documentName: string, count: number) {
  return server.collab.connections().filter((c) => c.identity.documentName === documentName)[count]!;
}

test("a reader that stops reading is dropped instead of piling up what it is sent", async () => {
  const maxBufferedBytes = 256 * 1024;
  const server = await serverWith({}, {
    limits: { ...DEFAULT_CONNECTION_LIMITS, maxBufferedBytes, bytesPerSecond: 1024 ** 3, byteBurst: 1024 ** 3, messageBurst: 10_000 },
  });
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const writer = await raw(server, documentName, cookie);
  const slow = await raw(server, documentName, cookie);
  const slowSide = serverSideOf(server, documentName, 1);
  const closed = closedWith(slow);
  (slow as unknown as { _socket: import("node:net").Socket })._socket.pause();

  let peak = 0;
  const probe = setInterval(() => (peak = Math.max(peak, slowSide.ws.bufferedAmount)), 1);
  try {
    const message = bigAwareness(555_555, 1, 200 * 1024);
    for (let clock = 1; clock <= 200 && !slowSide.closed; clock++) {
      writer.send(bigAwareness(555_555, clock, 200 * 1024));
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(slowSide.closed).toBe(true);
    expect(server.services.metrics.rejected.get("slow_reader")).toBe(1);
    // Never much more than the limit plus one message was waiting for it.
    expect(peak).toBeLessThanOrEqual(maxBufferedBytes + 2 * message.length);
  } finally {
    clearInterval(probe);
  }
  (slow as unknown as { _socket: import("node:net").Socket })._socket.resume();
  await closed;
  expect(writer.readyState).toBe(WebSocket.OPEN);
}, 30_000);

test("a reader that stops reading but keeps asking for the whole document is dropped too", async () => {
  const maxBufferedBytes = 256 * 1024;
  // A generous allowance of sync requests, so it is the send buffer that stops this one.
  const server = await serverWith({}, { limits: { ...DEFAULT_CONNECTION_LIMITS, maxBufferedBytes, syncRequestBurst: 1000 } });
  const context = (i: number) => `Context for page ${i}. `.repeat(200);
  const { documentName, cookie } = await createDraftToEdit(t.db, { doc: moduleDoc({ pages: 20, context }) });
  const asker = await raw(server, documentName, cookie);
  const askerSide = serverSideOf(server, documentName, 0);
  (asker as unknown as { _socket: import("node:net").Socket })._socket.pause();
  const closed = closedWith(asker);
  const fromScratch = encodeSyncStep1(new Y.Doc()); // "send me everything"
  let peak = 0;
  const probe = setInterval(() => (peak = Math.max(peak, askerSide.ws.bufferedAmount)), 1);
  try {
    for (let i = 0; i < 300 && !askerSide.closed; i++) {
      asker.send(fromScratch);
      await new Promise((r) => setTimeout(r, 2));
    }
    await eventually(() => expect(askerSide.closed).toBe(true), 2000);
    expect(server.services.metrics.rejected.get("slow_reader")).toBe(1);
    const wholeDocument = Y.encodeStateAsUpdate(server.collab.rooms.open.get(documentName)!.doc).length;
    expect(wholeDocument).toBeGreaterThan(64 * 1024);
    expect(peak).toBeLessThanOrEqual(maxBufferedBytes + 2 * wholeDocument);
  } finally {
    clearInterval(probe);
  }
  (asker as unknown as { _socket: import("node:net").Socket })._socket.resume();
  await closed;
}, 30_000);
