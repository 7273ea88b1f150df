// A module's history over HTTP: the list of published revisions with who
// wrote and approved them, one old revision as it was, the changes between
// two, and the lead author starting a new draft from an old revision without
// rewriting history.
import { and, asc, eq } from "drizzle-orm";
import * as Y from "yjs";
import { auditEvents, moduleAuthors, moduleRevisions, moduleSubmissions, submissionApprovals } from "../../db/schema";
import { moduleJsonToYDoc, yDocToModuleJson } from "../../app/domain/modules/module-yjs";
import { publishRevision } from "../../app/domain/modules/publish-revision.server";
import { replaceDraftContent } from "../../app/domain/modules/restore-revision.server";
import { draftDocumentName } from "../../app/domain/modules/module-draft.server";
import type { ModuleDocJSON } from "../../app/domain/modules/module-schema";
import { connectClient, eventually, type CollabClient } from "../support/collab-client";
import { createOrg, createPublishedModule, createUser, moduleDoc, sessionCookieFor, uniqueWord } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
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

/** A revision published through a review, as the review workflow records it. */
async function publishReviewed(moduleId: string, doc: unknown, { authorId, approvals }: { authorId: string; approvals: { userId: string; capacity: "moderator" | "author" }[] }) {
  const ydoc = moduleJsonToYDoc(doc as ModuleDocJSON);
  const rounds = await t.db.select({ id: moduleSubmissions.id }).from(moduleSubmissions).where(eq(moduleSubmissions.moduleId, moduleId));
  const [submission] = await t.db
    .insert(moduleSubmissions)
    .values({
      moduleId,
      round: rounds.length + 1,
      submittedBy: authorId,
      state: "published",
      candidateState: Y.encodeStateAsUpdate(ydoc),
      candidateSnapshot: Y.encodeSnapshot(Y.snapshot(ydoc)),
      candidateDoc: doc,
    })
    .returning();
  ydoc.destroy();
  await t.db.insert(submissionApprovals).values(approvals.map((a) => ({ submissionId: submission!.id, ...a })));
  return publishRevision(t.db, { moduleId, doc, authorId, submissionId: submission!.id });
}

/** A private module with three revisions, the people around it, and someone from another organisation. */
async function setting() {
  const org = await createOrg(t.db);
  const lead = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"], name: `Lena Lead ${uniqueWord()}` });
  const coauthor = await createUser(t.db, { orgId: org.id, roles: ["alumnus"], name: `Cora Coauthor ${uniqueWord()}` });
  const moderator = await createUser(t.db, { orgId: org.id, roles: ["moderator"], name: `Mo Moderator ${uniqueWord()}` });
  const participant = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  const otherOrg = await createOrg(t.db);
  const outsider = await createUser(t.db, { orgId: otherOrg.id, roles: ["org_admin", "alumnus"] });
  const words = { first: uniqueWord(), second: uniqueWord(), third: uniqueWord() };
  const docs = [
    moduleDoc({ pages: 3, intro: `The first telling ${words.first}.` }),
    moduleDoc({ pages: 4, intro: `The second telling ${words.second}.`, context: (i) => (i === 2 ? "Context rewritten for page 2." : `Some context for page ${i}.`) }),
    moduleDoc({ pages: 4, intro: `The third telling ${words.third}.`, context: (i) => (i === 2 ? "Context rewritten for page 2." : `Some context for page ${i}.`) }),
  ];
  const module = await createPublishedModule(t.db, { authorId: lead.id, ownerOrgId: org.id, doc: docs[0] });
  await t.db.insert(moduleAuthors).values({ moduleId: module.id, userId: coauthor.id, role: "coauthor" });
  await publishReviewed(module.id, docs[1], {
    authorId: coauthor.id,
    approvals: [
      { userId: moderator.id, capacity: "moderator" },
      { userId: lead.id, capacity: "author" },
    ],
  });
  await publishReviewed(module.id, docs[2], { authorId: lead.id, approvals: [{ userId: moderator.id, capacity: "moderator" }] });
  return { org, lead, coauthor, moderator, participant, outsider, module, docs, words };
}

async function get(path: string, userId?: string) {
  return server.request(path, { headers: userId ? { Cookie: await sessionCookieFor(t.db, userId) } : {} });
}

const revisionsOf = (moduleId: string) => t.db.select().from(moduleRevisions).where(eq(moduleRevisions.moduleId, moduleId)).orderBy(asc(moduleRevisions.number));

async function draftNow(moduleId: string): Promise<ModuleDocJSON> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await server.services.documentEditor.read(draftDocumentName(moduleId)));
  const json = yDocToModuleJson(doc);
  doc.destroy();
  return json;
}

