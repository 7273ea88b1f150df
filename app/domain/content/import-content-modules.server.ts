// Imports content/*.md into the module model. Idempotent: a module is found
// by slug, and a new revision is published only when its document changed.
import { and, eq } from "drizzle-orm";
import { isDeepStrictEqual } from "node:util";
import type { Database } from "../../../db/database";
import { moduleAuthors, moduleRevisions, modules, users } from "../../../db/schema";
import { publishRevision } from "../modules/publish-revision.server";
import { renderModule } from "../modules/render-module.server";
import { loadContentModules } from "./load-content-modules.server";
import { moduleMarkdownToDoc } from "./module-markdown-to-doc";

export type ImportSummary = { created: string[]; updated: string[]; unchanged: string[]; skipped: { slug: string; reason: string }[] };

export async function importContentModules(db: Database, contentDir: string): Promise<ImportSummary> {
  const summary: ImportSummary = { created: [], updated: [], unchanged: [], skipped: [] };
  for (const parsed of await loadContentModules(contentDir)) {
    const [author] = await db.select({ id: users.id }).from(users).where(eq(users.email, parsed.author));
    if (!author) {
      summary.skipped.push({ slug: parsed.slug, reason: `no account for the author ${parsed.author}` });
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
    // The unique slug makes a concurrent second import a no-op rather than a duplicate.
    const [created] = await db.insert(modules).values({ slug: parsed.slug, ...meta }).onConflictDoNothing({ target: modules.slug }).returning({ id: modules.id });
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
