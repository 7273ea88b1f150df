// Read-only viewers and presence: a viewer's edits never reach the document
// or anyone else, yet the viewer stays connected and is seen by others; and a
// socket may only speak for its own awareness client ids.
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { MODULE_YJS_FIELD } from "../../app/domain/modules/module-schema";
import { MESSAGE_AWARENESS } from "../../server/collab/protocol";
import { CLOSE } from "../../server/collab/connection";
import { closedWith, connectClient, eventually, openRawSocket, typeInto, type CollabClient } from "../support/collab-client";
import { createCoauthor, createDraftToEdit, createUser, sessionCookieFor } from "../support/factories";
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

/** A draft, its lead author's cookie, and a moderator of the same organisation (a read-only viewer). */
async function draftWithViewer() {
  const draft = await createDraftToEdit(t.db);
  const moderator = await createUser(t.db, { orgId: draft.org.id, roles: ["moderator"] });
  return { ...draft, moderator, viewerCookie: await sessionCookieFor(t.db, moderator.id) };
}

/** What others see of a person's presence: their own id and name, stamped by the server. */
const seenAs = (person: { id: string; name: string }, more: Record<string, unknown> = {}) => ({ user: { name: person.name, id: person.id }, ...more });

const serverText = (documentName: string) => server.collab.rooms.open.get(documentName)!.doc.getXmlFragment(MODULE_YJS_FIELD).toString();

test("a viewer's edits are not applied and not broadcast, and the viewer stays connected", async () => {
  const { documentName, cookie, viewerCookie } = await draftWithViewer();
  const editor = connect(server, documentName, cookie);
  const viewer = connect(server, documentName, viewerCookie);
  await eventually(() => expect(editor.provider.synced && viewer.provider.synced).toBe(true));
  const refusedBefore = server.services.metrics.rejected.get("viewer_update") ?? 0;

  typeInto(viewer, " VIEWER-EDIT");
  typeInto(editor, " EDITOR-EDIT");
  // The editor's later edit reaches the viewer, so the viewer's earlier one had time to arrive too.
  await eventually(() => expect(viewer.text()).toContain("EDITOR-EDIT"));
  await eventually(() => expect(server.services.metrics.rejected.get("viewer_update")).toBeGreaterThan(refusedBefore));
  await eventually(() => expect(editor.acked()).toBe(editor.sent()));

  expect(serverText(documentName)).toContain("EDITOR-EDIT");
  expect(serverText(documentName)).not.toContain("VIEWER-EDIT");
  expect(editor.text()).not.toContain("VIEWER-EDIT");
  expect((await storedDocument(t.db, documentName)).text).not.toContain("VIEWER-EDIT");
  expect(viewer.provider.wsconnected).toBe(true);
  expect(viewer.closeCodes()).toEqual([]);
  expect(viewer.acked()).toBe(0); // nothing of the viewer's was stored, so nothing is acknowledged
  expect(server.collab.connections().find((c) => c.identity.access === "view")?.closed).toBe(false);
});

test("a viewer whose copy has local changes syncs (its SyncStep2 is ignored) and is not disconnected", async () => {
  const { documentName, cookie, viewerCookie } = await draftWithViewer();
  const editor = connect(server, documentName, cookie);
  await eventually(() => expect(editor.provider.synced).toBe(true));
  // A viewer's copy that already differs (say, from an earlier offline session): it goes out in the SyncStep2 reply.
  const stale = new Y.Doc();
  Y.applyUpdate(stale, Y.encodeStateAsUpdate(editor.doc));
  typeInto({ fragment: () => stale.getXmlFragment(MODULE_YJS_FIELD) }, " OFFLINE-VIEWER-EDIT");
  const viewer = connect(server, documentName, viewerCookie, { doc: stale });
  await eventually(() => expect(viewer.provider.synced).toBe(true));
  await eventually(() => expect(viewer.sent()).toBeGreaterThan(0)); // its SyncStep2 went out

  typeInto(editor, " AFTERWARDS");
  await eventually(() => expect(viewer.text()).toContain("AFTERWARDS"));
  expect(serverText(documentName)).not.toContain("OFFLINE-VIEWER-EDIT");
  expect(editor.text()).not.toContain("OFFLINE-VIEWER-EDIT");
  expect(viewer.provider.wsconnected).toBe(true);
  expect(viewer.closeCodes()).toEqual([]);
});

test("a viewer's presence is relayed to the editors, and hearing each other's presence closes nobody", async () => {
  const { documentName, cookie, viewerCookie, lead, moderator } = await draftWithViewer();
  const editor = connect(server, documentName, cookie);
  const viewer = connect(server, documentName, viewerCookie);
  await eventually(() => expect(editor.provider.synced && viewer.provider.synced).toBe(true));
  viewer.provider.awareness.setLocalStateField("user", { name: "Sofia (moderator)" });
  editor.provider.awareness.setLocalStateField("user", { name: "Imke" });
  await eventually(() => {
    expect(editor.provider.awareness.getStates().get(viewer.doc.clientID)).toEqual(seenAs(moderator));
    expect(viewer.provider.awareness.getStates().get(editor.doc.clientID)).toEqual(seenAs(lead));
  });
  // Each provider sends back the other's state as it heard it; that is no reason to close either.
  await new Promise((r) => setTimeout(r, 300));
  expect(editor.closeCodes()).toEqual([]);
  expect(viewer.closeCodes()).toEqual([]);
  expect(editor.provider.wsconnected && viewer.provider.wsconnected).toBe(true);

  // The viewer leaves: its presence goes, and when it comes back with the same client id it is welcome.
  viewer.provider.disconnect();
  await eventually(() => expect(editor.provider.awareness.getStates().has(viewer.doc.clientID)).toBe(false));
  viewer.provider.connect();
  await eventually(() => expect(viewer.provider.synced).toBe(true));
  viewer.provider.awareness.setLocalStateField("user", { name: "Sofia, back" });
  await eventually(() => expect(editor.provider.awareness.getStates().get(viewer.doc.clientID)).toEqual(seenAs(moderator)));
  expect(viewer.closeCodes()).toEqual([]);
  expect(editor.closeCodes()).toEqual([]);
});

