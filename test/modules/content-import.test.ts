// Importing content/*.md into the module model: every module once, again
// without changes, a changed file as one new revision, a missing author as a
// skip; and every module survives the JSON ⇄ Yjs round trip unchanged.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, inArray } from "drizzle-orm";
import * as Y from "yjs";
import { moduleAuthors, moduleRevisions, modules } from "../../db/schema";
import { importContentModules } from "../../app/domain/content/import-content-modules.server";
import { loadContentModules } from "../../app/domain/content/load-content-modules.server";
import { moduleMarkdownToDoc } from "../../app/domain/content/module-markdown-to-doc";
import { moduleJsonToYDoc, yDocToModuleJson } from "../../app/domain/modules/module-yjs";
import type { ModuleDocJSON } from "../../app/domain/modules/module-schema";
import { renderModule } from "../../app/domain/modules/render-module.server";
import { ROOT_DIR } from "../../server/http-app";
import { createOrg, createUser } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const CONTENT_DIR = path.join(ROOT_DIR, "content");
const AUTHORS = ["leader@demo.test", "leader2@demo.test", "leader3@demo.test"];

let t: TestDatabase;
const tempDirs: string[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
  for (const dir of tempDirs) await fs.rm(dir, { recursive: true, force: true });
});

const contentFiles = async () => (await fs.readdir(CONTENT_DIR)).filter((f) => f.endsWith(".md")).sort();

/**
 * A copy of content/ in a temporary directory whose slugs and author emails
 * carry `suffix`, so each test imports modules of its own. `edit` may change
 * a file's source (given its original slug).
 */
async function contentCopy(suffix: string, edit: (slug: string, source: string) => string = (_, s) => s) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "rt-content-"));
  tempDirs.push(dir);
  await writeCopy(dir, suffix, edit);
  return dir;
}

async function writeCopy(dir: string, suffix: string, edit: (slug: string, source: string) => string = (_, s) => s) {
  const slugs: string[] = [];
  for (const file of await contentFiles()) {
    const slug = file.slice(0, -".md".length);
    const original = await fs.readFile(path.join(CONTENT_DIR, file), "utf8");
    let source = original.replace(`\nslug: ${slug}\n`, `\nslug: ${slug}-${suffix}\n`).replace(/\nauthor: ([a-z0-9]+)@demo\.test\n/, `\nauthor: $1-${suffix}@demo.test\n`);
    expect(source.match(new RegExp(`-${suffix}`, "g")), file).toHaveLength(2);
    source = edit(slug, source);
    await fs.writeFile(path.join(dir, `${slug}-${suffix}.md`), source);
    slugs.push(`${slug}-${suffix}`);
  }
  return slugs;
}

/** The three author accounts a copy made with this suffix names. */
async function authorsFor(suffix: string) {
  const org = await createOrg(t.db);
  for (const email of AUTHORS) await createUser(t.db, { orgId: org.id, roles: ["thought_leader"], email: email.replace("@", `-${suffix}@`) });
}

async function revisionCounts(slugs: string[]) {
  const rows = await t.db
    .select({ slug: modules.slug, number: moduleRevisions.number })
    .from(modules)
    .innerJoin(moduleRevisions, eq(moduleRevisions.moduleId, modules.id))
    .where(inArray(modules.slug, slugs))
    .orderBy(asc(modules.slug), asc(moduleRevisions.number));
  const counts: Record<string, number[]> = {};
  for (const r of rows) (counts[r.slug] ??= []).push(r.number);
  return counts;
}

const suffix = () => crypto.randomBytes(4).toString("hex");
const sorted = (xs: string[]) => [...xs].sort();

