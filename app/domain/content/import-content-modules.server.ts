// Imports content/*.md into the module model. Idempotent: a module is found
// by slug, and a new revision is published only when its document changed.
// A translation (content/ja/, `translationOf`) is linked to the module it
// translates when it is created.
import { and, eq } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Database } from "../../../db/database";
import { moduleAuthors, moduleRevisions, modules, users } from "../../../db/schema";
import type { Language } from "../i18n/languages";
import { publishRevision } from "../modules/publish-revision.server";
import { renderModule } from "../modules/render-module.server";
import { CONTENT_LANGUAGE_FOLDERS, loadContentModules } from "./load-content-modules.server";
import { moduleMarkdownToDoc } from "./module-markdown-to-doc";
import type { ParsedModule } from "./parse-module-markdown";

export type ImportSummary = { created: string[]; updated: string[]; unchanged: string[]; skipped: { slug: string; reason: string }[] };

/** Every folder of content/: the English modules first, so translations find the modules they translate. */
export async function importAllContent(db: Database, contentDir: string): Promise<ImportSummary> {
  const summary = await importContentModules(db, contentDir);
  for (const [language, folder] of Object.entries(CONTENT_LANGUAGE_FOLDERS) as [Language, string][]) {
    const dir = path.join(contentDir, folder);
    if (!fs.existsSync(dir)) continue;
    const more = await importContentModules(db, dir, language);
    summary.created.push(...more.created);
    summary.updated.push(...more.updated);
    summary.unchanged.push(...more.unchanged);
    summary.skipped.push(...more.skipped);
  }
  return summary;
}

/** Every folder of content/, checked: a broken module stops the start with a message naming it. */
export async function loadAllContent(contentDir: string): Promise<ParsedModule[]> {
  const all = await loadContentModules(contentDir);
  for (const [language, folder] of Object.entries(CONTENT_LANGUAGE_FOLDERS) as [Language, string][]) {
    const dir = path.join(contentDir, folder);
    if (fs.existsSync(dir)) all.push(...(await loadContentModules(dir, language)));
  }
  return all;
}

/** The first module of the translation group of the module at `slug`, or why there is none. */
async function groupToJoin(db: Database, parsed: ParsedModule): Promise<{ id: string | null } | { reason: string }> {
  if (!parsed.translationOf) return { id: null };
  const [original] = await db.select({ id: modules.id, translationOf: modules.translationOf }).from(modules).where(eq(modules.slug, parsed.translationOf));
  if (!original) return { reason: `the module it translates, ${parsed.translationOf}, is not imported` };
  return { id: original.translationOf ?? original.id };
}

export async function importContentModules(db: Database, contentDir: string, language: Language = "en"): Promise<ImportSummary> {
  const summary: ImportSummary = { created: [], updated: [], unchanged: [], skipped: [] };
  for (const parsed of await loadContentModules(contentDir, language)) {
    const [author] = await db.select({ id: users.id }).from(users).where(eq(users.email, parsed.author));
    if (!author) {
      summary.skipped.push({ slug: parsed.slug, reason: `no account for the author ${parsed.author}` });
      continue;
    }
    const group = await groupToJoin(db, parsed);
    if ("reason" in group) {
      summary.skipped.push({ slug: parsed.slug, reason: group.reason });
      continue;
    }
    const doc = renderModule(moduleMarkdownToDoc(parsed)).json;
    const meta = {
      title: parsed.title,
      summary: parsed.summary,
      mindset: parsed.mindset,
      secondaryMindsets: parsed.secondaryMindsets,
      topics: parsed.topics,
    };
    // The unique slug makes a concurrent second import a no-op rather than a duplicate; so does the
    // language already having a version in the group (someone translated it in the portal first).
    const [created] = await db
      .insert(modules)
      .values({ slug: parsed.slug, ...meta, language: parsed.language, translationOf: group.id })
      .onConflictDoNothing()
      .returning({ id: modules.id });
    if (!created && group.id) {
      const [bySlug] = await db.select({ id: modules.id }).from(modules).where(eq(modules.slug, parsed.slug));
      if (!bySlug) {
        summary.skipped.push({ slug: parsed.slug, reason: `${parsed.translationOf} already has a version in this language` });
        continue;
      }
    }
    if (created) {
      await db.insert(moduleAuthors).values({ moduleId: created.id, userId: author.id, role: "lead" }).onConflictDoNothing();
      await publishRevision(db, { moduleId: created.id, doc, authorId: author.id });
      summary.created.push(parsed.slug);
      continue;
    }
    const [existing] = await db
      .select({ id: modules.id, title: modules.title, summary: modules.summary, mindset: modules.mindset, topics: modules.topics, secondaryMindsets: modules.secondaryMindsets, doc: moduleRevisions.doc })
      .from(modules)
      .leftJoin(moduleRevisions, and(eq(moduleRevisions.id, modules.publishedRevisionId)))
      .where(eq(modules.slug, parsed.slug));
    const metaChanged = !isDeepStrictEqual(
      { title: existing!.title, summary: existing!.summary, mindset: existing!.mindset, secondaryMindsets: existing!.secondaryMindsets, topics: existing!.topics },
      meta,
    );
    if (!metaChanged && isDeepStrictEqual(existing!.doc, doc)) {
      summary.unchanged.push(parsed.slug);
      continue;
    }
    if (metaChanged) await db.update(modules).set(meta).where(eq(modules.id, existing!.id));
    await publishRevision(db, { moduleId: existing!.id, doc, authorId: author.id });
    summary.updated.push(parsed.slug);
  }
  return summary;
}