test("when one of a person's two tabs closes, only that tab's presence goes", async () => {
  const { documentName, cookie, viewerCookie, lead } = await draftWithViewer();
  const tab1 = connect(server, documentName, cookie);
  const tab2 = connect(server, documentName, cookie);
  const watcher = connect(server, documentName, viewerCookie);
  await eventually(() => expect(tab1.provider.synced && tab2.provider.synced && watcher.provider.synced).toBe(true));
  tab1.provider.awareness.setLocalStateField("user", { name: "Imke, tab 1" });
  tab2.provider.awareness.setLocalStateField("user", { name: "Imke, tab 2" });
  await eventually(() => {
    expect(watcher.provider.awareness.getStates().get(tab1.doc.clientID)).toEqual(seenAs(lead));
    expect(watcher.provider.awareness.getStates().get(tab2.doc.clientID)).toEqual(seenAs(lead));
  });
  // Each tab has sent the other's state back to the server by now; that does not make it the other's owner.
  await new Promise((r) => setTimeout(r, 200));
  tab1.destroy();
  await eventually(() => expect(watcher.provider.awareness.getStates().has(tab1.doc.clientID)).toBe(false));
  await eventually(() => expect(tab2.provider.awareness.getStates().has(tab1.doc.clientID)).toBe(false));
  expect(watcher.provider.awareness.getStates().get(tab2.doc.clientID)).toEqual(seenAs(lead));
});

/** An awareness message that claims to speak for `clientId`. */
function awarenessFor(clientId: number, state: unknown) {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, 1_000_000); // a clock far ahead, so it would win
  encoding.writeVarString(update, JSON.stringify(state));
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

test("an awareness message for another connection's client id closes the sender, and nobody sees it", async () => {
  const { documentName, cookie, module, org, lead } = await createDraftToEdit(t.db);
  const coauthor = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
  const editor = connect(server, documentName, cookie);
  const watcher = connect(server, documentName, cookie);
  await eventually(() => expect(editor.provider.synced && watcher.provider.synced).toBe(true));
  editor.provider.awareness.setLocalStateField("user", { name: "Imke" });
  await eventually(() => expect(watcher.provider.awareness.getStates().get(editor.doc.clientID)).toEqual(seenAs(lead)));

  const impostor = await openRawSocket(server, documentName, coauthor.cookie);
  const closed = closedWith(impostor);
  impostor.send(awarenessFor(editor.doc.clientID, { user: { name: "Someone else" } }));
  expect(await closed).toBe(CLOSE.badMessage);
  expect(server.services.metrics.rejected.get("awareness_not_owned")).toBeGreaterThan(0);

  // The real owner still speaks for the id: its next change gets through, the forged state never did.
  editor.provider.awareness.setLocalStateField("status", "still here");
  await eventually(() => expect(watcher.provider.awareness.getStates().get(editor.doc.clientID)).toEqual(seenAs(lead, { status: "still here" })));
  const room = server.collab.rooms.open.get(documentName)!;
  expect(room.awareness.getStates().get(editor.doc.clientID)).toEqual(seenAs(lead, { status: "still here" }));
  expect(editor.provider.wsconnected && watcher.provider.wsconnected).toBe(true);
});

test("nobody shows up in 'who is here' under someone else's name: the server writes each person's own", async () => {
  const { documentName, cookie, module, org, lead } = await createDraftToEdit(t.db);
  const coauthor = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
  const watcher = connect(server, documentName, cookie);
  const pretender = connect(server, documentName, coauthor.cookie);
  await eventually(() => expect(watcher.provider.synced && pretender.provider.synced).toBe(true));

  // A made-up name is replaced by the person's own.
  pretender.provider.awareness.setLocalStateField("user", { name: "Sofia (moderator)", color: "#123456" });
  await eventually(() =>
    expect(watcher.provider.awareness.getStates().get(pretender.doc.clientID)).toEqual({ user: { name: coauthor.user.name, id: coauthor.user.id, color: "#123456" } }),
  );

  // Claiming to be the lead closes the socket, and the claim reaches nobody.
  const impostor = await openRawSocket(server, documentName, coauthor.cookie);
  const closed = closedWith(impostor);
  impostor.send(awarenessFor(987_654, { user: { id: lead.id, name: lead.name } }));
  expect(await closed).toBe(CLOSE.badMessage);
  expect(server.services.metrics.rejected.get("awareness_identity")).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 200));
  expect(watcher.provider.awareness.getStates().has(987_654)).toBe(false);
  expect(server.collab.rooms.open.get(documentName)!.awareness.getStates().has(987_654)).toBe(false);
});
