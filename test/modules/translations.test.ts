// Modules in two languages (docs/decisions/039-modules-in-two-languages.md):
// starting a translation makes a linked draft in the other language that is
// reviewed like any draft; the reader shows the person's language and offers
// the other; the catalogue lists a module and its translation once; a draft
// translation stays out of sight of those who may not see drafts.
import { and, eq } from "drizzle-orm";
import { auditEvents, collabSnapshots, moduleAuthors, modules, organisations, programmeModules, users } from "../../db/schema";
import { ForbiddenError, NotFoundError } from "../../app/domain/http-errors";
import { InputError } from "../../app/domain/input-error";
import { listCatalogue } from "../../app/domain/modules/list-catalogue.server";
import { publishRevision } from "../../app/domain/modules/publish-revision.server";
import { draftDocumentName } from "../../app/domain/modules/module-draft.server";
import { MODULE_YJS_FIELD } from "../../app/domain/modules/module-schema";
import { readModule } from "../../app/domain/modules/read-module.server";
import { startTranslation } from "../../app/domain/modules/start-translation.server";
import { decideSubmission } from "../../app/domain/review/decide-submission.server";
import { submitDraft } from "../../app/domain/review/submit-draft.server";
import type { DocumentEditor } from "../../server/collab/document-editor";
import { typeInto } from "../support/collab-client";
import { createDraftEditor, createOrg, createPublishedModule, createUser, moduleDoc, sessionCookieFor, uniqueWord } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { messageIn } from "../../app/domain/i18n/translators";

let t: TestDatabase;
let server: TestServer;
let editor: DocumentEditor;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
  editor = createDraftEditor(t.db);
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

/** An organisation with an English module, its lead, a translator, a moderator and a reader who reads Japanese. */
async function setting({ privateToOrg = false } = {}) {
  const org = await createOrg(t.db);
  const lead = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
  const translator = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const moderator = await createUser(t.db, { orgId: org.id, roles: ["moderator"] });
  const reader = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  await t.db.update(users).set({ language: "ja" }).where(eq(users.id, reader.id));
  const title = `Listening ${uniqueWord()}`;
  const module = await createPublishedModule(t.db, { authorId: lead.id, title, ownerOrgId: privateToOrg ? org.id : null });
  return { org, lead, translator, moderator, reader, module };
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("it was allowed");
}

const page = async (path: string, cookie: string) => {
  const res = await server.request(path, { headers: { Cookie: cookie } });
  return { status: res.status, html: await res.text() };
};

