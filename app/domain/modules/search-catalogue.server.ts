// Searching the catalogue: matches are found and counted through the search
// index alone; a page is ranked from a bounded set of candidates by the small
// rank vector (title, summary, questions); snippets come from a short excerpt
// around the first match. The work per search stays small however common the
// words are (docs/decisions/032-search-near-the-ceiling.md). A search with
// Japanese in it is split into words as Japanese modules are when published
// (docs/decisions/039-modules-in-two-languages.md).
import { and, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { moduleRankVectors, moduleRevisions, modules } from "../../../db/schema";
import type { Mindset } from "../content/mindsets";
import { hasJapanese, japaneseSearchQuery, japaneseWords } from "../i18n/japanese-words";
import type { Language } from "../i18n/languages";
import { searchWords } from "../limit-search-words";
import { japaneseSnippet } from "./japanese-snippet";
import { groupInProgrammeSql, type ModulesTable } from "./visible-modules.server";

/**
 * How many title matches, and how many other matches, are ranked: the most
 * recently published of each. Any further ones follow them, newest first.
 */
export const RANKED_CANDIDATES = 300;

// Control characters mark highlights, so snippet text never becomes HTML.
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

export type CatalogueSearch = {
  q: string;
  /** Visibility and the filters other than mindset, on `modules`. */
  where: SQL[];
  mindset: Mindset | null;
  orgId: string;
  offset: number;
  limit: number;
  /** How many of each kind are ranked; RANKED_CANDIDATES but in tests. */
  ranked?: number;
  /** The catalogue's one entry per translation group, given what a matching translation is (visible-modules.server.ts). */
  oneEntryPerGroup?: (match: (t: ModulesTable) => SQL) => SQL;
};

export type SearchRow = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  mindset: Mindset;
  topics: string[];
  page_count: number;
  in_programme: boolean;
  authors: string[];
  language: Language;
  snippet: string | null;
};

/** The names of a module's authors, the lead first, as a JSON array. */
export const authorNames = (moduleId: SQL) => sql<string[]>`coalesce((select json_agg(u.name order by ma.role, u.name)
  from module_authors ma join users u on u.id = ma.user_id where ma.module_id = ${moduleId}), '[]')`;

/**
 * The query as a scalar subquery rather than a value: the planner then
 * estimates few matches for any words and reads the GIN index. Given the
 * words, it scans and de-TOASTs every module's vector when they are common.
 * With Japanese in it, its words as Japanese modules store theirs: split
 * here, unstemmed ('simple').
 */
const tsquery = (q: string) =>
  hasJapanese(q) ? sql`(select websearch_to_tsquery('simple', ${japaneseSearchQuery(q)}))` : sql`(select websearch_to_tsquery('english', ${q}))`;

