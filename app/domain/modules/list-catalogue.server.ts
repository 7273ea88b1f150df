// The catalogue: published modules this person may read, filtered by
// mindset, topic and author, one page at a time. Browsing is one statement
// that finds the modules once and derives the page, the total and the
// per-mindset counts; searching is search-catalogue.server.ts.
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { moduleAuthors, modules, organisations, users } from "../../../db/schema";
import type { Mindset } from "../content/mindsets";
import { isLimitedToProgramme, isPlatformAdmin, type Actor } from "../policy";
import { authorNames, searchCatalogue, type SearchRow } from "./search-catalogue.server";
import { inProgrammeSql, visibleToActor } from "./visible-modules.server";

export { MARK_END, MARK_START } from "./search-catalogue.server";

export const CATALOGUE_PAGE_SIZE = 20;

export type CatalogueFilters = { q: string; mindset: Mindset | null; topic: string | null; authorId: string | null; page: number };

export async function listCatalogue(db: Database, actor: Actor, filters: CatalogueFilters) {
  const [org] = await db.select({ programmeMode: organisations.programmeMode }).from(organisations).where(eq(organisations.id, actor.orgId));
  const programmeOnly = isLimitedToProgramme(actor, org?.programmeMode ?? "programme_first");

  const where: SQL[] = [visibleToActor(actor)];
  if (programmeOnly) where.push(inProgrammeSql(actor.orgId));
  if (filters.topic) where.push(sql`${filters.topic} = any(${modules.topics})`);
  if (filters.authorId) {
    where.push(sql`exists (select 1 from module_authors ma where ma.module_id = ${modules.id} and ma.user_id = ${filters.authorId})`);
  }
  const offset = (filters.page - 1) * CATALOGUE_PAGE_SIZE;
  const notes: string[] = [];
  let found: { rows: SearchRow[]; total: number; mindsetCounts: Partial<Record<Mindset, number>> };
  if (filters.q) {
    const search = await searchCatalogue(db, { q: filters.q, where, mindset: filters.mindset, orgId: actor.orgId, offset, limit: CATALOGUE_PAGE_SIZE });
    if (!search.searchable) {
      notes.push(`We could not search for “${filters.q}”: it has no words to look for (very common words such as “the” and “and” are left out). Try a more specific word.`);
    }
    found = search;
  } else {
    found = await browse(db, actor, where, filters.mindset, offset);
  }

  return {
    items: found.rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      mindset: r.mindset,
      topics: r.topics,
      pageCount: r.page_count,
      inProgramme: r.in_programme,
      authors: r.authors,
      snippet: r.snippet,
    })),
    total: found.total,
    mindsetCounts: found.mindsetCounts,
    programmeOnly,
    notes,
  };
}

/** Without a search: the organisation's programme first, then alphabetically. */
async function browse(db: Database, actor: Actor, where: SQL[], mindset: Mindset | null, offset: number) {
  const inProgramme = inProgrammeSql(actor.orgId);
  const inMindset = mindset ? sql`mindset = ${mindset}` : sql`true`;
  const result = await db.execute(sql`
    with matches as materialized (
      select ${modules.id} as id, ${modules.mindset} as mindset, ${modules.title} as title, ${inProgramme} as in_programme
      from ${modules}
      where ${and(...where)}
    ),
    page as (
      select * from matches where ${inMindset}
      order by in_programme desc, title
      limit ${CATALOGUE_PAGE_SIZE} offset ${offset}
    )
    select
      (select count(*)::int from matches where ${inMindset}) as total,
      (select coalesce(json_object_agg(mindset, n), '{}') from (select mindset, count(*)::int as n from matches group by mindset) c) as mindset_counts,
      (select coalesce(json_agg(json_build_object(
          'id', m.id, 'slug', m.slug, 'title', m.title, 'summary', m.summary, 'mindset', m.mindset, 'topics', m.topics,
          'page_count', m.page_count, 'in_programme', p.in_programme, 'snippet', null,
          'authors', ${authorNames(sql`m.id`)}
        ) order by p.ord), '[]')
       from (select page.*, row_number() over () as ord from page) p join modules m on m.id = p.id) as rows`);
  const first = (result as unknown as { rows?: unknown[] }).rows?.[0] ?? (result as unknown as unknown[])[0];
  const { total, mindset_counts, rows } = first as { total: number; mindset_counts: Partial<Record<Mindset, number>>; rows: SearchRow[] };
  return { rows, total, mindsetCounts: mindset_counts };
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
