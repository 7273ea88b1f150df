// Searching the alumni directory: listed people the viewer may see (their
// own organisation's; another's only when the person and both
// organisations allow it, as canSeeProfile says), by name, expertise (full
// text over bio and tags, and exact tags), organisation, site and mindset.
// A search never matches on a part of a profile its owner hides, and hidden
// parts never leave the database. Text is searched through indexes on
// users.directory_vector and users.expertise, so a search of 100,000 people
// reads only the ones that can match.
import { and, asc, eq, inArray, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { departments, directoryProfiles, organisations, sites, users } from "../../../db/schema";
import { canSeeProfile, type Actor } from "../policy";
import { DIRECTORY_PAGE_SIZE, namePrefixQuery, type DirectorySearch } from "./directory-search-params";
import { crossingFor, viewerFor, type DirectoryViewer } from "./directory-viewer.server";

/** Organisations whose people the viewer may find, and their sites, for the filter menus. */
async function filterOptions(db: Database, viewer: DirectoryViewer) {
  const ownOrg = eq(organisations.id, viewer.actor.orgId);
  const orgs = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(viewer.orgAllowsCrossing ? or(ownOrg, eq(organisations.crossOrgConnections, true)) : ownOrg)
    .orderBy(asc(organisations.name));
  const siteList = orgs.length
    ? await db
        .select({ id: sites.id, name: sites.name, orgId: sites.orgId })
        .from(sites)
        .where(
          inArray(
            sites.orgId,
            orgs.map((o) => o.id),
          ),
        )
        .orderBy(asc(sites.name))
    : [];
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return { orgs, sites: siteList.map((s) => ({ id: s.id, name: orgs.length > 1 ? `${s.name} (${orgName.get(s.orgId)})` : s.name })) };
}

/** A value only where its owner shows it: hidden parts come back as null. */
const shown = <T>(flag: SQLWrapper, value: SQLWrapper) => sql<T | null>`case when ${flag} then ${value} end`;

export async function searchDirectory(db: Database, actor: Actor, search: DirectorySearch) {
  const viewer = await viewerFor(db, actor);
  const options = await filterOptions(db, viewer);
  const notes: string[] = [];
  // An organisation or site the viewer may not search is ignored, without saying whether it exists.
  const orgId = search.orgId && options.orgs.some((o) => o.id === search.orgId) ? search.orgId : null;
  if (search.orgId && !orgId) notes.push("people:notes.organisationNotSearchable");
  const siteId = search.siteId && options.sites.some((s) => s.id === search.siteId) ? search.siteId : null;
  if (search.siteId && !siteId) notes.push("people:notes.siteNotSearchable");

  const dp = directoryProfiles;
  const visible = and(
    eq(dp.listed, true),
    // canSeeProfile, as a query: the same organisation, or the person and both organisations allow it.
    viewer.orgAllowsCrossing
      ? or(eq(users.orgId, actor.orgId), and(eq(dp.crossOrg, true), eq(organisations.crossOrgConnections, true)))!
      : eq(users.orgId, actor.orgId),
  )!;
  const where: SQL[] = [visible];
  // A name matches when it holds the search from the start of one of its
  // words ("ann" finds Anna, "anna v" finds Anna van Dijk); bio and expertise
  // by whole words (full text), only the parts the person shows; or an
  // expertise tag exactly.
  const prefixes = search.q ? namePrefixQuery(search.q) : null;
  const namePrefixes = prefixes ? sql`${users.directoryVector} @@ (select ${prefixes}::tsquery)` : sql`false`;
  const nameHit = prefixes ? sql`(${namePrefixes} and strpos(lower(${users.name}), lower(${search.q})) > 0)` : sql`false`;
  if (search.q) {
    // Scalar subqueries, not values, so the planner reads the indexes for common words too.
    const words = sql`(select websearch_to_tsquery('simple', ${search.q}))`;
    const tag = sql`array[${search.q.toLowerCase()}]::text[]`;
    const shownParts = sql`('{a' || case when ${dp.showBio} then ',b' else '' end || case when ${dp.showExpertise} then ',c' else '' end || '}')::"char"[]`;
    where.push(
      // What the indexes can find (a superset, on users alone), then the exact rule.
      sql`(${namePrefixes} or ${users.directoryVector} @@ ${words} or ${users.expertise} @> ${tag})`,
      or(nameHit, sql`ts_filter(${users.directoryVector}, ${shownParts}) @@ ${words}`, and(eq(dp.showExpertise, true), sql`${users.expertise} @> ${tag}`))!,
    );
  }
  if (search.tag) where.push(and(eq(dp.showExpertise, true), sql`${users.expertise} @> array[${search.tag}]::text[]`)!);
  if (orgId) where.push(and(eq(dp.showOrganisation, true), eq(users.orgId, orgId))!);
  if (siteId) where.push(and(eq(dp.showSite, true), eq(users.siteId, siteId))!);
  if (search.mindset) where.push(sql`${search.mindset}::mindset = any(${dp.mindsetInterests})`);

  const matches = and(...where)!;
  const from = sql`${users} join ${dp} on ${dp.userId} = ${users.id} join ${organisations} on ${organisations.id} = ${users.orgId}`;
  const offset = (search.page - 1) * DIRECTORY_PAGE_SIZE;
  const found = await db.execute(
    search.q
      ? // A search: one pass over the matches (materialised) gives the total and the page.
        sql`
        with matches as materialized (
          select ${users.id} as id, lower(${users.name}) as sort_name, ${nameHit} as name_hit from ${from} where ${matches}
        )
        select (select count(*)::int from matches) as total,
          coalesce((select json_agg(p.id order by p.name_hit desc, p.sort_name, p.id) from (
            select * from matches order by name_hit desc, sort_name, id limit ${DIRECTORY_PAGE_SIZE} offset ${offset}) p), '[]') as ids`
      : // Browsing: the page comes in name order from the index on lower(name), so everyone need not be sorted.
        sql`
        select (select count(*)::int from ${from} where ${matches}) as total,
          coalesce((select json_agg(p.id order by p.sort_name, p.id) from (
            select ${users.id} as id, lower(${users.name}) as sort_name from ${from} where ${matches}
            order by lower(${users.name}), ${users.id} limit ${DIRECTORY_PAGE_SIZE} offset ${offset}) p), '[]') as ids`,
  );
  // Only the page's people are then read in full.
  const { total, ids } = ((found as unknown as { rows?: unknown[] }).rows?.[0] ?? (found as unknown as unknown[])[0]) as { total: number; ids: string[] };
  const rows = ids.length
    ? await db
        .select({
          userId: users.id,
          name: users.name,
          orgId: users.orgId,
          orgAllows: organisations.crossOrgConnections,
          listed: dp.listed,
          crossOrg: dp.crossOrg,
          organisation: shown<string>(dp.showOrganisation, organisations.name),
          department: shown<string>(dp.showDepartment, departments.name),
          site: shown<string>(dp.showSite, sites.name),
          expertise: shown<string[]>(dp.showExpertise, users.expertise),
          bio: shown<string>(dp.showBio, sql`nullif(${users.bio}, '')`),
          mindsetInterests: dp.mindsetInterests,
        })
        .from(users)
        .innerJoin(dp, eq(dp.userId, users.id))
        .innerJoin(organisations, eq(organisations.id, users.orgId))
        .leftJoin(departments, eq(departments.id, users.departmentId))
        .leftJoin(sites, eq(sites.id, users.siteId))
        .where(and(visible, inArray(users.id, ids)))
    : [];
  const byId = new Map(rows.map((r) => [r.userId, r]));
  const inOrder = ids.flatMap((id) => byId.get(id) ?? []);
  // The query and the policy must agree; the policy has the last word.
  const items = inOrder
    .filter((r) => canSeeProfile(actor, { userId: r.userId, listed: r.listed, crossOrg: r.crossOrg, ...crossingFor(viewer, r.orgId, r.orgAllows) }))
    .map(({ orgId: _, orgAllows: __, listed: ___, crossOrg: ____, ...item }) => item);
  return { items, total, pages: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)), options, notes };
}

export type DirectoryResult = Awaited<ReturnType<typeof searchDirectory>>["items"][number];