describe("starting a translation", () => {
  test("makes a draft in the other language, linked to the original, that is reviewed and published like any draft", async () => {
    const { lead, translator, moderator, reader, module } = await setting();
    const created = await startTranslation(t.db, translator, module.slug, { language: "ja", title: "傾聴から始める", summary: "相手の話を最後まで聞くことについて話し合います。" });
    expect(created.slug).toBe(`${module.slug}-ja`);
    const [row] = await t.db.select().from(modules).where(eq(modules.id, created.id));
    expect(row).toMatchObject({ language: "ja", translationOf: module.id, status: "draft", visibility: "public", mindset: module.mindset, title: "傾聴から始める", publishedRevisionId: null });
    expect(await t.db.select({ userId: moduleAuthors.userId, role: moduleAuthors.role }).from(moduleAuthors).where(eq(moduleAuthors.moduleId, created.id))).toEqual([{ userId: translator.id, role: "lead" }]);
    expect(await t.db.$count(collabSnapshots, eq(collabSnapshots.documentName, draftDocumentName(created.id)))).toBe(1);
    expect(await t.db.$count(auditEvents, and(eq(auditEvents.action, "module.translation_started"), eq(auditEvents.targetId, created.id)))).toBe(1);

    // Nobody else reads it yet: the Japanese reader still gets the English module.
    expect((await readModule(t.db, reader, module.slug)).id).toBe(module.id);

    // The translators write in the draft (it starts from the original text), the lead submits, a moderator approves.
    await editor.edit(draftDocumentName(created.id), (doc) => typeInto({ fragment: () => doc.getXmlFragment(MODULE_YJS_FIELD) }, "相手の話を途中で遮らないこと。"));
    const submission = await submitDraft(t.db, editor, translator, created.id);
    // The reviewer reads it beside the module it translates.
    const review = await page(`/review/drafts/${submission.id}`, await sessionCookieFor(t.db, moderator.id));
    expect(review.status).toBe(200);
    expect(mainText(review.html)).toContain(`A translation into 日本語 of ${module.title}`);
    const outcome = await decideSubmission(t.db, moderator, submission.id, "approve", undefined);
    expect(outcome).toMatchObject({ state: "published", revisionNumber: 1 });

    const shown = await readModule(t.db, reader, module.slug);
    expect(shown).toMatchObject({ id: created.id, language: "ja", title: "傾聴から始める" });
    expect(shown.parts.introduction).toContain("相手の話を途中で遮らないこと。");
    expect(shown.translationLinks).toEqual([{ kind: "published", language: "en", slug: module.slug, title: module.title }]);
    // Its Japanese text is searchable by its words.
    const found = await listCatalogue(t.db, reader, { q: "途中", mindset: null, topic: null, authorId: null, page: 1 });
    expect(found.items.map((m) => m.id)).toEqual([created.id]);

    // The English reader keeps the English module and is offered the Japanese one; the lead of the original too.
    expect((await readModule(t.db, lead, module.slug)).translationLinks).toEqual([{ kind: "published", language: "ja", slug: created.slug, title: "傾聴から始める" }]);
  });

  test("each language once: a second Japanese translation is refused, however it is asked for", async () => {
    const { translator, lead, module } = await setting();
    const first = await startTranslation(t.db, translator, module.slug, { language: "ja", title: "最初の翻訳", summary: "最初に始めた翻訳の要約です。" });
    const second = await refusal(startTranslation(t.db, lead, module.slug, { language: "ja", title: "二つ目の翻訳", summary: "二つ目の翻訳の要約です。" }));
    expect(second).toBeInstanceOf(InputError);
    expect((second as InputError).status).toBe(409);
    expect(messageIn("en", (second as InputError).fieldErrors.language!)).toBe("This module already has a version in 日本語.");
    // A draft is not translated before it is published: for everyone but its writers it does not exist.
    expect(await refusal(startTranslation(t.db, lead, first.slug, { language: "en", title: "Again", summary: "The same module in English again." }))).toBeInstanceOf(NotFoundError);
    // A translation cannot be made into its own language either: English already exists in the group.
    const error = await refusal(startTranslation(t.db, lead, module.slug, { language: "en", title: "Again", summary: "The same module in English again." }));
    expect(messageIn("en", (error as InputError).fieldErrors.language!)).toBe("This module already has a version in English.");
  });

  test("only contributors who can read the module may start one: others get 403, another organisation 404", async () => {
    const { reader, module } = await setting({ privateToOrg: true });
    const input = { language: "ja" as const, title: "翻訳", summary: "翻訳の要約を書きます。" };
    const refused = await refusal(startTranslation(t.db, reader, module.slug, input));
    expect(refused).toBeInstanceOf(ForbiddenError);
    const outsiderOrg = await createOrg(t.db);
    const outsider = await createUser(t.db, { orgId: outsiderOrg.id, roles: ["alumnus"] });
    expect(await refusal(startTranslation(t.db, outsider, module.slug, input))).toBeInstanceOf(NotFoundError);
  });

  test("over HTTP: bad input keeps what was typed, a good form opens the translation's draft", async () => {
    const { translator, module } = await setting();
    const cookie = await sessionCookieFor(t.db, translator.id);
    const form = await page(`/modules/${module.slug}/translate`, cookie);
    expect(form.status).toBe(200);
    expect(mainText(form.html)).toContain("Translate this module");

    const bad = await postForm(server, `/modules/${module.slug}/translate`, { language: "fr", title: "傾聴", summary: "短い" }, cookie);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('value="傾聴"');
    const badText = mainText(badHtml);
    expect(badText).toContain("Choose English or Japanese.");
    expect(badText).toContain("Write the summary in the new language (at least 10 characters).");
    expect(await t.db.$count(modules, eq(modules.translationOf, module.id))).toBe(0);

    const good = await postForm(server, `/modules/${module.slug}/translate`, { language: "ja", title: "傾聴から始める", summary: "相手の話を最後まで聞くことについて話し合います。" }, cookie);
    expect(good.status).toBe(302);
    expect(good.headers.get("location")).toBe(`/modules/${module.slug}-ja/edit?translation=1`);
    const draft = await page(`/modules/${module.slug}-ja/edit?translation=1`, cookie);
    expect(draft.status).toBe(200);
    expect(mainText(draft.html)).toContain(`A translation into 日本語 of ${module.title}`);
  });
});

