// The reader's view of one module: its latest published revision, loaded
// scoped to what this person may read. Anything else is a 404.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { moduleRevisions, modules } from "../../../db/schema";
import { NotFoundError } from "../http-errors";
import type { Actor } from "../policy";
import { splitRenderedModule } from "./render-module.server";
import { inProgrammeSql, visibleToActor } from "./visible-modules.server";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const MINUTES_PER_PAGE = 10;
export const MINUTES_FOR_TAKEAWAYS = 15;

export async function readModule(db: Database, actor: Actor, slug: string) {
  const notFound = new NotFoundError("We could not find that module. It may have been renamed, or it is not shared with your organisation.");
  if (!SLUG.test(slug) || slug.length > 120) throw notFound;
  const [row] = await db
    .select({
      id: modules.id,
      slug: modules.slug,
      title: modules.title,
      summary: modules.summary,
      mindset: modules.mindset,
      secondaryMindsets: modules.secondaryMindsets,
      topics: modules.topics,
      pageCount: modules.pageCount,
      publishedAt: modules.publishedAt,
      inProgramme: inProgrammeSql(actor.orgId),
      revisionNumber: moduleRevisions.number,
      html: moduleRevisions.html,
      questions: moduleRevisions.questions,
      // Lead first, then co-authors, in one round trip with the module.
      authors: sql<{ name: string; role: "lead" | "coauthor" }[]>`(
        select coalesce(json_agg(json_build_object('name', u.name, 'role', ma.role) order by ma.role, u.name), '[]')
        from module_authors ma join users u on u.id = ma.user_id where ma.module_id = ${modules.id})`,
    })
    .from(modules)
    .innerJoin(moduleRevisions, eq(moduleRevisions.id, modules.publishedRevisionId))
    .where(and(eq(modules.slug, slug), visibleToActor(actor)));
  if (!row) throw notFound;
  const { html, ...module } = row;
  return {
    ...module,
    parts: splitRenderedModule(html),
    estimatedMinutes: row.pageCount * MINUTES_PER_PAGE + MINUTES_FOR_TAKEAWAYS,
  };
}
