// Searching Japanese modules: Japanese is written without spaces, so text and
// searches are split into words the same way (app/domain/i18n/japanese-words.ts);
// a word inside a sentence finds its module, on PGlite and on PostgreSQL.
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS, parseCatalogueParams } from "../../app/domain/modules/catalogue-params";
import { listCatalogue, MARK_END, MARK_START, type CatalogueFilters } from "../../app/domain/modules/list-catalogue.server";
import { hasJapanese, japaneseSearchQuery, japaneseWords, limitJapaneseWords, wordsForSearch } from "../../app/domain/i18n/japanese-words";
import { createOrg, createPublishedModule, createUser, moduleDoc, sessionCookieFor } from "../support/factories";
import { decodeEntities, mainText } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
});
afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

type Person = Awaited<ReturnType<typeof createUser>>;

async function people() {
  const org = await createOrg(t.db);
  const reader = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  const author = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
  return { reader, author, cookie: await sessionCookieFor(t.db, reader.id) };
}

const search = (actor: Person, q: string, filters: Partial<CatalogueFilters> = {}) =>
  listCatalogue(t.db, actor, { q, mindset: null, topic: null, authorId: null, page: 1, ...filters });

/** A Japanese module whose only page holds `context`. */
const japanese = (authorId: string, title: string, context: string, summary = "管理職の日々の仕事について話し合うモジュールです。") =>
  createPublishedModule(t.db, { authorId, title, summary, language: "ja", doc: moduleDoc({ pages: 1, intro: "はじめに", question: () => "あなたはどう考えますか？", context: () => context }) });

describe("a Japanese word finds the Japanese module it is written in", () => {
  test("a word inside a longer sentence, without spaces, finds its module and not an unrelated one", async () => {
    const { reader, author, cookie } = await people();
    const trust = await japanese(author.id, "新しい部署で", "異動してすぐの頃は、まず部下との信頼関係を築くことから始めました。");
    const meetings = await japanese(author.id, "週に一度の集まり", "会議の進め方を見直したところ、決定までの時間が半分になりました。");
    await createPublishedModule(t.db, { authorId: author.id, title: "Trust in a new team" });

    const found = await search(reader, "信頼");
    expect(found.items.map((m) => m.id)).toEqual([trust.id]);
    expect(found.total).toBe(1);
    expect(found.items[0]!.snippet).toContain(`${MARK_START}信頼${MARK_END}`);
    expect((await search(reader, "進め方")).items.map((m) => m.id)).toEqual([meetings.id]);
    expect((await search(reader, "部署")).items.map((m) => m.id)).toEqual([trust.id]);
    // A character of a word (信 of 信頼) is not a word of the text.
    expect((await search(reader, "信")).items).toEqual([]);

    const res = await server.request(`/modules?q=${encodeURIComponent("信頼")}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<mark>信頼</mark>`);
    const text = mainText(html);
    expect(text).toContain("1 module for “信頼”");
    expect(text).toContain(trust.title);
    expect(text).not.toContain(meetings.title);
  });

  test("a loanword the word breaker cuts into pieces is searched as the pieces in a row, on the page as in the list", async () => {
    const { reader, author, cookie } = await people();
    // Intl.Segmenter cuts スチュワードシップ into ス チ ュ ワード シ ッ プ, here and in the stored text alike.
    expect(japaneseSearchQuery("スチュワードシップ")).toBe('"ス チ ュ ワード シ ッ プ"');
    expect(japaneseSearchQuery("チームのエンゲージメント 信頼")).toBe('チーム "エンゲージ メン ト" 信頼');
    const steward = await japanese(author.id, "任されたものを守る", "現場のスチュワードシップについて、それぞれの経験を話し合います。");
    const engaged = await japanese(author.id, "熱意の源", "チームのエンゲージメントを高めた工夫を持ち寄ります。");
    expect((await search(reader, "スチュワードシップ")).items.map((m) => m.id)).toEqual([steward.id]);
    expect((await search(reader, "エンゲージメント")).items.map((m) => m.id)).toEqual([engaged.id]);
    // The pieces in another order are another word.
    expect((await search(reader, "シップスチュワード")).items).toEqual([]);
    const res = await server.request(`/modules?q=${encodeURIComponent("スチュワードシップ")}`, { headers: { Cookie: cookie } });
    expect(mainText(await res.text())).toContain(steward.title);
  });

  test("a match in the title comes before a match in the text, and shows the summary as its snippet", async () => {
    const { reader, author } = await people();
    const inText = await japanese(author.id, "ある一日", "一日の終わりに短い振り返りの時間を取っています。");
    const inTitle = await japanese(author.id, "失敗の振り返り", "チームで起きたことを話し合います。", "振り返りを習慣にするためのモジュールです。");
    const found = await search(reader, "振り返り");
    expect(found.items.map((m) => m.id)).toEqual([inTitle.id, inText.id]);
    expect(found.items[0]!.snippet).toBe(`${MARK_START}振り返り${MARK_END}を習慣にするためのモジュールです。`);
    expect(found.items[1]!.snippet).toContain(`${MARK_START}振り返り${MARK_END}`);
  });

  test("every word of a Japanese search must be found, and -word leaves modules out", async () => {
    const { reader, author } = await people();
    const both = await japanese(author.id, "両方", "評価面談の前に、部下の目標を一緒に確認しました。");
    const one = await japanese(author.id, "片方", "評価の基準が部署ごとに違うことが課題です。");
    expect((await search(reader, "評価 目標")).items.map((m) => m.id)).toEqual([both.id]);
    expect((await search(reader, "評価面談")).items.map((m) => m.id)).toEqual([both.id]);
    expect((await search(reader, "評価 -目標")).items.map((m) => m.id)).toEqual([one.id]);
  });

  test("English words in a Japanese module are found by English and by mixed searches", async () => {
    const { reader, author } = await people();
    const module = await japanese(author.id, "数字の読み方", "KPIの数字だけを追いかけると、現場の変化を見落とします。");
    expect((await search(reader, "KPI 数字")).items.map((m) => m.id)).toEqual([module.id]);
    expect((await search(reader, "kpi")).items.map((m) => m.id)).toEqual([module.id]);
    expect((await search(reader, "KPI 会議")).items).toEqual([]);
  });
});