test("the history lists every revision, newest first, with its author and approvers", async () => {
  const { lead, coauthor, moderator, participant, module } = await setting();
  const res = await get(`/modules/${module.slug}/history`, participant.id);
  expect(res.status).toBe(200);
  const text = mainText(await res.text());
  expect(text).toContain(`History of ${module.title}`);
  const [third, second, first] = ["Revision 3", "Revision 2", "Revision 1"].map((r) => text.indexOf(r));
  expect(third).toBeGreaterThan(-1);
  expect(third).toBeLessThan(second!);
  expect(second).toBeLessThan(first!);
  expect(text).toContain("Revision 3 current");
  expect(text).toContain(`${coauthor.name} ${moderator.name} (moderator), ${lead.name} (author)`);
  expect(text).toContain(`${lead.name} ${moderator.name} (moderator)`);
  // The first revision was published without a review, as the import from content/ does; the page says so.
  expect(text).toMatch(new RegExp(`Revision 1 .*${lead.name} Nobody: imported from the content folder without a review`));
  expect(text).not.toContain("Not recorded");
  expect(text).toMatch(/\(UTC\)|\([A-Za-z]+\/[A-Za-z_]+\)/);
});

test("a revision imported from the content folder says so on its own page, instead of an approver nobody recorded", async () => {
  const { participant, moderator, module } = await setting();
  const first = mainText(await (await get(`/modules/${module.slug}/history/1`, participant.id)).text());
  expect(first).toContain("Approved by Nobody: imported from the content folder without a review");
  const third = mainText(await (await get(`/modules/${module.slug}/history/3`, participant.id)).text());
  expect(third).toContain(`Approved by ${moderator.name} (moderator)`);
});

test("the history links each revision to its page and to a comparison with the one before", async () => {
  const { participant, module } = await setting();
  const html = await (await get(`/modules/${module.slug}/history`, participant.id)).text();
  for (const n of [1, 2, 3]) expect(html).toContain(`href="/modules/${module.slug}/history/${n}"`);
  expect(html).toContain(`href="/modules/${module.slug}/compare?from=1&amp;to=2"`);
  expect(html).toContain(`href="/modules/${module.slug}/compare?from=2&amp;to=3"`);
  expect(html).not.toContain(`compare?from=0`);
  expect(html).toMatch(new RegExp(`<form[^>]*method="get"[^>]*action="/modules/${module.slug}/compare"`));
});

test("the module page still shows the module, with a link to its history", async () => {
  const { participant, module, words } = await setting();
  const html = await (await get(`/modules/${module.slug}`, participant.id)).text();
  expect(mainText(html)).toContain(words.third);
  expect(html).toMatch(new RegExp(`<a[^>]*href="/modules/${module.slug}/history"[^>]*>History</a>`));
});

test("an old revision is shown as it was, labelled as not the current version", async () => {
  const { participant, module, words } = await setting();
  const res = await get(`/modules/${module.slug}/history/1`, participant.id);
  expect(res.status).toBe(200);
  const text = mainText(await res.text());
  expect(text).toMatch(/Revision 1 of 3, published .*; this is not the current version\./);
  expect(text).toContain(`The first telling ${words.first}.`);
  expect(text).not.toContain(words.third);
  expect(text).not.toContain("Start a new draft from this revision");

  const current = mainText(await (await get(`/modules/${module.slug}/history/3`, participant.id)).text());
  expect(current).toMatch(/Revision 3 of 3, published .*; this is the current version\./);
});

test("a revision that does not exist is a 404 that says so", async () => {
  const { participant, module } = await setting();
  const missing = await get(`/modules/${module.slug}/history/9`, participant.id);
  expect(missing.status).toBe(404);
  expect(mainText(await missing.text())).toContain("This module has no revision 9. Its revisions are numbered 1 to 3.");
  expect((await get(`/modules/${module.slug}/history/two`, participant.id)).status).toBe(404);
  expect((await get(`/modules/${module.slug}/history/0`, participant.id)).status).toBe(404);
});

test("comparing two revisions shows the pages and words that changed", async () => {
  const { participant, module, words } = await setting();
  const res = await get(`/modules/${module.slug}/compare?from=1&to=2`, participant.id);
  expect(res.status).toBe(200);
  const html = await res.text();
  const text = mainText(html);
  expect(text).toContain(`Changes in ${module.title}`);
  expect(text).toContain("1 page changed, 1 added; the introduction changed.");
  expect(text).toMatch(/Page 4: Page 4 Added/);
  expect(text).toMatch(/Page 2: Page 2 Changed/);
  expect(html).toContain(`<del><span class="visually-hidden">removed: </span>first</del>`);
  expect(html).toContain(`<ins><span class="visually-hidden">added: </span>second</ins>`);
  expect(html).toContain(words.first);
  // Unchanged pages are folded away.
  expect(html).toMatch(/<details><summary>Show this page<\/summary>/);
});

test("any two revisions can be compared, in either order", async () => {
  const { participant, module } = await setting();
  const res = await get(`/modules/${module.slug}/compare?from=3&to=1`, participant.id);
  expect(res.status).toBe(200);
  expect(mainText(await res.text())).toContain("1 page changed, 1 removed; the introduction changed.");
});

