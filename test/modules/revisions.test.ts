// Published revisions: numbered one after another, the latest is what
// readers see, and the database refuses to change or remove any of them.
import { asc, eq, sql } from "drizzle-orm";
import { moduleRevisions, modules } from "../../db/schema";
import { publishRevision } from "../../app/domain/modules/publish-revision.server";
import { createDraftModule, createOrg, createPublishedModule, createUser, moduleDoc, sessionCookieFor, uniqueWord } from "../support/factories";
import { mainText } from "../support/http-helpers";
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

async function author() {
  const org = await createOrg(t.db);
  return createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
}

const revisionsOf = (moduleId: string) =>
  t.db.select().from(moduleRevisions).where(eq(moduleRevisions.moduleId, moduleId)).orderBy(asc(moduleRevisions.number));

/** Every message along an error's cause chain: drivers and ORMs wrap the database's own words. */
function messages(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) parts.push(String(e.message));
  return parts.join(" | ");
}

async function refusal(query: Promise<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    return messages(error);
  }
  throw new Error("the database accepted the change");
}

test("publishing twice makes revisions 1 and 2, and readers see the second", async () => {
  const writer = await author();
  const before = uniqueWord();
  const after = uniqueWord();
  const module = await createPublishedModule(t.db, { authorId: writer.id, doc: moduleDoc({ pages: 6, intro: `First telling ${before}.` }) });
  const second = await publishRevision(t.db, { moduleId: module.id, doc: moduleDoc({ pages: 7, intro: `Second telling ${after}.` }), authorId: writer.id });

  expect(module.revision.number).toBe(1);
  expect(second.number).toBe(2);
  const rows = await revisionsOf(module.id);
  expect(rows.map((r) => r.number)).toEqual([1, 2]);
  // The first revision is kept as it was.
  expect(rows[0]!.html).toContain(before);
  expect(rows[1]!.html).toContain(after);
  const [current] = await t.db.select().from(modules).where(eq(modules.id, module.id));
  expect(current).toMatchObject({ publishedRevisionId: second.id, pageCount: 7 });

  const reader = await createUser(t.db, { orgId: writer.orgId, roles: ["participant"] });
  const res = await server.request(`/modules/${module.slug}`, { headers: { Cookie: await sessionCookieFor(t.db, reader.id) } });
  expect(res.status).toBe(200);
  const text = mainText(await res.text());
  expect(text).toContain(`Second telling ${after}.`);
  expect(text).not.toContain(before);
  expect(text).toMatch(/Revision 2, published/);
  expect(text).toContain("7 questions");
});

test("a reader who read revision 1 sees revision 2 on the next visit to the same server, with its text, questions and number", async () => {
  const writer = await author();
  const before = uniqueWord();
  const after = uniqueWord();
  const module = await createPublishedModule(t.db, {
    authorId: writer.id,
    doc: moduleDoc({ pages: 6, intro: `First telling ${before}.`, question: (i) => `Old question ${i} ${before}?` }),
  });
  const reader = await createUser(t.db, { orgId: writer.orgId, roles: ["participant"] });
  const cookie = await sessionCookieFor(t.db, reader.id);
  const read = async () => {
    const res = await server.request(`/modules/${module.slug}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    return res.text();
  };
  // Read it more than once, so anything kept between requests is warm.
  for (let i = 0; i < 3; i++) expect(mainText(await read())).toContain(`First telling ${before}.`);

  await publishRevision(t.db, { moduleId: module.id, doc: moduleDoc({ pages: 7, intro: `Second telling ${after}.`, question: (i) => `New question ${i} ${after}?` }), authorId: writer.id });
  const html = await read();
  const text = mainText(html);
  expect(text).toContain(`Second telling ${after}.`);
  expect(text).toContain(`New question 7 ${after}?`);
  expect(text).toMatch(/Revision 2, published/);
  expect(text).toContain("7 questions");
  // Neither the page nor the data sent for hydration keeps anything of revision 1.
  expect(html).not.toContain(before);
});

test("search follows the latest revision", async () => {
  const writer = await author();
  const oldWord = uniqueWord();
  const newWord = uniqueWord();
  const module = await createPublishedModule(t.db, { authorId: writer.id, doc: moduleDoc({ intro: `About ${oldWord}.` }) });
  await publishRevision(t.db, { moduleId: module.id, doc: moduleDoc({ intro: `About ${newWord}.` }), authorId: writer.id });
  const matches = async (word: string) =>
    (await t.db.select({ id: modules.id }).from(modules).where(sql`${modules.searchVector} @@ websearch_to_tsquery('english', ${word})`)).map((r) => r.id);
  expect(await matches(newWord)).toEqual([module.id]);
  expect(await matches(oldWord)).toEqual([]);
});

describe("the database keeps revisions immutable", () => {
  test("an UPDATE of a revision is refused and the row is unchanged", async () => {
    const writer = await author();
    const module = await createPublishedModule(t.db, { authorId: writer.id });
    const [original] = await revisionsOf(module.id);

    expect(await refusal(t.db.update(moduleRevisions).set({ html: "<p>rewritten</p>" }).where(eq(moduleRevisions.id, original!.id)))).toContain(
      "module revisions are immutable",
    );
    expect(await refusal(t.db.execute(sql`update module_revisions set number = 99, plain_text = 'x' where module_id = ${module.id}`))).toContain(
      "module revisions are immutable",
    );
    expect(await revisionsOf(module.id)).toEqual([original]);
  });

  test("a DELETE of a revision is refused and the row is still there", async () => {
    const writer = await author();
    const module = await createPublishedModule(t.db, { authorId: writer.id });
    const [original] = await revisionsOf(module.id);

    expect(await refusal(t.db.delete(moduleRevisions).where(eq(moduleRevisions.id, original!.id)))).toContain("module revisions are immutable");
    expect(await refusal(t.db.execute(sql`delete from module_revisions where module_id = ${module.id}`))).toContain("module revisions are immutable");
    expect(await revisionsOf(module.id)).toEqual([original]);
    // Nor can the module be deleted out from under its revisions.
    await expect(t.db.delete(modules).where(eq(modules.id, module.id))).rejects.toThrow();
    expect(await revisionsOf(module.id)).toEqual([original]);
  });
});

test("five publishes of the same module at once are numbered 1 to 5, and the module points at number 5", async () => {
  const writer = await author();
  const draft = await createDraftModule(t.db, { authorId: writer.id });
  const published = await Promise.all(
    Array.from({ length: 5 }, (_, i) => publishRevision(t.db, { moduleId: draft.id, doc: moduleDoc({ intro: `Telling number ${i}.` }), authorId: writer.id })),
  );

  expect(published.map((r) => r.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  const rows = await revisionsOf(draft.id);
  expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
  expect(new Set(rows.map((r) => r.id)).size).toBe(5);
  const [current] = await t.db.select().from(modules).where(eq(modules.id, draft.id));
  expect(current!.status).toBe("published");
  expect(current!.publishedRevisionId).toBe(rows[4]!.id);
});