test("importing content/ creates its 15 modules, each with one published revision by its author", async () => {
  const org = await createOrg(t.db);
  const authorIds = new Map<string, string>();
  for (const email of AUTHORS) authorIds.set(email, (await createUser(t.db, { orgId: org.id, roles: ["thought_leader"], email })).id);
  const files = await contentFiles();
  const slugs = files.map((f) => f.slice(0, -".md".length));
  expect(slugs).toHaveLength(15);

  const summary = await importContentModules(t.db, CONTENT_DIR);
  expect(sorted(summary.created)).toEqual(slugs);
  expect(summary).toMatchObject({ updated: [], unchanged: [], skipped: [] });

  const counts = await revisionCounts(slugs);
  expect(Object.keys(counts).sort()).toEqual(slugs);
  for (const slug of slugs) expect(counts[slug], slug).toEqual([1]);

  const parsed = await loadContentModules(CONTENT_DIR);
  const rows = await t.db
    .select({ slug: modules.slug, title: modules.title, status: modules.status, pageCount: modules.pageCount, visibility: modules.visibility, authorId: moduleAuthors.userId })
    .from(modules)
    .innerJoin(moduleAuthors, and(eq(moduleAuthors.moduleId, modules.id), eq(moduleAuthors.role, "lead")))
    .where(inArray(modules.slug, slugs));
  expect(rows).toHaveLength(15);
  for (const p of parsed) {
    expect(rows.find((r) => r.slug === p.slug)).toEqual({
      slug: p.slug,
      title: p.title,
      status: "published",
      pageCount: p.pages.length,
      visibility: "public",
      authorId: authorIds.get(p.author),
    });
  }
});

test("importing the same content again changes nothing", async () => {
  const s = suffix();
  await authorsFor(s);
  const dir = await contentCopy(s);
  const first = await importContentModules(t.db, dir);
  expect(first.created).toHaveLength(15);
  const slugs = sorted(first.created);
  const before = await t.db.select().from(modules).where(inArray(modules.slug, slugs)).orderBy(asc(modules.slug));
  const revisionsBefore = await revisionCounts(slugs);

  const again = await importContentModules(t.db, dir);
  expect(again).toEqual({ created: [], updated: [], unchanged: expect.any(Array), skipped: [] });
  expect(sorted(again.unchanged)).toEqual(slugs);
  expect(await revisionCounts(slugs)).toEqual(revisionsBefore);
  expect(await t.db.select().from(modules).where(inArray(modules.slug, slugs)).orderBy(asc(modules.slug))).toEqual(before);
});

test("changing one module's text publishes exactly one new revision of that module", async () => {
  const s = suffix();
  await authorsFor(s);
  const dir = await contentCopy(s);
  const slugs = sorted((await importContentModules(t.db, dir)).created);
  const changed = `running-on-empty-${s}`;

  const edited = "Hardly any of us stop to notice how much energy we actually have.";
  await writeCopy(dir, s, (slug, source) => (slug === "running-on-empty" ? source.replace("Few of us stop to notice how much energy we actually have.", edited) : source));
  const summary = await importContentModules(t.db, dir);
  expect(summary.updated).toEqual([changed]);
  expect(summary.created).toEqual([]);
  expect(summary.skipped).toEqual([]);
  expect(sorted(summary.unchanged)).toEqual(slugs.filter((x) => x !== changed));

  const counts = await revisionCounts(slugs);
  for (const slug of slugs) expect(counts[slug], slug).toEqual(slug === changed ? [1, 2] : [1]);
  const [current] = await t.db
    .select({ html: moduleRevisions.html })
    .from(modules)
    .innerJoin(moduleRevisions, eq(moduleRevisions.id, modules.publishedRevisionId))
    .where(eq(modules.slug, changed));
  expect(current!.html).toContain(edited);

  // Importing the edited copy again is a no-op once more.
  const again = await importContentModules(t.db, dir);
  expect(again.updated).toEqual([]);
  expect((await revisionCounts([changed]))[changed]).toEqual([1, 2]);
});

