// Synthetic catalogue for benchmarks: deterministic text, realistic sizes
// (7 pages of context and a question each), published through the same
// renderer and search vector as real modules, inserted in batches.
import { sql } from "drizzle-orm";
import type { Database } from "../db/database";
import { moduleAuthors, moduleRankVectors, moduleRevisions, modules } from "../db/schema";
import { MINDSETS } from "../db/mindsets";
import { rankVectorSql, searchableText, searchVectorSql, titleVectorSql } from "../app/domain/modules/publish-revision.server";
import type { Language } from "../app/domain/i18n/languages";
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

// The Japanese catalogue the same way: everyday management words first, then
// a long tail of made-up katakana words, joined by particles as Japanese is
// written (no spaces), so the search vector depends on the word breaker.
const COMMON_JA = `チーム 信頼 変化 戦略 顧客 意見 会議 決定 予算 優先 対立 傾聴 委任 学習 関係者 文化 活力 時間 習慣 失敗 約束 人脈
市場 取引先 安全 品質 工程 計画 目標 指標 報告 上司 同僚 仲間 指導 内省 分析 協働 行動 実験 試行 抵抗 展望 目的 価値
規則 構造 階層 部門 地域 工場 事務所 勤務 保守 技術者 看護師 患者 苦情 調査 傾向 予測 選択肢 妥協 現場 部下 面談 育成`
  .split(/\s+/)
  .filter(Boolean);
const KANA = ["カ", "ロ", "ミ", "レン", "サ", "トル", "ヴェ", "キ", "ダン", "エス", "ポル", "リン", "バ", "ヌ", "グレ", "ファ", "ティ", "モス", "チャ", "エル"];
const TAIL_JA = Array.from({ length: 4000 }, (_, i) => KANA[i % 20]! + KANA[Math.floor(i / 20) % 20]! + KANA[Math.floor(i / 400) % 20]!);
const WORDS_JA = [...COMMON_JA, ...TAIL_JA];
const PARTICLES = ["の", "を", "に", "が", "で", "と", "は"];

// A rare word, planted in a known share of titles and bodies, so search has selective and broad cases.
export const RARE_WORD = "stewardship";
export const RARE_WORD_JA = "スチュワードシップ";
/** Two words nearly every Japanese module has, the counterpart of "team trust". */
export const COMMON_WORDS_JA = "チーム 信頼";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function zipfWord(rand: () => number, words = WORDS) {
  const target = rand() * ZIPF_CDF[ZIPF_CDF.length - 1]!;
  let lo = 0;
  let hi = ZIPF_CDF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ZIPF_CDF[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return words[lo]!;
}

function sentenceEn(rand: () => number, words: number) {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(zipfWord(rand));
  const s = out.join(" ");
  return s[0]!.toUpperCase() + s.slice(1);
}

// The same word count as the English sentence, with a particle after each word and a verb at the end.
function sentenceJa(rand: () => number, words: number) {
  let s = "";
  for (let i = 0; i < words; i++) s += zipfWord(rand, WORDS_JA) + (i < words - 1 ? PARTICLES[Math.floor(rand() * PARTICLES.length)]! : "");
  return `${s}について考えます`;
}

function syntheticModule(n: number, language: Language) {
  const rand = rng(n + 1);
  const ja = language === "ja";
  const sentence = (r: () => number, words: number) => (ja ? sentenceJa(r, words) : sentenceEn(r, words));
  const rare = ja ? RARE_WORD_JA : RARE_WORD;
  const end = ja ? "。" : ".";
  const ask = ja ? "か？" : "?";
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
          { type: "paragraph", content: text(`${sentence(rand, 30)}${bodyRare && k === 2 ? `${ja ? "、" : " "}${rare}` : ""}${end}`) },
          { type: "paragraph", content: text(`${sentence(rand, 25)}${end}`) },
        ],
      },
      { type: "question", content: text(`${sentence(rand, 14)}${ask}`) },
    ],
  }));
  return {
    slug: ja ? `bench-ja-module-${n}` : `bench-module-${n}`,
    title: ja ? `${sentence(rand, 4)}${titleRare ? `と${rare}` : ""} ${n}` : `${sentence(rand, 4)}${titleRare ? ` and ${rare}` : ""} ${n}`,
    summary: `${sentence(rand, 24)}${end}`,
    language,
    mindset: MINDSETS[n % MINDSETS.length]!,
    topics: ja ? [COMMON_JA[n % COMMON_JA.length]!, COMMON_JA[(n * 7) % COMMON_JA.length]!] : [COMMON[n % COMMON.length]!, COMMON[(n * 7) % COMMON.length]!],
    doc: {
      type: "doc",
      content: [{ type: "introduction", content: [{ type: "paragraph", content: text(`${sentence(rand, 40)}${end}`) }] }, ...pages, { type: "takeaways", content: [{ type: "takeawayPrompt", content: text(sentence(rand, 8)) }] }],
    },
  };
}

/** Adds modules numbered [from, to) by `authorId`, published, with search vectors; `language` "ja" writes them in Japanese. */
export async function seedSyntheticModules(db: Database, authorId: string, from: number, to: number, language: Language = "en") {
  const BATCH = 250;
  const words = searchableText(language);
  for (let start = from; start < to; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, to - start) }, (_, i) => syntheticModule(start + i, language));
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(modules)
        .values(batch.map(({ doc: _doc, ...m }) => ({ ...m, status: "published" as const, publishedAt: new Date() })))
        .returning({ id: modules.id, slug: modules.slug });
      const idOf = new Map(inserted.map((r) => [r.slug, r.id]));
      await tx.insert(moduleAuthors).values(inserted.map((r) => ({ moduleId: r.id, userId: authorId, role: "lead" as const })));
      const rendered = batch.map((m) => ({ m, r: renderModule(m.doc) }));
      const revisions = await tx
        .insert(moduleRevisions)
        .values(rendered.map(({ m, r }) => ({ moduleId: idOf.get(m.slug)!, number: 1, doc: r.json, html: r.html, plainText: r.plainText, questions: r.questions, authorId })))
        .returning({ id: moduleRevisions.id, moduleId: moduleRevisions.moduleId });
      // The search text as publishing reads it (split into words in Japanese, publish-revision.server.ts), one row per revision.
      const revisionOf = new Map(revisions.map((r) => [r.moduleId, r.id]));
      const texts = sql.join(
        rendered.map(({ m, r }) => sql`(${revisionOf.get(idOf.get(m.slug)!)!}::uuid, ${words(m.title)}, ${words(m.summary)}, ${words(r.questions.join("\n"))}, ${words(r.plainText)})`),
        sql`, `,
      );
      const parts = { title: sql`w.title`, summary: sql`w.summary`, questions: sql`w.questions` };
      // The same rank vector and search document as publishing, set for the whole batch in one statement each.
      await tx.execute(sql`
        insert into ${moduleRankVectors} (revision_id, vector)
        select w.id, ${rankVectorSql(parts, language)}
        from (values ${texts}) as w(id, title, summary, questions, body)`);
      await tx.execute(sql`
        update modules m set
          published_revision_id = w.id,
          page_count = 7,
          search_vector = ${searchVectorSql({ ...parts, body: sql`w.body` }, language)},
          title_vector = ${titleVectorSql(sql`w.title`, language)}
        from (values ${texts}) as w(id, title, summary, questions, body)
        join module_revisions r on r.id = w.id
        where r.module_id = m.id`);
    });
  }
}