test("numbers that cannot be compared get a 400 page that explains why", async () => {
  const { participant, module } = await setting();
  const cases: [string, string][] = [
    ["from=1&to=9", "This module has no revision 9. Its revisions are numbered 1 to 3."],
    ["from=abc&to=2", "The first revision should be a number such as 1, 2 or 3."],
    ["to=2", "Choose the first revision."],
    ["from=2&to=2", "Choose two different revisions to compare."],
    ["from=0&to=2", "Revisions are numbered from 1, so the first revision cannot be 0."],
    ["from=1&to=99999999", "The second revision should be a number such as 1, 2 or 3."],
  ];
  for (const [query, message] of cases) {
    const res = await get(`/modules/${module.slug}/compare?${query}`, participant.id);
    expect(res.status, query).toBe(400);
    const text = mainText(await res.text());
    expect(text, query).toContain("These revisions cannot be compared");
    expect(text, query).toContain(message);
  }
});

test("another organisation's private module has no history, revisions or comparisons for outsiders", async () => {
  const { outsider, module } = await setting();
  for (const path of ["/history", "/history/1", "/compare?from=1&to=2"]) {
    const res = await get(`/modules/${module.slug}${path}`, outsider.id);
    expect(res.status, path).toBe(404);
    expect(mainText(await res.text())).not.toContain(module.title);
  }
  const restore = await postForm(server, `/modules/${module.slug}/history/1`, { intent: "restore" }, await sessionCookieFor(t.db, outsider.id));
  expect(restore.status).toBe(404);
});

test("signed out, the history sends you to sign in", async () => {
  const { module } = await setting();
  const res = await get(`/modules/${module.slug}/history`);
  expect(res.status).toBe(302);
  expect(res.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/modules/${module.slug}/history`)}`);
});

describe("starting a new draft from an old revision", () => {
  test("the lead author sees the button, and restoring puts that revision into the live draft without changing history", async () => {
    const { lead, module, docs, words } = await setting();
    const cookie = await sessionCookieFor(t.db, lead.id);
    const page = await server.request(`/modules/${module.slug}/history/1`, { headers: { Cookie: cookie } });
    expect(mainText(await page.text())).toContain("Start a new draft from this revision");

    const editor = connectClient(server, draftDocumentName(module.id), cookie);
    clients.push(editor);
    await eventually(() => expect(editor.text()).toContain(words.third));
    const before = await revisionsOf(module.id);

    const res = await postForm(server, `/modules/${module.slug}/history/1`, { intent: "restore" }, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/modules/${module.slug}/edit`);

    expect(await draftNow(module.id)).toEqual(before[0]!.doc);
    expect(before[0]!.doc).toEqual(JSON.parse(JSON.stringify(docs[0])));
    // Whoever has the draft open sees it at once.
    await eventually(() => expect(editor.text()).toContain(words.first));
    expect(editor.text()).not.toContain(words.third);
    // History is never rewritten: the same three revisions, and readers still read the third.
    expect(await revisionsOf(module.id)).toEqual(before);
    expect(mainText(await (await get(`/modules/${module.slug}`, lead.id)).text())).toContain(words.third);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, module.id), eq(auditEvents.action, "draft.restored")));
    expect(events).toMatchObject([{ actorId: lead.id, actorName: lead.name, targetType: "module", details: { fromRevision: 1 } }]);
  });

  test("co-authors, moderators and readers cannot restore, and the draft is untouched", async () => {
    const { coauthor, moderator, participant, module, words } = await setting();
    for (const person of [coauthor, moderator, participant]) {
      const cookie = await sessionCookieFor(t.db, person.id);
      const page = mainText(await (await server.request(`/modules/${module.slug}/history/1`, { headers: { Cookie: cookie } })).text());
      expect(page).not.toContain("Start a new draft from this revision");
      const res = await postForm(server, `/modules/${module.slug}/history/1`, { intent: "restore" }, cookie);
      expect(res.status).toBe(403);
      expect(mainText(await res.text())).toContain("Only the module's lead author can start a new draft from an old revision.");
    }
    expect(JSON.stringify(await draftNow(module.id))).toContain(words.third);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, module.id));
    expect(events.filter((e) => e.action === "draft.restored")).toEqual([]);
  });

  test("a form without the restore intent is a 400, and a missing revision a 404", async () => {
    const { lead, module } = await setting();
    const cookie = await sessionCookieFor(t.db, lead.id);
    expect((await postForm(server, `/modules/${module.slug}/history/1`, { intent: "delete" }, cookie)).status).toBe(400);
    expect((await postForm(server, `/modules/${module.slug}/history/7`, { intent: "restore" }, cookie)).status).toBe(404);
  });

  test("the change turns any draft into the revision's document", () => {
    const revision = JSON.parse(JSON.stringify(moduleDoc({ pages: 3, intro: "Restored introduction." })));
    // A draft that moved on: pages reordered, one added, text edited.
    const draft = moduleDoc({ pages: 5, intro: "A draft that moved on.", question: (i) => `Edited question ${i}?` });
    draft.content.splice(1, 2, draft.content[2]!, draft.content[1]!);
    for (const start of [moduleJsonToYDoc(draft as ModuleDocJSON), new Y.Doc()]) {
      start.transact(() => replaceDraftContent(revision)(start));
      expect(yDocToModuleJson(start)).toEqual(revision);
      start.destroy();
    }
  });
});