describe("the reader", () => {
  test("shows the person's language and offers the other; an explicit choice wins", async () => {
    const { lead, reader, module } = await setting();
    const ja = await createPublishedModule(t.db, { authorId: lead.id, title: "聞く力", summary: "聞くことについての日本語のモジュールです。", language: "ja", translationOf: module.id, doc: moduleDoc({ intro: "日本語の導入です。" }) });
    const readerCookie = await sessionCookieFor(t.db, reader.id);
    const leadCookie = await sessionCookieFor(t.db, lead.id);

    const inJapanese = await page(`/modules/${module.slug}`, readerCookie);
    expect(inJapanese.status).toBe(200);
    expect(inJapanese.html).toContain('<h1 id="module-title" lang="ja">聞く力</h1>');
    expect(inJapanese.html).toContain(`href="/modules/${module.slug}?lang=en"`);
    expect(mainText(inJapanese.html)).toContain("Also in English");

    const inEnglish = await page(`/modules/${ja.slug}`, leadCookie);
    expect(inEnglish.html).toContain(`lang="en">${module.title}</h1>`);
    expect(inEnglish.html).toContain(`href="/modules/${ja.slug}?lang=ja"`);
    expect(mainText(inEnglish.html)).toContain("Also in 日本語");

    const chosen = await page(`/modules/${module.slug}?lang=en`, readerCookie);
    expect(chosen.html).toContain(`lang="en">${module.title}</h1>`);
    expect(mainText(chosen.html)).toContain("Also in 日本語");
    // A language we do not have is ignored, never a 500.
    expect((await page(`/modules/${module.slug}?lang=xx`, readerCookie)).status).toBe(200);
  });

  test("a person who may not see the draft translation gets no link to it, and a 404 at its addresses", async () => {
    const { translator, reader, module } = await setting();
    const draft = await startTranslation(t.db, translator, module.slug, { language: "ja", title: "下書きの翻訳", summary: "まだ公開されていない翻訳です。" });
    const readerCookie = await sessionCookieFor(t.db, reader.id);
    const translatorCookie = await sessionCookieFor(t.db, translator.id);

    const reading = await page(`/modules/${module.slug}?lang=ja`, readerCookie);
    expect(reading.status).toBe(200);
    expect(reading.html).not.toContain(draft.slug);
    expect(reading.html).not.toContain("下書きの翻訳");
    for (const path of [`/modules/${draft.slug}`, `/modules/${draft.slug}?lang=ja`, `/modules/${draft.slug}/edit`, `/modules/${draft.slug}/translate`]) {
      expect((await page(path, readerCookie)).status, path).toBe(404);
    }
    // Its translator is pointed to the draft instead.
    const own = await page(`/modules/${module.slug}`, translatorCookie);
    expect(own.html).toContain(`href="/modules/${draft.slug}/edit"`);
  });
});

describe("the catalogue", () => {
  test("lists a module and its translation once, in the reader's language, and a search finds either", async () => {
    const { lead, reader, module } = await setting();
    const topic = `topic-${uniqueWord("")}`;
    await t.db.update(modules).set({ topics: [topic] }).where(eq(modules.id, module.id));
    // Words a stemmer leaves as they are (a final x), so English and Japanese modules store them alike.
    const shared = `${uniqueWord()}x`;
    const onlyJapanese = `${uniqueWord()}x`;
    const onlyEnglish = `${uniqueWord()}x`;
    await t.db.update(modules).set({ title: `${module.title} ${shared} ${onlyEnglish}` }).where(eq(modules.id, module.id));
    await publishRevision(t.db, { moduleId: module.id, doc: moduleDoc(), authorId: lead.id });
    const ja = await createPublishedModule(t.db, { authorId: lead.id, title: "聞く力", topics: [topic], language: "ja", translationOf: module.id, doc: moduleDoc({ intro: `傾聴の練習 ${shared} ${onlyJapanese}` }) });
    const untranslated = await createPublishedModule(t.db, { authorId: lead.id, topics: [topic] });
    const browse = (actor: typeof reader, q = "") => listCatalogue(t.db, actor, { q, mindset: null, topic, authorId: null, page: 1 });

    const japanese = await browse(reader);
    expect(japanese.items.map((m) => m.id).sort()).toEqual([ja.id, untranslated.id].sort());
    expect(japanese.total).toBe(2);
    expect(japanese.mindsetCounts).toEqual({ reflection: 2 });
    const english = await browse(lead);
    expect(english.items.map((m) => m.id).sort()).toEqual([module.id, untranslated.id].sort());

    // Both versions match: the reader's only. One matches: that one, whoever searches.
    expect((await browse(reader, shared)).items.map((m) => m.id)).toEqual([ja.id]);
    expect((await browse(lead, shared)).items.map((m) => m.id)).toEqual([module.id]);
    expect((await browse(lead, onlyJapanese)).items.map((m) => m.id)).toEqual([ja.id]);
    expect((await browse(reader, onlyEnglish)).items.map((m) => m.id)).toEqual([module.id]);

    const res = await page(`/modules?topic=${topic}`, await sessionCookieFor(t.db, lead.id));
    expect(mainText(res.html)).toContain("2 modules");
  });

  test("a translation of a programme module is in the programme: listed first, and shown where the organisation shows only its programme", async () => {
    const { org, lead, reader, module } = await setting();
    const topic = `topic-${uniqueWord("")}`;
    await t.db.update(modules).set({ topics: [topic] }).where(eq(modules.id, module.id));
    const ja = await createPublishedModule(t.db, { authorId: lead.id, title: "聞く力", topics: [topic], language: "ja", translationOf: module.id });
    await createPublishedModule(t.db, { authorId: lead.id, topics: [topic], title: "Aaa not in the programme" });
    await t.db.insert(programmeModules).values({ orgId: org.id, moduleId: module.id });
    const browse = () => listCatalogue(t.db, reader, { q: "", mindset: null, topic, authorId: null, page: 1 });

    const first = await browse();
    expect(first.items.map((m) => [m.id, m.inProgramme])[0]).toEqual([ja.id, true]);
    await t.db.update(organisations).set({ programmeMode: "programme_only" }).where(eq(organisations.id, org.id));
    const only = await browse();
    expect(only.items.map((m) => m.id)).toEqual([ja.id]);
    expect((await readModule(t.db, reader, module.slug)).inProgramme).toBe(true);
  });
});
