// Publishing: an immutable revision holding the document, its server-rendered
// HTML and its text, its rank vector, and the module pointing at it for
// readers and search.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { moduleRankVectors, moduleRevisions, modules } from "../../../db/schema";
import { renderModule } from "./render-module.server";

export async function publishRevision(
  db: Database,
  { moduleId, doc, authorId, submissionId = null, now = new Date() }: { moduleId: string; doc: unknown; authorId: string | null; submissionId?: string | null; now?: Date },
) {
  const rendered = renderModule(doc);
  return db.transaction(async (tx) => {
    // Lock the module so concurrent publishes number their revisions one after another.
    const [module] = await tx.select({ title: modules.title, summary: modules.summary }).from(modules).where(eq(modules.id, moduleId)).for("update");
    if (!module) throw new Error(`module ${moduleId} does not exist`);
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${moduleRevisions.number}), 0)::int + 1` })
      .from(moduleRevisions)
      .where(eq(moduleRevisions.moduleId, moduleId))) as [{ next: number }];
    const [revision] = await tx
      .insert(moduleRevisions)
      .values({
        moduleId,
        number: next,
        doc: rendered.json,
        html: rendered.html,
        plainText: rendered.plainText,
        questions: rendered.questions,
        authorId,
        submissionId,
        createdAt: now,
      })
      .returning({ id: moduleRevisions.id, number: moduleRevisions.number });
    const searchText = { title: module.title, summary: module.summary, questions: rendered.questions.join("\n") };
    await tx.insert(moduleRankVectors).values({ revisionId: revision!.id, vector: rankVectorSql(searchText) });
    await tx
      .update(modules)
      .set({
        status: "published",
        publishedRevisionId: revision!.id,
        publishedAt: now,
        updatedAt: now,
        pageCount: rendered.outline.pages.length,
        searchVector: searchVectorSql({ ...searchText, body: rendered.plainText }),
      })
      .where(eq(modules.id, moduleId));
    return revision!;
  });
}

type SearchText = string | SQL;

/** The search document, matched through its index: title (A) > summary (B) > questions (C) > body (D). */
export function searchVectorSql(parts: { title: SearchText; summary: SearchText; questions: SearchText; body: SearchText }): SQL {
  return sql`${rankVectorSql(parts)} || setweight(to_tsvector('english', ${parts.body}), 'D')`;
}

/** What results are ranked by: the search document without its body, small enough to rank hundreds quickly. */
export function rankVectorSql(parts: { title: SearchText; summary: SearchText; questions: SearchText }): SQL {
  return sql`setweight(to_tsvector('english', ${parts.title}), 'A')
    || setweight(to_tsvector('english', ${parts.summary}), 'B')
    || setweight(to_tsvector('english', ${parts.questions}), 'C')`;
}
