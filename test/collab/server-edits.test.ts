// Edits the portal makes to a live draft (restoring a revision): everyone
// editing sees them at once, and they are stored like anyone's typing.
import * as Y from "yjs";
import { connectClient, eventually, typeInto, type CollabClient } from "../support/collab-client";
import { createDraftToEdit } from "../support/factories";
import { storedDocument } from "../support/stored-document";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { MODULE_YJS_FIELD } from "../../app/domain/modules/module-schema";

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

const appendToIntroduction = (text: string) => (doc: Y.Doc) => typeInto({ fragment: () => doc.getXmlFragment(MODULE_YJS_FIELD) }, text);

test("a change from the portal reaches an editor who has the draft open, and is stored when the edit resolves", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db);
  const editor = connectClient(server, documentName, cookie);
  clients.push(editor);
  await eventually(() => expect(editor.provider.synced).toBe(true));

  await server.services.documentEditor.edit(documentName, appendToIntroduction(" Restored by the portal."));

  expect((await storedDocument(t.db, documentName)).text).toContain("Restored by the portal.");
  await eventually(() => expect(editor.text()).toContain("Restored by the portal."));
  // The editor's own typing afterwards merges with it.
  typeInto(editor, " And typed after.");
  await eventually(async () => expect((await storedDocument(t.db, documentName)).text).toContain("Restored by the portal. And typed after."));
});

test("a change to a draft nobody has open is stored, and the next editor loads it", async () => {
  const { documentName, cookie } = await createDraftToEdit(t.db);
  await server.services.documentEditor.edit(documentName, appendToIntroduction(" Nobody was looking."));
  expect((await storedDocument(t.db, documentName)).text).toContain("Nobody was looking.");
  expect(server.collab.rooms.open.has(documentName)).toBe(false);

  const editor = connectClient(server, documentName, cookie);
  clients.push(editor);
  await eventually(() => expect(editor.text()).toContain("Nobody was looking."));
});
