// The reader's view of one module: its latest published revision, loaded
// scoped to what this person may read, with what they may do with its
// working draft, in one round trip. Anything else is a 404.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { preparedQuery } from "../../../db/prepared-query";
import { moduleRevisions, modules } from "../../../db/schema";
import { NotFoundError } from "../http-errors";
import { draftAccess, isPlatformAdmin, type Actor } from "../policy";
import { authorRoleOf } from "./module-draft.server";
import { splitRenderedModule } from "./render-module.server";
import { inProgrammeSql, visibleModules } from "./visible-modules.server";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const MINUTES_PER_PAGE = 10;
export const MINUTES_FOR_TAKEAWAYS = 15;

// Built once per database (db/prepared-query.ts); platform admins read every organisation's modules, so they have their own.
const moduleBySlug = (platformAdmin: boolean) =>
  preparedQuery(platformAdmin ? "module_by_slug_any_org" : "module_by_slug", (db) =>
    db
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
        status: modules.status,
        visibility: modules.visibility,
        ownerOrgId: modules.ownerOrgId,
        authorRole: authorRoleOf(sql.placeholder("actorId")),
        inProgramme: inProgrammeSql(sql.placeholder("orgId")),
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
      .where(and(eq(modules.slug, sql.placeholder("slug")), visibleModules(platformAdmin, sql.placeholder("orgId")))),
  );
const readerQueries = { anyOrg: moduleBySlug(true), ownOrg: moduleBySlug(false) };

export async function readModule(db: Database, actor: Actor, slug: string) {
  const notFound = new NotFoundError("We could not find that module. It may have been renamed, or it is not shared with your organisation.");
  if (!SLUG.test(slug) || slug.length > 120) throw notFound;
  const query = isPlatformAdmin(actor) ? readerQueries.anyOrg : readerQueries.ownOrg;
  const [row] = await query(db, { slug, orgId: actor.orgId, actorId: actor.id });
  if (!row) throw notFound;
  const { html, status, visibility, ownerOrgId, authorRole, ...module } = row;
  return {
    ...module,
    // The same rule as the editor page and the collaboration server, so the link never leads to a 404.
    draftAccess: draftAccess(actor, { status, visibility, ownerOrgId, authorRole }),
    parts: splitRenderedModule(html),
    estimatedMinutes: row.pageCount * MINUTES_PER_PAGE + MINUTES_FOR_TAKEAWAYS,
  };
}
