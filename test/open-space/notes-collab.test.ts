// Break-out notes on the collaboration server: the people in the room write
// one notes document together live, it starts from the template, it is
// stored; outsiders are turned away at the door and read-only viewers cannot
// write.
import crypto from "node:crypto";
import * as Y from "yjs";
import { eq } from "drizzle-orm";
import { organisations, reunionAudience, reunions } from "../../db/schema";
import { notesDocumentName } from "../../app/domain/open-space/notes-schema";
import { notesSections } from "../../app/domain/open-space/notes-sections";
import { yDocToNotesJson } from "../../app/domain/open-space/notes-yjs";
import { connectClient, eventually, upgradeStatus, type CollabClient } from "../support/collab-client";
import { storedDocument } from "../support/stored-document";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { createBreakout, openSpaceSetting } from "./notes-setting";

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
  // A quick access re-check, so losing one's invitation closes the socket within the test.
  server = await startTestServer(t.db, {}, { accessCheckMs: 100 });
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

/** Types at the end of the first bullet under the n-th heading's list (the template: 5 = key insights, 7 = actions). */
function typeInList(client: CollabClient, listIndex: number, text: string) {
  const list = client.fragment().get(listIndex) as Y.XmlElement;
  const item = list.get(list.length - 1) as Y.XmlElement;
  const paragraph = item.get(0) as Y.XmlElement;
  const textNode = paragraph.get(0);
  if (textNode instanceof Y.XmlText) textNode.insert(textNode.length, text);
  else paragraph.insert(0, [new Y.XmlText(text)]);
}

test("two people in the room write the same notes at once, both see both, and the notes are stored", async () => {
  const { people, reunion } = await openSpaceSetting(t.db);
  const session = await createBreakout(t.db, reunion.id, { topic: "Speaking up in hybrid meetings", convenerId: people.alumnus.id });
  const name = notesDocumentName(session.id);
  const anna = connect(server, name, people.alumnus.cookie);
  const olive = connect(server, name, people.organiser.cookie);
  await eventually(() => expect(anna.provider.synced && olive.provider.synced).toBe(true));

  // The template, with the convener's name filled in.
  const start = anna.text();
  for (const heading of ["Convener", "Who took part", "Key insights", "Actions", "Related modules"]) expect(start).toContain(heading);
  expect(start).toContain(people.alumnus.name);

  typeInList(anna, 5, "Silence in a meeting is not agreement");
  typeInList(olive, 7, "Olive: try a round of check-ins next week");
  await eventually(() => {
    for (const client of [anna, olive]) {
      expect(client.text()).toContain("Silence in a meeting is not agreement");
      expect(client.text()).toContain("Olive: try a round of check-ins next week");
    }
  });
  await eventually(() => expect(anna.acked() === anna.sent() && olive.acked() === olive.sent()).toBe(true));
  expect(anna.text()).toBe(olive.text());

  const stored = await storedDocument(t.db, name);
  expect(stored.text).toContain("Silence in a meeting is not agreement");
  expect(stored.text).toContain("Olive: try a round of check-ins next week");
});

test("in a Japanese organisation the notes start with Japanese headings, and the proceedings read their sections", async () => {
  const { people, reunion } = await openSpaceSetting(t.db);
  const [{ orgId }] = (await t.db.select({ orgId: reunions.orgId }).from(reunions).where(eq(reunions.id, reunion.id))) as [{ orgId: string }];
  await t.db.update(organisations).set({ defaultLanguage: "ja" }).where(eq(organisations.id, orgId));
  const session = await createBreakout(t.db, reunion.id, { topic: "ハイブリッド会議", convenerId: people.alumnus.id });
  const name = notesDocumentName(session.id);
  const client = connect(server, name, people.alumnus.cookie);
  await eventually(() => expect(client.provider.synced).toBe(true));
  const start = client.text();
  for (const heading of ["呼びかけ人", "参加者", "主な気づき", "アクション", "関連モジュール"]) expect(start).toContain(heading);
  expect(start).not.toMatch(/Convener|Key insights|Actions/);

  typeInList(client, 5, "沈黙は同意ではない");
  typeInList(client, 7, "田中：来週チェックインを試す");
  await eventually(() => expect(client.acked() === client.sent()).toBe(true));
  // What is stored is what the client holds; the proceedings read its sections by their Japanese headings.
  expect((await storedDocument(t.db, name)).text).toBe(client.text());
  const sections = notesSections(yDocToNotesJson(client.doc));
  expect(sections.convener).toEqual([people.alumnus.name]);
  expect(sections.insights).toEqual(["沈黙は同意ではない"]);
  expect(sections.actions).toEqual(["田中：来週チェックインを試す"]);
  expect(sections.other).toEqual([]);
});

