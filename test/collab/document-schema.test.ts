// A draft stays inside the module schema (and break-out notes inside the
// notes schema) whatever a co-author's client sends: an update adding what the editor cannot hold (an element it does not
// know, an unsafe link, a stray attribute, bold in a page title) or taking
// away a part every page needs is refused. Only the sender is disconnected,
// with the reason; the update is neither applied, nor stored, nor sent to
// anyone else. Real y-websocket providers against a server on port 0.
import * as Y from "yjs";
import { notesDocumentName } from "../../app/domain/open-space/notes-schema";
import { CLOSE } from "../../server/collab/connection";
import { connectClient, eventually, typeInto, type CollabClient } from "../support/collab-client";
import { createCoauthor, createDraftToEdit } from "../support/factories";
import { storedDocument } from "../support/stored-document";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { createBreakout, openSpaceSetting } from "../open-space/notes-setting";

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

const connect = (...args: Parameters<typeof connectClient>) => {
  const client = connectClient(...args);
  clients.push(client);
  return client;
};

/** The parts of the first page of a draft made from the test module: title, context, question. */
const firstPage = (client: CollabClient) => client.fragment().get(1) as Y.XmlElement;
const introParagraphText = (client: CollabClient) => ((client.fragment().get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;

const HOSTILE: { what: string; reason: string; marker: string; change: (client: CollabClient) => void }[] = [
  {
    what: "an image element in the introduction",
    reason: "schema_unknown_element",
    marker: "<img",
    change: (c) => (c.fragment().get(0) as Y.XmlElement).insert(1, [new Y.XmlElement("img")]),
  },
  {
    what: "a javascript: link",
    reason: "schema_unsafe_link",
    marker: "javascript:",
    change: (c) => introParagraphText(c).format(0, 5, { link: { href: "javascript:alert(document.cookie)" } }),
  },
  {
    what: "a data: link",
    reason: "schema_unsafe_link",
    marker: "data:text",
    change: (c) => introParagraphText(c).insert(0, "Click here", { link: { href: "data:text/html,<script>alert(1)</script>" } }),
  },
  {
    what: "an attribute a page does not have",
    reason: "schema_attribute",
    marker: "onclick",
    change: (c) => firstPage(c).setAttribute("onclick", "alert(1)"),
  },
  {
    what: "bold in a page title",
    reason: "schema_formatting",
    marker: "<bold>",
    change: (c) => ((firstPage(c).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 4, { bold: {} }),
  },
  {
    what: "a page without its question",
    reason: "schema_structure",
    marker: "",
    change: (c) => firstPage(c).delete(2, 1),
  },
];

describe.each(HOSTILE)("a co-author's update adding $what", ({ reason, marker, change }) => {
  test("is refused: only the sender is disconnected, with the reason; nothing is applied, sent on or stored", async () => {
    const { documentName, cookie, module, org } = await createDraftToEdit(t.db);
    const { cookie: coauthorCookie } = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
    const bystander = connect(server, documentName, cookie);
    const sender = connect(server, documentName, coauthorCookie);
    await eventually(() => expect(bystander.provider.synced && sender.provider.synced).toBe(true));
    const before = bystander.text();
    const refusedBefore = server.services.metrics.rejected.get(reason) ?? 0;

    change(sender);
    await eventually(() => expect(sender.closeCodes()).toEqual([CLOSE.badMessage]));
    expect(server.services.metrics.rejected.get(reason)).toBe(refusedBefore + 1);

    // The bystander goes on working; what it sees and what is stored never held the change.
    typeInto(bystander, " still here");
    await eventually(() => expect(bystander.acked()).toBe(bystander.sent()));
    expect(bystander.closeCodes()).toEqual([]);
    expect(bystander.text()).toBe(before.replace("An introduction for the group.", "An introduction for the group. still here"));
    const room = server.collab.rooms.open.get(documentName)!;
    expect(room.doc.getXmlFragment("default").toString()).toBe(bystander.text());
    const stored = await storedDocument(t.db, documentName);
    expect(stored.text).toBe(bystander.text());
    if (marker) expect(stored.text).not.toContain(marker);
    expect(stored.text.match(/<question>/g)?.length).toBe(before.match(/<question>/g)?.length);
  });
});

test("the refused sender's change is not in the document anyone gets on joining later", async () => {
  const { documentName, cookie, module, org } = await createDraftToEdit(t.db);
  const { cookie: coauthorCookie } = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
  const sender = connect(server, documentName, coauthorCookie);
  await eventually(() => expect(sender.provider.synced).toBe(true));
  (sender.fragment().get(0) as Y.XmlElement).insert(1, [new Y.XmlElement("script")]);
  await eventually(() => expect(sender.closeCodes()).toEqual([CLOSE.badMessage]));
  const late = connect(server, documentName, cookie);
  await eventually(() => expect(late.provider.synced).toBe(true));
  expect(late.text()).not.toContain("<script");
});

test("break-out notes are held to the notes schema: an element it does not have, or a link, is refused", async () => {
  const { people, reunion } = await openSpaceSetting(t.db);
  const session = await createBreakout(t.db, reunion.id, { topic: "Speaking up", convenerId: people.alumnus.id });
  const name = notesDocumentName(session.id);
  const writer = connect(server, name, people.alumnus.cookie);
  const hostile = connect(server, name, people.organiser.cookie);
  const linker = connect(server, name, people.secondAlumnus.cookie);
  await eventually(() => expect(writer.provider.synced && hostile.provider.synced && linker.provider.synced).toBe(true));

  hostile.fragment().insert(1, [new Y.XmlElement("iframe")]);
  // The notes have no links at all, safe or not.
  ((linker.fragment().get(1) as Y.XmlElement).get(0) as Y.XmlText).format(0, 3, { link: { href: "https://example.org" } });
  await eventually(() => expect(hostile.closeCodes()).toEqual([CLOSE.badMessage]));
  await eventually(() => expect(linker.closeCodes()).toEqual([CLOSE.badMessage]));

  const paragraph = writer.fragment().get(1) as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).insert(0, "Still writing. ");
  await eventually(() => expect(writer.acked()).toBe(writer.sent()));
  const stored = await storedDocument(t.db, name);
  expect(stored.text).toContain("Still writing.");
  expect(stored.text).not.toContain("iframe");
  expect(stored.text).not.toContain("example.org");
  expect(writer.closeCodes()).toEqual([]);
});
