// Publishing: an immutable revision holding the document, its server-rendered
// HTML and its text, its rank vector, and the module pointing at it for
// readers and search. English text is searched with PostgreSQL's English
// configuration (stemmed); Japanese text is split into words here first and
// searched with the simple one (docs/decisions/039-modules-in-two-languages.md).
import { eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { moduleRankVectors, moduleRevisions, modules } from "../../../db/schema";
import { wordsForSearch } from "../i18n/japanese-words";
import { isLanguage, type Language } from "../i18n/languages";
import { renderModule } from "./render-module.server";

export async function publishRevision(
  db: Database,
  { moduleId, doc, authorId, submissionId = null, now = new Date() }: { moduleId: string; doc: unknown; authorId: string | null; submissionId?: string | null; now?: Date },
) {
  const rendered = renderModule(doc);
  return db.transaction(async (tx) => {
    // Lock the module so concurrent publishes number their revisions one after another.
    const [module] = await tx.select({ title: modules.title, summary: modules.summary, language: modules.language }).from(modules).where(eq(modules.id, moduleId)).for("update");
    if (!module) throw new Error(`module ${moduleId} does not exist`);
    const language: Language = isLanguage(module.language) ? module.language : "en";
    const words = searchableText(language);
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
    const searchText = { title: words(module.title), summary: words(module.summary), questions: words(rendered.questions.join("\n")) };
    await tx.insert(moduleRankVectors).values({ revisionId: revision!.id, vector: rankVectorSql(searchText, language) });
    await tx
      .update(modules)
      .set({
        status: "published",
        publishedRevisionId: revision!.id,
        publishedAt: now,
        updatedAt: now,
        pageCount: rendered.outline.pages.length,
        searchVector: searchVectorSql({ ...searchText, body: words(rendered.plainText) }, language),
        titleVector: titleVectorSql(searchText.title, language),
      })
      .where(eq(modules.id, moduleId));
    return revision!;
  });
}

type SearchText = string | SQL;

/** The text as its search vector reads it: as written in English, split into words in Japanese. */
export const searchableText = (language: Language) => (language === "ja" ? wordsForSearch : (text: string) => text);

// A fixed word per language, never user input, so it may be written into the statement.
const CONFIGS: Record<Language, SQL> = { en: sql.raw("'english'"), ja: sql.raw("'simple'") };

/** The text-search configuration a language's text and searches use. */
export const textSearchConfig = (language: Language): SQL => CONFIGS[language];

/** The title alone, which puts a module first among the results when it matches. */
export function titleVectorSql(title: SearchText, language: Language = "en"): SQL {
  return sql`to_tsvector(${textSearchConfig(language)}, ${title})`;
}

/** The search document, matched through its index: title (A) > summary (B) > questions (C) > body (D). */
export function searchVectorSql(parts: { title: SearchText; summary: SearchText; questions: SearchText; body: SearchText }, language: Language = "en"): SQL {
  return sql`${rankVectorSql(parts, language)} || setweight(to_tsvector(${textSearchConfig(language)}, ${parts.body}), 'D')`;
}

/** What results are ranked by: the search document without its body, small enough to rank hundreds quickly. */
export function rankVectorSql(parts: { title: SearchText; summary: SearchText; questions: SearchText }, language: Language = "en"): SQL {
  const config = textSearchConfig(language);
  return sql`setweight(to_tsvector(${config}, ${parts.title}), 'A')
    || setweight(to_tsvector(${config}, ${parts.summary}), 'B')
    || setweight(to_tsvector(${config}, ${parts.questions}), 'C')`;
}