test("outsiders, people outside the audience, and unknown break-outs are refused with 404 before a socket exists", async () => {
  const { people, reunion } = await openSpaceSetting(t.db);
  const session = await createBreakout(t.db, reunion.id, { topic: "Delegation", convenerId: people.organiser.id });
  const name = notesDocumentName(session.id);
  const loads = server.collab.rooms.loads;
  expect(await upgradeStatus(server, name, { cookie: people.otherOrg.cookie })).toBe(404);
  // In organisation A but not an alumnus, so not invited.
  expect(await upgradeStatus(server, name, { cookie: people.participant.cookie })).toBe(404);
  expect(await upgradeStatus(server, name, { cookie: people.moderator.cookie })).toBe(404);
  expect(await upgradeStatus(server, notesDocumentName(crypto.randomUUID()), { cookie: people.alumnus.cookie })).toBe(404);
  expect(await upgradeStatus(server, "notes.not-a-uuid", { cookie: people.alumnus.cookie })).toBe(404);
  expect(await upgradeStatus(server, name)).toBe(401);
  expect(server.collab.rooms.loads).toBe(loads);

  expect(await upgradeStatus(server, name, { cookie: people.alumnus.cookie })).toBe(101);
  expect(await upgradeStatus(server, name, { cookie: people.orgAdmin.cookie })).toBe(101);
});

test("an organisation admin who was not invited may read along, but their edits are not applied", async () => {
  const { people, reunion } = await openSpaceSetting(t.db);
  const session = await createBreakout(t.db, reunion.id, { topic: "Budgets nobody reads", convenerId: people.alumnus.id });
  const name = notesDocumentName(session.id);
  const writer = connect(server, name, people.alumnus.cookie);
  const admin = connect(server, name, people.orgAdmin.cookie);
  await eventually(() => expect(writer.provider.synced && admin.provider.synced).toBe(true));
  const refusedBefore = server.services.metrics.rejected.get("viewer_update") ?? 0;

  typeInList(admin, 5, "ADMIN-EDIT");
  typeInList(writer, 5, "WRITER-EDIT");
  await eventually(() => expect(admin.text()).toContain("WRITER-EDIT"));
  await eventually(() => expect(server.services.metrics.rejected.get("viewer_update")).toBeGreaterThan(refusedBefore));
  await eventually(() => expect(writer.acked()).toBe(writer.sent()));
  expect(writer.text()).not.toContain("ADMIN-EDIT");
  expect((await storedDocument(t.db, name)).text).not.toContain("ADMIN-EDIT");
});

test("someone taken out of the audience is disconnected within seconds and cannot come back", async () => {
  const { people, reunion } = await openSpaceSetting(t.db);
  const session = await createBreakout(t.db, reunion.id, { topic: "Onboarding", convenerId: people.organiser.id });
  const name = notesDocumentName(session.id);
  const anna = connect(server, name, people.alumnus.cookie);
  await eventually(() => expect(anna.provider.synced).toBe(true));
  // The reunion is narrowed to named people: Anna is no longer invited.
  await t.db.delete(reunionAudience).where(eq(reunionAudience.reunionId, reunion.id));
  await t.db.insert(reunionAudience).values({ reunionId: reunion.id, kind: "person", userId: people.secondAlumnus.id });
  // The audience change counts as an access change, so the 2-second check catches it, not the 30-second full one.
  await eventually(() => expect(anna.closeCodes()).toContain(4403), 5_000);
  expect(await upgradeStatus(server, name, { cookie: people.alumnus.cookie })).toBe(404);
  expect(await upgradeStatus(server, name, { cookie: people.secondAlumnus.cookie })).toBe(101);
});