describe("odd Japanese searches", () => {
  test("punctuation only, particles only, and 10,000 characters each get a clear page with the search kept", async () => {
    const { author, cookie } = await people();
    await japanese(author.id, "聞くことから", "相手の話を傾聴することから始めます。");
    // As long as a URL may be (Node refuses request heads over 16 KB; a character is 9 bytes encoded); 10,000 characters below.
    const long = "傾聴".repeat(750);
    const cases: [string, string[]][] = [
      ["。、！？「」・", ["We could not search for “。、！？「」・”: it has no words to look for"]],
      ["の を に", ["We could not search for “の を に”: it has no words to look for"]],
      [long, [`Your search was longer than ${MAX_QUERY_LENGTH} characters`, `Your search had more than ${MAX_QUERY_WORDS} words, so we used the first ${MAX_QUERY_WORDS}.`, "1 module for"]],
      ["信頼 trust", ["No modules match “信頼 trust”"]],
    ];
    for (const [q, messages] of cases) {
      const res = await server.request(`/modules?q=${encodeURIComponent(q)}`, { headers: { Cookie: cookie } });
      expect(res.status, q.slice(0, 20)).toBe(200);
      const html = await res.text();
      for (const message of messages) expect(mainText(html), q.slice(0, 20)).toContain(message);
      const box = decodeEntities(html.match(/<input[^>]*id="q"[^>]*>/)![0]);
      expect(box, q.slice(0, 20)).toContain(`value="${parseCatalogueParams(new URLSearchParams({ q })).q}"`);
    }
    // 10,000 characters: cut to 200, then to its first 10 words, each with a note, and searched.
    const parsed = parseCatalogueParams(new URLSearchParams({ q: "傾聴".repeat(5_000) }));
    expect(parsed.q).toBe("傾聴".repeat(MAX_QUERY_WORDS));
    expect(parsed.notes).toHaveLength(2);
    const { reader } = await people();
    expect((await search(reader, parsed.q)).total).toBe(1);
  });
});

describe("splitting Japanese into words", () => {
  test("text is split into dictionary words, lone particles and punctuation left out, full-width letters made plain", () => {
    expect(wordsForSearch("チームの信頼関係を築く。ＫＰＩ")).toBe("チーム 信頼 関係 築く KPI");
    expect(japaneseWords("会議の進め方").map((w) => w.word)).toEqual(["会議", "進め方"]);
    expect(hasJapanese("feedback")).toBe(false);
    expect(hasJapanese("フィードバック")).toBe(true);
  });

  test("a search keeps its exclusions and or, and is cut after a number of words", () => {
    expect(japaneseSearchQuery("会議の進め方 -根回し or 1on1")).toBe('会議 進め方 -"根回し" or 1on1');
    expect(limitJapaneseWords("信頼関係を築く", 2)).toEqual({ text: "信頼関係", cut: true });
    expect(limitJapaneseWords("信頼関係", 2)).toEqual({ text: "信頼関係", cut: false });
  });
});