export async function searchCatalogue(db: Database, search: CatalogueSearch) {
  const Q = tsquery(search.q);
  if (search.oneEntryPerGroup) search = { ...search, where: [...search.where, search.oneEntryPerGroup((t) => sql`${t.searchVector} @@ ${Q}`)] };
  const K = search.ranked ?? RANKED_CANDIDATES;
  const inMindset = search.mindset ? [sql`${modules.mindset} = ${search.mindset}`] : [];
  // Monotone queries (no -word) match wherever their title does; with an
  // exclusion the rest of the document must be checked too.
  const noExclusion = sql`(select strpos(${Q}::text, '!') = 0)`;
  const titleHit = sql`${modules.titleVector} @@ ${Q}`;
  const match = sql`${modules.searchVector} @@ ${Q}`;
  const titleKind = and(...search.where, ...inMindset, titleHit)!;
  const otherKind = and(...search.where, ...inMindset, match, sql`not (${titleHit})`)!;
  const newestFirst = sql`${modules.publishedAt} desc nulls last, ${modules.id}`;

  /** The first K of a kind, newest first, ranked; and how many of the kind there are before any exclusion. */
  const ranked = async (kind: SQL, checkMatch: boolean) => {
    const rows = await rowsOf<{ id: string; matches: boolean; hits: number }>(
      db.execute(sql`
        select c.id, ${checkMatch ? sql`(${noExclusion} or c.search_vector @@ ${Q})` : sql`true`} as matches, c.hits::int as hits
        from (
          select ${modules.id} as id, ${modules.title} as title, ${modules.publishedRevisionId} as revision_id,
                 ${modules.searchVector} as search_vector, count(*) over () as hits
          from ${modules} where ${kind}
          order by ${newestFirst}
          limit ${K}
        ) c
        left join ${moduleRankVectors} v on v.revision_id = c.revision_id
        order by coalesce(ts_rank_cd(v.vector, ${Q}), 0) desc, c.title, c.id`),
    );
    return { ids: rows.filter((r) => r.matches).map((r) => r.id), hits: rows[0]?.hits ?? 0 };
  };

  /** The ones after the ranked ones, newest first, from `skip`. */
  const rest = async (kind: SQL, checkMatch: boolean, skip: number, take: number) =>
    (
      await rowsOf<{ id: string }>(
        db.execute(sql`
          select c.id from (
            select ${modules.id} as id, ${modules.searchVector} as search_vector from ${modules} where ${kind}
            order by ${newestFirst} offset ${K}
          ) c
          where ${checkMatch ? sql`(${noExclusion} or c.search_vector @@ ${Q})` : sql`true`}
          offset ${skip} limit ${take}`),
      )
    ).map((r) => r.id);

  const [counted, titles] = await Promise.all([
    rowsOf<{ words: number; mindset_counts: Partial<Record<Mindset, number>>; exclusion: boolean }>(
      db.execute(sql`
        select numnode(${Q}) as words, not ${noExclusion} as exclusion,
          coalesce((select json_object_agg(mindset, n) from (
            select ${modules.mindset} as mindset, count(*)::int as n from ${modules}
            where ${and(...search.where, match)} group by ${modules.mindset}) c), '{}') as mindset_counts`),
    ),
    ranked(titleKind, true),
  ]);
  const { words, mindset_counts: mindsetCounts, exclusion } = counted[0]!;
  const total = search.mindset ? (mindsetCounts[search.mindset] ?? 0) : Object.values(mindsetCounts).reduce((a, n) => a + (n ?? 0), 0);

  // The order is: ranked title matches, other title matches, ranked other
  // matches, other matches. A page usually lies in the first; the later
  // parts are read only when the page reaches them.
  const ids: string[] = [];
  let skip = search.offset;
  const wanted = () => search.limit - ids.length;
  /** A part read whole: what of it falls on the page. */
  const takeFrom = (part: string[]) => {
    ids.push(...part.slice(skip, skip + wanted()));
    skip = Math.max(0, skip - part.length);
  };
  /** A part of `size` read from `skip` only. */
  const takeRest = async (size: number, read: (skip: number, take: number) => Promise<string[]>) => {
    if (skip < size) ids.push(...(await read(skip, wanted())));
    skip = Math.max(0, skip - size);
  };

  takeFrom(titles.ids);
  let titleMatches = titles.ids.length;
  if (wanted() > 0 && titles.hits > K) {
    titleMatches = exclusion
      ? (await rowsOf<{ n: number }>(db.execute(sql`select count(*)::int as n from ${modules} where ${titleKind} and ${match}`)))[0]!.n
      : titles.hits;
    await takeRest(titleMatches - titles.ids.length, (from, n) => rest(titleKind, true, from, n));
  }
  if (wanted() > 0 && total > titleMatches) {
    const others = await ranked(otherKind, false);
    takeFrom(others.ids);
    if (wanted() > 0) await takeRest(others.hits - others.ids.length, (from, n) => rest(otherKind, false, from, n));
  }

  return { rows: await pageRows(db, search, Q, ids), total, mindsetCounts, searchable: words > 0 };
}

