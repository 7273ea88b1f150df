// Documents stored before the collaboration server checked every change
// against the schema may hold what the editor does not support. Whatever is
// stored, nothing that reads it fails: submitting such a draft tells the lead
// where the problem is and what to do (a 409, never a 500), the editor and
// the module's pages open, the proceedings say the notes cannot be shown,
// and co-authors can go on editing the draft and mend it.
import * as Y from "yjs";
import { draftDocumentName } from "../../app/domain/modules/module-draft.server";
import { moduleJsonToYDoc } from "../../app/domain/modules/module-yjs";
import { notesDocumentName } from "../../app/domain/open-space/notes-schema";
import { notesJsonToYDoc } from "../../app/domain/open-space/notes-yjs";
import { connectClient, eventually, typeInto, type CollabClient } from "../support/collab-client";
import { createCoauthor, createDraftToEdit, moduleDoc, sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { storedDocument, storeDocumentDirectly } from "../support/stored-document";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { createBreakout, notesDoc, openSpaceSetting } from "../open-space/notes-setting";

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

const get = (path: string, cookie: string) => server.request(path, { headers: { Cookie: cookie } });

/** The test module (three pages) as Yjs, changed by `damage` the way a client could before the check existed. */
function damagedDraft(damage: (fragment: Y.XmlFragment) => void) {
  const doc = moduleJsonToYDoc(moduleDoc({ pages: 3 }) as never);
  damage(doc.getXmlFragment("default"));
  return Y.encodeStateAsUpdate(doc);
}

const page = (fragment: Y.XmlFragment, n: number) => fragment.get(n) as Y.XmlElement;
const textOf = (element: Y.XmlElement) => element.get(0) as Y.XmlText;

const DAMAGE: { what: string; damage: (f: Y.XmlFragment) => void; says: string }[] = [
  {
    what: "an image element on page 2",
    damage: (f) => page(f, 2).insert(1, [new Y.XmlElement("img")]),
    says: "page 2 contains content the editor does not support",
  },
  {
    what: "a javascript: link in the context of page 1",
    damage: (f) => textOf((page(f, 1).get(1) as Y.XmlElement).get(0) as Y.XmlElement).format(0, 4, { link: { href: "javascript:alert(1)" } }),
    says: "the context of page 1 has a link that is not a web (https://) or email (mailto:) address",
  },
  {
    what: "bold in the title of page 3",
    damage: (f) => textOf(page(f, 3).get(0) as Y.XmlElement).format(0, 4, { bold: {} }),
    says: "the title of page 3 has formatting that is not allowed there",
  },
  {
    what: "page 3 without its question",
    damage: (f) => page(f, 3).delete(2, 1),
    says: "page 3 is missing a part or has one too many",
  },
];

describe.each(DAMAGE)("a draft stored with $what", ({ damage, says }) => {
  test("submitting it answers 409 saying where and what to do; the editor and the module's pages open", async () => {
    const { module, lead, cookie } = await createDraftToEdit(t.db);
    await storeDocumentDirectly(t.db, draftDocumentName(module.id), damagedDraft(damage));

    const res = await postForm(server, `/modules/${module.slug}/edit`, { intent: "submit" }, cookie);
    expect(res.status).toBe(409);
    const text = mainText(await res.text());
    expect(text).toContain(`The draft cannot be submitted yet: ${says}`);
    expect(text).toContain("Open the draft in the editor");

    for (const path of [`/modules/${module.slug}/edit`, `/modules/${module.slug}`, `/modules/${module.slug}/history`]) {
      expect((await get(path, await sessionCookieFor(t.db, lead.id))).status, path).toBe(200);
    }
  });
});

test("co-authors can go on editing a draft stored with content the editor does not support, and mend it", async () => {
  const { module, org, documentName, cookie } = await createDraftToEdit(t.db);
  // An image, and page 3 without its question.
  await storeDocumentDirectly(
    t.db,
    documentName,
    damagedDraft((f) => {
      page(f, 2).insert(1, [new Y.XmlElement("img")]);
      page(f, 3).delete(2, 1);
    }),
  );
  const { cookie: coauthorCookie } = await createCoauthor(t.db, { moduleId: module.id, orgId: org.id });
  const lead = connectClient(server, documentName, cookie);
  const coauthor = connectClient(server, documentName, coauthorCookie);
  clients.push(lead, coauthor);
  await eventually(() => expect(lead.provider.synced && coauthor.provider.synced).toBe(true));

  // Typing, and what the editor does as it opens such a draft: it deletes the element it cannot show.
  typeInto(lead, " Typed into a damaged draft.");
  page(coauthor.fragment(), 2).delete(1, 1);
  await eventually(() => {
    expect(lead.acked()).toBe(lead.sent());
    expect(coauthor.acked()).toBe(coauthor.sent());
  });
  // Deleting the incomplete page mends the draft, which can then be submitted.
  coauthor.fragment().delete(3, 1);
  await eventually(() => expect(coauthor.acked()).toBe(coauthor.sent()));
  expect(lead.closeCodes()).toEqual([]);
  expect(coauthor.closeCodes()).toEqual([]);
  await eventually(() => expect(lead.text()).toBe(coauthor.text()));
  const stored = await storedDocument(t.db, documentName);
  expect(stored.text).toContain("Typed into a damaged draft.");
  expect(stored.text).not.toContain("<img");

  const res = await postForm(server, `/modules/${module.slug}/edit`, { intent: "submit" }, cookie);
  expect(res.status).toBe(302);
});

test("restoring a published revision into such a draft replaces what the editor does not support", async () => {
  const { module, documentName, cookie } = await createDraftToEdit(t.db);
  await storeDocumentDirectly(
    t.db,
    documentName,
    damagedDraft((f) => {
      page(f, 2).insert(1, [new Y.XmlElement("img")]);
      page(f, 2).setAttribute("onclick", "alert(1)");
      page(f, 3).delete(2, 1);
    }),
  );
  const res = await postForm(server, `/modules/${module.slug}/history/1`, { intent: "restore" }, cookie);
  expect(res.status).toBe(302);
  const stored = await storedDocument(t.db, documentName);
  expect(stored.text).not.toContain("<img");
  expect(stored.text).not.toContain("onclick");
  expect(stored.text.match(/<question>/g)).toHaveLength(6); // the published revision: six pages, each with its question
  expect((await postForm(server, `/modules/${module.slug}/edit`, { intent: "submit" }, cookie)).status).toBe(302);
});

test("break-out notes stored with content the notes editor does not support: the proceedings say so instead of showing nothing", async () => {
  const { people, reunion } = await openSpaceSetting(t.db);
  const session = await createBreakout(t.db, reunion.id, { topic: "Speaking up", convenerId: people.alumnus.id });
  const notes = notesJsonToYDoc(notesDoc({ convener: people.alumnus.name, insights: ["Silence is not agreement"] }));
  notes.getXmlFragment("default").insert(2, [new Y.XmlElement("iframe")]);
  await storeDocumentDirectly(t.db, notesDocumentName(session.id), Y.encodeStateAsUpdate(notes));

  const res = await get(`/reunions/${reunion.id}/proceedings`, people.alumnus.cookie);
  expect(res.status).toBe(200);
  const text = mainText(await res.text());
  expect(text).toContain("These notes contain content the notes editor does not support, so they cannot be shown here yet.");
  expect(text).not.toContain("No notes were taken.");
  expect((await get(`/reunions/${reunion.id}/sessions/${session.id}`, people.alumnus.cookie)).status).toBe(200);
});
