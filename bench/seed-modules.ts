// Synthetic catalogue for benchmarks: deterministic text, realistic sizes
// (7 pages of context and a question each), published through the same
// renderer and search vector as real modules, inserted in batches.
import { sql } from "drizzle-orm";
import type { Database } from "../db/database";
import { moduleAuthors, moduleRankVectors, moduleRevisions, modules } from "../db/schema";
import { MINDSETS } from "../db/mindsets";
import { rankVectorSql, searchVectorSql, titleVectorSql } from "../app/domain/modules/publish-revision.server";
import { renderModule } from "../app/domain/modules/render-module.server";

const COMMON = `team trust change strategy customer feedback meeting decision budget priority conflict listening delegation learning
stakeholder culture energy time habit mistake promise network silo site market supplier risk safety quality process project plan
goal measure target report manager colleague peer coach mentor question reflection analysis worldliness collaboration action
experiment pilot momentum resistance vision purpose value rule structure layer hierarchy department region factory office shift
maintenance engineer operator nurse patient service complaint survey score trend forecast scenario option trade-off compromise`
  .split(/\s+/)
  .filter(Boolean);
// Real text has a long tail: a few words everywhere, most words rare. Made-up
// words from syllables give a 4,000-word vocabulary sampled with Zipf's law.
const SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "tor", "vel", "qui", "dan", "es", "por", "lin", "ba", "nu", "gre", "fa", "ti", "mos", "char", "el"];
const TAIL = Array.from({ length: 4000 }, (_, i) => SYLLABLES[i % 20]! + SYLLABLES[Math.floor(i / 20) % 20]! + SYLLABLES[Math.floor(i / 400) % 20]!);
const WORDS = [...COMMON, ...TAIL];
const ZIPF_CDF: number[] = [];
WORDS.reduce((sum, _w, i) => (ZIPF_CDF[i] = sum + 1 / (i + 1)), 0);

// A rare word, planted in a known share of titles and bodies, so search has selective and broad cases.
export const RARE_WORD = "stewardship";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function zipfWord(rand: () => number) {
  const target = rand() * ZIPF_CDF[ZIPF_CDF.length - 1]!;
  let lo = 0;
  let hi = ZIPF_CDF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ZIPF_CDF[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return WORDS[lo]!;
}

function sentence(rand: () => number, words: number) {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(zipfWord(rand));
  const s = out.join(" ");
  return s[0]!.toUpperCase() + s.slice(1);
}

function syntheticModule(n: number) {
  const rand = rng(n + 1);
  const text = (t: string) => [{ type: "text", text: t }];
  const titleRare = n % 100 === 7; // 1% of titles
  const bodyRare = n % 20 === 3; // 5% of bodies
  const pages = Array.from({ length: 7 }, (_, k) => ({
    type: "page",
    attrs: { id: `p${k + 1}` },
    content: [
      { type: "pageTitle", content: text(sentence(rand, 4)) },
      {
        type: "pageContext",
        content: [
          { type: "paragraph", content: text(`${sentence(rand, 30)}${bodyRare && k === 2 ? ` ${RARE_WORD}` : ""}.`) },
          { type: "paragraph", content: text(`${sentence(rand, 25)}.`) },
        ],
      },
      { type: "question", content: text(`${sentence(rand, 14)}?`) },
    ],
  }));
  return {
    slug: `bench-module-${n}`,
    title: `${sentence(rand, 4)}${titleRare ? ` and ${RARE_WORD}` : ""} ${n}`,
    summary: `${sentence(rand, 24)}.`,
    mindset: MINDSETS[n % MINDSETS.length]!,
    topics: [COMMON[n % COMMON.length]!, COMMON[(n * 7) % COMMON.length]!],
    doc: {
      type: "doc",
      content: [{ type: "introduction", content: [{ type: "paragraph", content: text(`${sentence(rand, 40)}.`) }] }, ...pages, { type: "takeaways", content: [{ type: "takeawayPrompt", content: text(sentence(rand, 8)) }] }],
    },
  };
}

/** Adds modules numbered [from, to) by `authorId`, published, with search vectors. */
export async function seedSyntheticModules(db: Database, authorId: string, from: number, to: number) {
  const BATCH = 250;
  for (let start = from; start < to; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, to - start) }, (_, i) => syntheticModule(start + i));
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(modules)
        .values(batch.map(({ doc: _doc, ...m }) => ({ ...m, status: "published" as const, publishedAt: new Date() })))
        .returning({ id: modules.id, slug: modules.slug });
      const idOf = new Map(inserted.map((r) => [r.slug, r.id]));
      await tx.insert(moduleAuthors).values(inserted.map((r) => ({ moduleId: r.id, userId: authorId, role: "lead" as const })));
      const revisions = await tx
        .insert(moduleRevisions)
        .values(
          batch.map((m) => {
            const r = renderModule(m.doc);
            return { moduleId: idOf.get(m.slug)!, number: 1, doc: r.json, html: r.html, plainText: r.plainText, questions: r.questions, authorId };
          }),
        )
        .returning({ id: moduleRevisions.id, moduleId: moduleRevisions.moduleId });
      // The same search document and rank vector as publishing, set for the whole batch in one statement each.
      const batchRevisions = sql.join(revisions.map((r) => sql`${r.id}`), sql`, `);
      await tx.execute(sql`
        insert into ${moduleRankVectors} (revision_id, vector)
        select r.id, ${rankVectorSql({ title: sql`m.title`, summary: sql`m.summary`, questions: sql`array_to_string(r.questions, E'\n')` })}
        from module_revisions r join modules m on m.id = r.module_id
        where r.id in (${batchRevisions})`);
      await tx.execute(sql`
        update modules m set
          published_revision_id = r.id,
          page_count = 7,
          search_vector = ${searchVectorSql({ title: sql`m.title`, summary: sql`m.summary`, questions: sql`array_to_string(r.questions, E'\n')`, body: sql`r.plain_text` })},
          title_vector = ${titleVectorSql(sql`m.title`)}
        from module_revisions r
        where r.module_id = m.id and r.id in (${batchRevisions})`);
    });
  }
}
