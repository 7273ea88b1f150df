// The catalogue: published modules this person may read, filtered by
// mindset, topic and author, one page at a time. Browsing is one statement
// (browse-catalogue.server.ts) that reads the page and the per-mindset
// counts; searching is search-catalogue.server.ts. A module and its
// translation are one entry, in the reader's language where they may read it
// (docs/decisions/039-modules-in-two-languages.md).
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { moduleAuthors, modules, organisations, users } from "../../../db/schema";
import type { Mindset } from "../content/mindsets";
import { chooseLanguage, type Language } from "../i18n/languages";
import { isLimitedToProgramme, isPlatformAdmin, type Actor } from "../policy";
import { browseCatalogue } from "./browse-catalogue.server";
import { searchCatalogue, type SearchRow } from "./search-catalogue.server";
import { groupInProgrammeSql, oneEntryPerTranslationGroup, visibleToActor } from "./visible-modules.server";
import { message } from "../i18n/message";

export { MARK_END, MARK_START } from "./search-catalogue.server";

export const CATALOGUE_PAGE_SIZE = 20;

export type CatalogueFilters = { q: string; mindset: Mindset | null; topic: string | null; authorId: string | null; page: number };

/** `acceptLanguage` is the request's Accept-Language header, for people and organisations that chose no language. */
export async function listCatalogue(db: Database, actor: Actor, filters: CatalogueFilters, { acceptLanguage = null }: { acceptLanguage?: string | null } = {}) {
  const [org] = await db
    .select({
      programmeMode: organisations.programmeMode,
      defaultLanguage: organisations.defaultLanguage,
      personLanguage: sql<string | null>`(select ${users.language} from ${users} where ${users.id} = ${actor.id})`,
    })
    .from(organisations)
    .where(eq(organisations.id, actor.orgId));
  const programmeOnly = isLimitedToProgramme(actor, org?.programmeMode ?? "programme_first");
  const language: Language = chooseLanguage({ person: org?.personLanguage, organisation: org?.defaultLanguage, acceptLanguage });

  const where: SQL[] = [visibleToActor(actor)];
  // A translation of a programme module is in the programme too.
  if (programmeOnly) where.push(groupInProgrammeSql(actor.orgId));
  if (filters.topic) where.push(sql`${filters.topic} = any(${modules.topics})`);
  if (filters.authorId) {
    where.push(sql`exists (select 1 from module_authors ma where ma.module_id = ${modules.id} and ma.user_id = ${filters.authorId})`);
  }
  const offset = (filters.page - 1) * CATALOGUE_PAGE_SIZE;
  const notes: string[] = [];
  let found: { rows: SearchRow[]; total: number; mindsetCounts: Partial<Record<Mindset, number>> };
  if (filters.q) {
    const oneEntryPerGroup = (match: Parameters<typeof oneEntryPerTranslationGroup>[2]) => oneEntryPerTranslationGroup(actor, language, match);
    const search = await searchCatalogue(db, { q: filters.q, where, mindset: filters.mindset, orgId: actor.orgId, offset, limit: CATALOGUE_PAGE_SIZE, oneEntryPerGroup });
    if (!search.searchable) {
      notes.push(message("modules:catalogue.notes.noWords", { q: filters.q }));
    }
    found = search;
  } else {
    const browsed = await browseCatalogue(db, { where: [...where, oneEntryPerTranslationGroup(actor, language)], orgId: actor.orgId, mindset: filters.mindset, limit: CATALOGUE_PAGE_SIZE, offset });
    found = { rows: browsed.rows, total: browsed.total, mindsetCounts: browsed.mindset_counts };
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
      language: r.language,
      snippet: r.snippet,
    })),
    language,
    total: found.total,
    mindsetCounts: found.mindsetCounts,
    programmeOnly,
    notes,
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
