// The catalogue: published modules this person may read, filtered by
// mindset, topic and author, searched with a weighted tsvector, ranked,
// with highlighted snippets, one page at a time. One statement finds the
// matches once and derives the page, the total and the per-mindset counts.
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { moduleAuthors, moduleRevisions, modules, organisations, users } from "../../../db/schema";
import type { Mindset } from "../content/mindsets";
import { isLimitedToProgramme, isPlatformAdmin, type Actor } from "../policy";
import { browseCatalogue } from "./browse-catalogue.server";
import { inProgrammeSql, visibleToActor } from "./visible-modules.server";

export const CATALOGUE_PAGE_SIZE = 20;

// Control characters mark highlights, so snippet text never becomes HTML.
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

export type CatalogueFilters = { q: string; mindset: Mindset | null; topic: string | null; authorId: string | null; page: number };

type PageRow = { id: string; slug: string; title: string; summary: string; mindset: Mindset; topics: string[]; page_count: number; revision_id: string | null; in_programme: boolean };

export async function listCatalogue(db: Database, actor: Actor, filters: CatalogueFilters) {
  const [org] = await db.select({ programmeMode: organisations.programmeMode }).from(organisations).where(eq(organisations.id, actor.orgId));
  const programmeOnly = isLimitedToProgramme(actor, org?.programmeMode ?? "programme_first");
  const inProgramme = inProgrammeSql(actor.orgId);
  const query = filters.q ? sql`websearch_to_tsquery('english', ${filters.q})` : null;

  const where: SQL[] = [visibleToActor(actor)];
  if (programmeOnly) where.push(inProgramme);
  if (query) where.push(sql`${modules.searchVector} @@ ${query}`);
  if (filters.topic) where.push(sql`${filters.topic} = any(${modules.topics})`);
  if (filters.authorId) {
    where.push(sql`exists (select 1 from module_authors ma where ma.module_id = ${modules.id} and ma.user_id = ${filters.authorId})`);
  }
  const rank = query ? sql`ts_rank_cd(${modules.searchVector}, ${query})` : sql`0`;
  const inMindset = filters.mindset ? sql`mindset = ${filters.mindset}` : sql`true`;
  // Searching orders by relevance; browsing puts the organisation's programme first.
  const order = query ? sql`rank desc, title` : sql`in_programme desc, title`;

  // Browsing has its own statement (browse-catalogue.server.ts): no rank, and no list of every match to materialise.
  const browsed = query ? null : await browseCatalogue(db, { where, orgId: actor.orgId, mindset: filters.mindset, limit: CATALOGUE_PAGE_SIZE, offset: (filters.page - 1) * CATALOGUE_PAGE_SIZE });
  const result = browsed ? null : await db.execute(sql`
    with matches as materialized (
      select ${modules.id} as id, ${modules.mindset} as mindset, ${modules.title} as title,
             ${rank} as rank, ${inProgramme} as in_programme
      from ${modules}
      where ${and(...where)}
    ),
    page as (
      select * from matches where ${inMindset}
      order by ${order}
      limit ${CATALOGUE_PAGE_SIZE} offset ${(filters.page - 1) * CATALOGUE_PAGE_SIZE}
    )
    select
      (select count(*)::int from matches where ${inMindset}) as total,
      (select coalesce(json_object_agg(mindset, n), '{}') from (select mindset, count(*)::int as n from matches group by mindset) c) as mindset_counts,
      (select coalesce(json_agg(json_build_object(
          'id', m.id, 'slug', m.slug, 'title', m.title, 'summary', m.summary, 'mindset', m.mindset, 'topics', m.topics,
          'page_count', m.page_count, 'revision_id', m.published_revision_id, 'in_programme', p.in_programme
        ) order by p.ord), '[]')
       from (select page.*, row_number() over () as ord from page) p join modules m on m.id = p.id) as rows`);
  const first = browsed ?? (result as unknown as { rows?: unknown[] }).rows?.[0] ?? (result as unknown as unknown[])[0];
  const { total, mindset_counts, rows } = first as { total: number; mindset_counts: Partial<Record<Mindset, number>>; rows: PageRow[] };

  const ids = rows.map((r) => r.id);
  const revisionIds = rows.map((r) => r.revision_id).filter((id): id is string => Boolean(id));
  const [authors, snippets] = await Promise.all([
    ids.length
      ? db
          .select({ moduleId: moduleAuthors.moduleId, name: users.name })
          .from(moduleAuthors)
          .innerJoin(users, eq(users.id, moduleAuthors.userId))
          .where(inArray(moduleAuthors.moduleId, ids))
          .orderBy(asc(moduleAuthors.role), asc(users.name))
      : [],
    // Headlines are costly, so only the page being shown gets them.
    query && revisionIds.length
      ? db
          .select({
            revisionId: moduleRevisions.id,
            snippet: sql<string>`ts_headline('english', array_to_string(${moduleRevisions.questions}, ' ') || ' ' || ${moduleRevisions.plainText}, ${query},
              ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`})`,
          })
          .from(moduleRevisions)
          .where(inArray(moduleRevisions.id, revisionIds))
      : [],
  ]);
  const snippetOf = new Map(snippets.map((s) => [s.revisionId, s.snippet]));

  return {
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      mindset: r.mindset,
      topics: r.topics,
      pageCount: r.page_count,
      inProgramme: r.in_programme,
      authors: authors.filter((a) => a.moduleId === r.id).map((a) => a.name),
      snippet: r.revision_id ? (snippetOf.get(r.revision_id) ?? null) : null,
    })),
    total,
    mindsetCounts: mindset_counts,
    programmeOnly,
  };
}

// Filter menus change only when something is published; a short cache keeps
// two full scans off every catalogue page. With several processes a new
// topic can take this long to appear in the menu elsewhere.
const FACETS_TTL_MS = 30_000;
const facetsCache = new Map<string, { at: number; value: Promise<Facets> }>();
type Facets = { topics: string[]; authors: { id: string; name: string }[] };

/** Topics and authors that appear in what this person can see, for the filter menus. */
export function catalogueFacets(db: Database, actor: Actor, now = Date.now()): Promise<Facets> {
  const key = isPlatformAdmin(actor) ? "*" : actor.orgId;
  const cached = facetsCache.get(key);
  if (cached && now - cached.at < FACETS_TTL_MS) return cached.value;
  const value = loadFacets(db, actor);
  facetsCache.set(key, { at: now, value });
  value.catch(() => facetsCache.delete(key));
  if (facetsCache.size > 1000) facetsCache.delete(facetsCache.keys().next().value!);
  return value;
}

async function loadFacets(db: Database, actor: Actor): Promise<Facets> {
  const visible = visibleToActor(actor);
  const [topics, authors] = await Promise.all([
    db.selectDistinct({ topic: sql<string>`unnest(${modules.topics})` }).from(modules).where(visible).orderBy(sql`1`),
    db
      .selectDistinct({ id: users.id, name: users.name })
      .from(moduleAuthors)
      .innerJoin(modules, eq(modules.id, moduleAuthors.moduleId))
      .innerJoin(users, eq(users.id, moduleAuthors.userId))
      .where(and(visible, eq(moduleAuthors.role, "lead")))
      .orderBy(asc(users.name)),
  ]);
  return { topics: topics.map((t) => t.topic), authors };
}