/** The page's modules in the order given, each with a snippet around where the words are. */
async function pageRows(db: Database, search: CatalogueSearch, Q: SQL, ids: string[]): Promise<SearchRow[]> {
  if (!ids.length) return [];
  const japanese = hasJapanese(search.q);
  // Where the text first has one of the words: a Japanese search's own words; else the stemmed ones ("teams" is found at "team").
  const words = japanese
    ? sql`unnest(string_to_array(${japaneseWords(search.q.normalize("NFKC")).map((w) => w.word.toLowerCase()).join(" ")}, ' '))`
    : sql`unnest(tsvector_to_array(to_tsvector('english', ${search.q})))`;
  // A title match's snippet is its summary, so only the other matches read
  // their (long) text; materialised, so each is read once, not once per use.
  // Japanese text has no spaces to cut at and PostgreSQL cannot find its
  // words, so its excerpt is cut and marked in Node (japanese-snippet.ts).
  const rows = await rowsOf<SearchRow & { excerpt: string | null }>(
    db.execute(sql`
      with page as materialized (
        select ${modules.id} as id, ${modules.slug} as slug, ${modules.title} as title, ${modules.summary} as summary,
          ${modules.mindset} as mindset, ${modules.topics} as topics, ${modules.pageCount} as page_count, ${modules.language} as language,
          ${groupInProgrammeSql(search.orgId)} as in_programme, ${authorNames(sql`${modules.id}`)} as authors,
          coalesce(array_to_string(${moduleRevisions.questions}, ' ') || ' ' || ${moduleRevisions.plainText}, '') as text
        from ${modules}
        left join ${moduleRevisions} on ${moduleRevisions.id} = ${modules.publishedRevisionId} and not (${modules.titleVector} @@ ${Q})
        where ${inArray(modules.id, ids)}
      ),
      located as materialized (
        -- Where the text first has one of the words, else its start.
        select page.*, coalesce((select min(nullif(strpos(lower(page.text), w), 0))
          from ${words} w), 1) as at
        from page
      )
      select id, slug, title, summary, mindset, topics, page_count, language, in_programme, authors,
        case when language = 'ja' then null else ts_headline('english', summary || ' … ' || ${excerpt(sql`text`, sql`at`)}, ${Q},
          ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`}) end as snippet,
        case when language = 'ja' then substr(text, greatest(1, at - ${JAPANESE_EXCERPT_BEFORE}), ${JAPANESE_EXCERPT_LENGTH}) end as excerpt
      from located`),
  );
  // A Japanese search marks what was typed where the text has it whole ("振り返り"), else its words ("振り", "返").
  const marked = japanese ? [...searchedParts(search.q), ...japaneseWords(search.q.normalize("NFKC")).map((w) => w.word)] : searchWords(search.q);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const found = byId.get(id);
    if (!found) return [];
    const { excerpt: japaneseExcerpt, ...row } = found;
    const snippet = row.language === "ja" ? japaneseSnippet(row.summary, japaneseExcerpt ?? "", marked, MARK_START, MARK_END) : row.snippet;
    // Without a marked word the snippet says nothing the summary does not.
    return [{ ...row, snippet: snippet?.includes(MARK_START) ? snippet : null }];
  });
}

/** The parts of a search as typed between spaces, without exclusions and "or". */
const searchedParts = (q: string) => q.normalize("NFKC").split(/\s+/).filter((part) => part && !part.startsWith("-") && !/^or$/i.test(part));

// About as much Japanese text as the English excerpt holds words (a character is about a syllable).
const JAPANESE_EXCERPT_BEFORE = 40;
const JAPANESE_EXCERPT_LENGTH = 120;

// Re-parsing a whole module (about 1,000 words) for each snippet took most of a
// search's time; a window of a few sentences around the first match is enough.
const EXCERPT_BEFORE = 120;
const EXCERPT_LENGTH = 360;

/** The text around `at`, without the words cut in half at either end. */
function excerpt(text: SQL, at: SQL): SQL {
  const start = sql`greatest(1, ${at} - ${EXCERPT_BEFORE})`;
  const cut = sql`substr(${text}, ${start}, ${EXCERPT_LENGTH})`;
  return sql`regexp_replace(regexp_replace(${cut}, case when ${start} > 1 then '^\\S*\\s+' else '^$' end, ''),
    case when ${start} + ${EXCERPT_LENGTH} <= length(${text}) then '\\s+\\S*$' else '^$' end, '')`;
}

async function rowsOf<T>(result: Promise<unknown>): Promise<T[]> {
  const r = (await result) as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}
