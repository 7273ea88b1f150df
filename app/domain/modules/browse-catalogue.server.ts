// The catalogue without a search: the organisation's programme first, then
// by title, one page at a time, with the per-mindset counts. The counts come
// from one grouped scan of the visible modules and the page from one sorted
// scan; the total is the sum of the counts (or the chosen mindset's). As one
// materialised list of every visible module with a subquery per module, the
// same answer took 40–110 ms at 10,000 modules; this takes about 15 ms
// (bench/README.md).
import { and, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { modules } from "../../../db/schema";
import type { Mindset } from "../content/mindsets";
import { authorNames, type SearchRow } from "./search-catalogue.server";
import { programmeGroupsSql } from "./visible-modules.server";

export type CataloguePageRow = SearchRow;

/** `where` holds the catalogue's filters on `modules` other than the mindset: the mindset counts ignore the mindset chosen. */
export async function browseCatalogue(
  db: Database,
  { where, orgId, mindset, limit, offset }: { where: SQL[]; orgId: string; mindset: Mindset | null; limit: number; offset: number },
) {
  const pageWhere = mindset ? [...where, sql`${modules.mindset} = ${mindset}`] : where;
  const result = await db.execute(sql`
    with page as (
      select ${modules.id} as id, ${modules.title} as title, (pg.grp is not null) as in_programme
      from ${modules} left join (${programmeGroupsSql(orgId)}) pg on pg.grp = coalesce(${modules.translationOf}, ${modules.id})
      where ${and(...pageWhere)}
      order by in_programme desc, title
      limit ${limit} offset ${offset}
    )
    select
      (select coalesce(json_object_agg(mindset, n), '{}') from (
        select ${modules.mindset} as mindset, count(*)::int as n from ${modules} where ${and(...where)} group by 1) c) as mindset_counts,
      (select coalesce(json_agg(json_build_object(
          'id', m.id, 'slug', m.slug, 'title', m.title, 'summary', m.summary, 'mindset', m.mindset, 'topics', m.topics,
          'page_count', m.page_count, 'in_programme', p.in_programme, 'snippet', null, 'language', m.language,
          'authors', ${authorNames(sql`m.id`)}
        ) order by p.in_programme desc, p.title), '[]')
       from page p join modules m on m.id = p.id) as rows`);
  const first = (result as unknown as { rows?: unknown[] }).rows?.[0] ?? (result as unknown as unknown[])[0];
  const { mindset_counts, rows } = first as { mindset_counts: Partial<Record<Mindset, number>>; rows: CataloguePageRow[] };
  const total = mindset ? (mindset_counts[mindset] ?? 0) : Object.values(mindset_counts).reduce((a, b) => a + (b ?? 0), 0);
  return { total, mindset_counts, rows };
}
