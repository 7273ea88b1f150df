// Two real y-websocket providers in Node against a server on port 0.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { MODULE_YJS_FIELD } from "../../app/domain/modules/module-schema";
import { MESSAGE_ACK } from "../../server/collab/protocol";
import { createOrg, createPublishedModule, createUser, sessionCookieFor } from "../support/factories";
import { connectClient, eventually, openRawSocket, typeInto } from "../support/collab-client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
});

afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

test("two co-authors' providers converge, and each is told its edits are stored", async () => {
  const org = await createOrg(t.db);
  const lead = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
  const module = await createPublishedModule(t.db, { authorId: lead.id });
  const cookie = await sessionCookieFor(t.db, lead.id);
  const name = `module.${module.id}`;

  const a = connectClient(server, name, cookie);
  const b = connectClient(server, name, cookie);
  try {
    await eventually(() => expect(a.provider.synced && b.provider.synced).toBe(true));
    expect(a.text()).toContain("An introduction for the group.");
    typeInto(a, " Alpha");
    typeInto(b, " Beta");
    await eventually(() => {
      expect(a.text()).toContain("Alpha");
      expect(a.text()).toContain("Beta");
      expect(b.text()).toBe(a.text());
    });
    await eventually(() => {
      expect(a.sent()).toBeGreaterThan(0);
      expect(a.acked()).toBe(a.sent());
      expect(b.acked()).toBe(b.sent());
    });
  } finally {
    a.destroy();
    b.destroy();
  }
});

test("coming back with offline edits, a keystroke sent before answering the server's SyncStep1 is not a reason to disconnect; its SyncStep2 stores both", async () => {
  const org = await createOrg(t.db);
  const lead = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
  const module = await createPublishedModule(t.db, { authorId: lead.id });
  const cookie = await sessionCookieFor(t.db, lead.id);
  const name = `module.${module.id}`;

  const first = connectClient(server, name, cookie);
  await eventually(() => expect(first.provider.synced).toBe(true));
  const serverState = Y.encodeStateAsUpdate(first.doc);
  first.destroy();

  // Offline: two edits, the second building on the first.
  const offline = new Y.Doc();
  Y.applyUpdate(offline, serverState);
  const serverVector = Y.encodeStateVector(offline);
  const intro = () => ((offline.getXmlFragment(MODULE_YJS_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  intro().insert(0, "Written offline. ");
  const afterOffline = Y.encodeStateVector(offline);
  intro().insert(0, "Typed while reconnecting. ");
  const keystroke = Y.encodeStateAsUpdate(offline, afterOffline);

  const ws = await openRawSocket(server, name, cookie);
  const acks: number[] = [];
  ws.on("message", (data: Buffer) => {
    if (data[0] === MESSAGE_ACK) acks.push(decoding.readVarUint(decoding.createDecoder(new Uint8Array(data.subarray(1)))));
  });
  const sync = (step: number, payload: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
    return encoding.toUint8Array(e);
  };
  ws.send(sync(0, Y.encodeStateVector(offline)));
  ws.send(sync(2, keystroke)); // depends on the offline edit the server does not have yet
  ws.send(sync(1, Y.encodeStateAsUpdate(offline, serverVector))); // the answer to the server's SyncStep1
  try {
    await eventually(() => expect(acks.at(-1)).toBe(2));
    expect(ws.readyState).toBe(ws.OPEN);
    const check = connectClient(server, name, cookie);
    try {
      await eventually(() => expect(check.text()).toContain("Typed while reconnecting. Written offline. "));
    } finally {
      check.destroy();
    }
  } finally {
    ws.close();
    offline.destroy();
  }
});