test("changing only a module's title updates the module and its search with one new revision", async () => {
  const s = suffix();
  await authorsFor(s);
  const dir = await contentCopy(s);
  const slugs = sorted((await importContentModules(t.db, dir)).created);
  const changed = `running-on-empty-${s}`;

  await writeCopy(dir, s, (slug, source) => (slug === "running-on-empty" ? source.replace("title: Running on empty", "title: Running on reserve") : source));
  const summary = await importContentModules(t.db, dir);
  expect(summary.updated).toEqual([changed]);
  const [module] = await t.db.select().from(modules).where(eq(modules.slug, changed));
  expect(module!.title).toBe("Running on reserve");
  const counts = await revisionCounts(slugs);
  for (const slug of slugs) expect(counts[slug], slug).toEqual(slug === changed ? [1, 2] : [1]);
});

test("a module whose author has no account is skipped and reported; the others are imported", async () => {
  const s = suffix();
  await authorsFor(s);
  const stranger = `nobody-${s}@demo.test`;
  const dir = await contentCopy(s, (slug, source) => (slug === "small-bets-fast-lessons" ? source.replace(/\nauthor: [^\n]+\n/, `\nauthor: ${stranger}\n`) : source));
  const skippedSlug = `small-bets-fast-lessons-${s}`;

  const summary = await importContentModules(t.db, dir);
  expect(summary.skipped).toEqual([{ slug: skippedSlug, reason: `no account for the author ${stranger}` }]);
  expect(summary.created).toHaveLength(14);
  expect(summary.created).not.toContain(skippedSlug);
  expect(await t.db.select().from(modules).where(eq(modules.slug, skippedSlug))).toEqual([]);
});

describe("the JSON ⇄ Yjs round trip", () => {
  test("is lossless for every module in content/", async () => {
    const parsed = await loadContentModules(CONTENT_DIR);
    expect(parsed).toHaveLength(15);
    for (const module of parsed) {
      const json = renderModule(moduleMarkdownToDoc(module)).json as ModuleDocJSON;
      const ydoc = moduleJsonToYDoc(json);
      const fragment = ydoc.getXmlFragment("default");
      // introduction + pages + takeaways
      expect(fragment.length, module.slug).toBe(module.pages.length + 2);
      expect(fragment.toString(), module.slug).not.toBe("");
      expect(yDocToModuleJson(ydoc), module.slug).toEqual(json);

      // And through the binary update the collaboration server sends.
      const received = new Y.Doc();
      Y.applyUpdate(received, Y.encodeStateAsUpdate(ydoc));
      expect(yDocToModuleJson(received), module.slug).toEqual(json);
      // The round trip gives back a document the renderer accepts as it is.
      expect(renderModule(yDocToModuleJson(received)).json, module.slug).toEqual(json);
    }
  });

  test("keeps bold, italic, links and page ids", () => {
    const json = renderModule({
      type: "doc",
      content: [
        {
          type: "introduction",
          content: [
            {
              type: "paragraph",
              content: [
                { type: "text", text: "Plain, " },
                { type: "text", text: "bold", marks: [{ type: "bold" }] },
                { type: "text", text: " and " },
                { type: "text", text: "a link", marks: [{ type: "italic" }, { type: "link", attrs: { href: "https://example.com/" } }] },
              ],
            },
          ],
        },
        {
          type: "page",
          attrs: { id: "kept-id" },
          content: [
            { type: "pageTitle", content: [{ type: "text", text: "A page" }] },
            { type: "pageContext", content: [{ type: "paragraph", content: [{ type: "text", text: "Context." }] }] },
            { type: "question", content: [{ type: "text", text: "Why?", marks: [{ type: "italic" }] }] },
          ],
        },
        { type: "takeaways", content: [{ type: "takeawayPrompt", content: [{ type: "text", text: "Try it." }] }] },
      ],
    }).json as ModuleDocJSON;
    expect(JSON.stringify(json)).toContain('"kept-id"');
    expect(JSON.stringify(json)).toContain("https://example.com/");
    expect(yDocToModuleJson(moduleJsonToYDoc(json))).toEqual(json);
  });
});
