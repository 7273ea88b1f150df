// Someone who opens a draft is sent the whole document in one SyncStep2,
// which the room keeps for the next newcomer until the document changes
// (loaded from its snapshot alone, it is the stored snapshot itself). Every
// change must reach the next newcomer: typing, the portal's edits, a reload.
import * as Y from "yjs";
import { MODULE_YJS_FIELD } from "../../app/domain/modules/module-schema";
import { connectClient, eventually, typeInto, type CollabClient } from "../support/collab-client";
import { createDraftToEdit, moduleDoc } from "../support/factories";
import { storedDocument } from "../support/stored-document";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
const clients: CollabClient[] = [];

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

/** A newcomer with an empty document, synced. */
async function join(documentName: string, cookie: string) {
  const client = connectClient(server, documentName, cookie);
  clients.push(client);
  await eventually(() => expect(client.provider.synced).toBe(true));
  return client;
}

const leaveAll = async (documentName: string) => {
  for (const client of clients.splice(0)) client.destroy();
  await eventually(() => expect(server.collab.rooms.open.has(documentName)).toBe(false));
};

test("whoever joins is sent the draft as it is then: after typing, after the portal's edit, and after it is unloaded and loaded again", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db, { doc: moduleDoc({ intro: "Joining." }) });
  const first = await join(documentName, cookie);
  expect(first.text()).toContain("Joining.");

  typeInto(first, " Typed by the first.");
  await eventually(() => expect(first.acked()).toBe(first.sent()));
  const second = await join(documentName, cookie);
  expect(second.text()).toContain("Joining. Typed by the first.");

  await server.services.documentEditor.edit(documentName, (doc: Y.Doc) => typeInto({ fragment: () => doc.getXmlFragment(MODULE_YJS_FIELD) }, " Changed by the portal."));
  const third = await join(documentName, cookie);
  expect(third.text()).toContain("Joining. Typed by the first. Changed by the portal.");
  expect(third.text()).toBe(first.text());

  // Unloaded (and compacted): the next one loads the snapshot alone and is sent it as stored.
  await leaveAll(documentName);
  await eventually(async () => expect((await storedDocument(t.db, documentName)).updateRows).toBe(0));
  const fourth = await join(documentName, cookie);
  expect(fourth.text()).toContain("Joining. Typed by the first. Changed by the portal.");
  typeInto(fourth, " Typed after the reload.");
  const fifth = await join(documentName, cookie);
  await eventually(() => expect(fifth.text()).toContain("Changed by the portal. Typed after the reload."));
  expect(fifth.text()).toBe(fourth.text());
  await eventually(async () => expect((await storedDocument(t.db, documentName)).text).toBe(fourth.text()));
});
