// The catalogue's search and filters: the domain's listCatalogue ranking,
// filters, counts, pages and snippets, and what /modules shows over HTTP.
import { and, count, eq } from "drizzle-orm";
import { moduleRevisions, modules } from "../../db/schema";
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS, parseCatalogueParams } from "../../app/domain/modules/catalogue-params";
import { CATALOGUE_PAGE_SIZE, listCatalogue, MARK_END, MARK_START, type CatalogueFilters } from "../../app/domain/modules/list-catalogue.server";
import { publishRevision } from "../../app/domain/modules/publish-revision.server";
import { searchCatalogue } from "../../app/domain/modules/search-catalogue.server";
import { visibleToActor } from "../../app/domain/modules/visible-modules.server";
import { searchWords } from "../../app/domain/limit-search-words";
import { createOrg, createPublishedModule, createUser, moduleDoc, sessionCookieFor, uniqueWord } from "../support/factories";
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

/** A reader and an author in a fresh organisation, and the reader's cookie. */
async function people() {
  const org = await createOrg(t.db);
  const reader = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  const author = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"], name: `Author ${uniqueWord("")}` });
  return { org, reader, author, cookie: await sessionCookieFor(t.db, reader.id) };
}

function browse(actor: Person, filters: Partial<CatalogueFilters> = {}) {
  return listCatalogue(t.db, actor, { q: "", mindset: null, topic: null, authorId: null, page: 1, ...filters });
}

async function page(path: string, cookie: string) {
  const res = await server.request(path, { headers: { Cookie: cookie } });
  return { status: res.status, html: await res.text() };
}

/** A one-page document whose only page context is `context`, so a word can live in the body alone. */
const docWithBody = (context: string) => moduleDoc({ pages: 1, context: () => context });

describe("ranking", () => {
  test("a module with the word in its title comes before one that only mentions it in a page", async () => {
    const { reader, author } = await people();
    const bodyOnly = await createPublishedModule(t.db, {
      authorId: author.id,
      title: "Aardvarks and other matters",
      doc: docWithBody("Good stewardship of shared resources matters."),
    });
    const inTitle = await createPublishedModule(t.db, { authorId: author.id, title: "Stewardship in practice" });

    const result = await browse(reader, { q: "stewardship" });
    expect(result.items.map((m) => m.id)).toEqual([inTitle.id, bodyOnly.id]);
    expect(result.total).toBe(2);
  });

  test("title beats summary, summary beats questions, questions beat the rest of the text", async () => {
    const { reader, author } = await people();
    const word = uniqueWord();
    // Created weakest first, with titles in the opposite order, so neither creation nor title order explains the result.
    const inBody = await createPublishedModule(t.db, { authorId: author.id, title: "A body", doc: docWithBody(`Context mentioning ${word} once.`) });
    const inQuestion = await createPublishedModule(t.db, {
      authorId: author.id,
      title: "B question",
      doc: moduleDoc({ pages: 1, question: () => `What does ${word} mean to you?` }),
    });
    const inSummary = await createPublishedModule(t.db, { authorId: author.id, title: "C summary", summary: `A module about ${word} for groups.` });
    const inTitle = await createPublishedModule(t.db, { authorId: author.id, title: `D ${word}` });

    const result = await browse(reader, { q: word });
    expect(result.items.map((m) => m.id)).toEqual([inTitle.id, inSummary.id, inQuestion.id, inBody.id]);
  });
});

describe("ranking a bounded number of candidates", () => {
  test("a word only in the body still finds the module, after the modules with it in the title", async () => {
    const { reader, author } = await people();
    const word = uniqueWord();
    const bodyOnly = await createPublishedModule(t.db, { authorId: author.id, title: "A quiet module", doc: docWithBody(`Only here does ${word} appear.`) });
    const inTitle = await createPublishedModule(t.db, { authorId: author.id, title: `Zebras and ${word}` });

    const result = await browse(reader, { q: word });
    expect(result.items.map((m) => m.id)).toEqual([inTitle.id, bodyOnly.id]);
    expect(result.items[1]!.snippet).toContain(`${MARK_START}${word}${MARK_END}`);
  });

  test("every match is on exactly one page, title matches first, when there are more than are ranked", async () => {
    const { reader, author } = await people();
    const word = uniqueWord();
    const excluded = uniqueWord();
    // Six with the word in the title, seven with it only in a page; two of each also have a word the search excludes.
    const titled = [];
    const others = [];
    for (let i = 0; i < 6; i++) {
      const doc = docWithBody(i < 2 ? `Context with ${excluded}.` : "Context.");
      titled.push(await createPublishedModule(t.db, { authorId: author.id, title: `${word} number ${i}`, doc }));
    }
    for (let i = 0; i < 7; i++) {
      others.push(await createPublishedModule(t.db, { authorId: author.id, title: `Other ${i}`, doc: docWithBody(`About ${word}${i < 2 ? ` and ${excluded}` : ""}.`) }));
    }
    const pagesOf = async (q: string, limit: number) => {
      const seen: string[] = [];
      for (let offset = 0; ; offset += limit) {
        const page = await searchCatalogue(t.db, { q, where: [visibleToActor(reader)], mindset: null, orgId: reader.orgId, offset, limit, ranked: 2 });
        if (!page.rows.length) return { seen, total: page.total };
        seen.push(...page.rows.map((r) => r.id));
      }
    };
    const ids = (list: { id: string }[]) => list.map((m) => m.id);

    for (const limit of [1, 3, 4]) {
      const all = await pagesOf(word, limit);
      expect(all.total).toBe(13);
      expect(new Set(all.seen.slice(0, 6))).toEqual(new Set(ids(titled)));
      expect(new Set(all.seen.slice(6))).toEqual(new Set(ids(others)));

      const withExclusion = await pagesOf(`${word} -${excluded}`, limit);
      expect(withExclusion.total).toBe(9);
      expect(new Set(withExclusion.seen.slice(0, 4))).toEqual(new Set(ids(titled.slice(2))));
      expect(new Set(withExclusion.seen.slice(4))).toEqual(new Set(ids(others.slice(2))));
    }
  });

  test("a new revision changes what finds a module and its snippet at once", async () => {
    const { reader, author } = await people();
    const before = uniqueWord();
    const after = uniqueWord();
    const module = await createPublishedModule(t.db, { authorId: author.id, doc: moduleDoc({ pages: 1, question: () => `What does ${before} ask of you?` }) });
    expect((await browse(reader, { q: before })).items.map((m) => m.id)).toEqual([module.id]);

    await publishRevision(t.db, { moduleId: module.id, doc: moduleDoc({ pages: 1, question: () => `What does ${after} ask of you?` }), authorId: author.id });
    expect((await browse(reader, { q: before })).items).toEqual([]);
    const found = await browse(reader, { q: after });
    expect(found.items.map((m) => m.id)).toEqual([module.id]);
    expect(found.items[0]!.snippet).toContain(`${MARK_START}${after}${MARK_END}`);
  });

  test("a word deep in a long module is shown in its snippet", async () => {
    const { reader, author } = await people();
    const word = uniqueWord();
    const filler = "Managers talk about the week, the plan and the people they look after. ".repeat(40);
    const body = `${filler}Then ${word} comes up near the end.`;
    const module = await createPublishedModule(t.db, { authorId: author.id, doc: docWithBody(body) });
    const [item] = (await browse(reader, { q: word })).items;
    expect(item!.id).toBe(module.id);
    expect(item!.snippet).toContain(`${MARK_START}${word}${MARK_END}`);
    // Whole words only: the excerpt is not cut in the middle of one.
    const [revision] = await t.db.select().from(moduleRevisions).where(eq(moduleRevisions.id, module.revision.id));
    const words = new Set(searchWords(`${module.summary} ${revision!.questions.join(" ")} ${revision!.plainText}`));
    for (const w of searchWords(item!.snippet!)) expect(words).toContain(w);
  });
});

describe("filters", () => {
  test("mindset, topic and author combine, and each mindset's count covers the other filters", async () => {
    const { reader, author } = await people();
    const other = await createUser(t.db, { orgId: reader.orgId, roles: ["thought_leader"] });
    const topic = `topic-${uniqueWord("")}`;
    const match = await createPublishedModule(t.db, { authorId: author.id, mindset: "analysis", topics: [topic, "strategy"] });
    await createPublishedModule(t.db, { authorId: author.id, mindset: "reflection", topics: [topic] });
    await createPublishedModule(t.db, { authorId: author.id, mindset: "analysis", topics: ["something-else"] });
    await createPublishedModule(t.db, { authorId: other.id, mindset: "analysis", topics: [topic] });
    await createPublishedModule(t.db, { authorId: author.id, mindset: "reflection", topics: [topic] });

    const all = await browse(reader, { mindset: "analysis", topic, authorId: author.id });
    expect(all.items.map((m) => m.id)).toEqual([match.id]);
    expect(all.total).toBe(1);
    expect(all.items[0]!.authors).toEqual([author.name]);

    // The counts ignore the mindset filter (they label the mindset choices) but keep topic and author.
    expect(all.mindsetCounts).toEqual({ analysis: 1, reflection: 2 });
    const byTopic = await browse(reader, { topic });
    expect(byTopic.total).toBe(4);
    expect(byTopic.mindsetCounts).toEqual({ analysis: 2, reflection: 2 });
  });

  test("a search and a mindset combine", async () => {
    const { reader, author } = await people();
    const word = uniqueWord();
    const action = await createPublishedModule(t.db, { authorId: author.id, mindset: "action", title: `Acting on ${word}` });
    const worldly = await createPublishedModule(t.db, { authorId: author.id, mindset: "worldliness", title: `Seeing ${word}` });
    await createPublishedModule(t.db, { authorId: author.id, mindset: "action", title: "Unrelated action" });

    const both = await browse(reader, { q: word });
    expect(both.items.map((m) => m.id).sort()).toEqual([action.id, worldly.id].sort());
    expect(both.mindsetCounts).toEqual({ action: 1, worldliness: 1 });

    const onlyAction = await browse(reader, { q: word, mindset: "action" });
    expect(onlyAction.items.map((m) => m.id)).toEqual([action.id]);
    expect(onlyAction.total).toBe(1);
  });

  test("over HTTP, the filters in the URL narrow the list and the mindset choices show their counts", async () => {
    const { author, cookie } = await people();
    const topic = `topic-${uniqueWord("")}`;
    const kept = await createPublishedModule(t.db, { authorId: author.id, mindset: "collaboration", topics: [topic], title: `Kept ${uniqueWord()}` });
    const dropped = await createPublishedModule(t.db, { authorId: author.id, mindset: "action", topics: [topic], title: `Dropped ${uniqueWord()}` });

    const { status, html } = await page(`/modules?topic=${topic}&mindset=collaboration&author=${author.id}`, cookie);
    expect(status).toBe(200);
    const text = mainText(html);
    expect(text).toContain(kept.title);
    expect(text).not.toContain(dropped.title);
    expect(text).toContain("1 module");
    expect(text).toContain("Collaboration (1)");
    expect(text).toContain("Action (1)");
    expect(text).toContain("Reflection (0)");
  });
});

describe("pages of results", () => {
  test("more than one page of modules: page 2 holds the rest and the total counts them all", async () => {
    const { reader, author, cookie } = await people();
    const topic = `topic-${uniqueWord("")}`;
    const made = [];
    for (let i = 0; i < CATALOGUE_PAGE_SIZE + 3; i++) {
      made.push(await createPublishedModule(t.db, { authorId: author.id, topics: [topic], title: `Paged ${String(i).padStart(2, "0")} ${topic}` }));
    }

    const first = await browse(reader, { topic, page: 1 });
    const second = await browse(reader, { topic, page: 2 });
    expect(first.total).toBe(CATALOGUE_PAGE_SIZE + 3);
    expect(second.total).toBe(CATALOGUE_PAGE_SIZE + 3);
    expect(first.items).toHaveLength(CATALOGUE_PAGE_SIZE);
    expect(second.items).toHaveLength(3);
    const seen = [...first.items, ...second.items].map((m) => m.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(made.map((m) => m.id).sort());
    expect((await browse(reader, { topic, page: 3 })).items).toEqual([]);

    const http = mainText((await page(`/modules?topic=${topic}&page=2`, cookie)).html);
    expect(http).toContain(`${CATALOGUE_PAGE_SIZE + 3} modules, page 2 of 2`);
    expect(http).toContain(made[CATALOGUE_PAGE_SIZE + 2]!.title);
    expect(http).not.toContain(made[0]!.title);
  });
});

describe("snippets", () => {
  test("the matched word is marked in the snippet, and the page shows it in <mark>", async () => {
    const { reader, author, cookie } = await people();
    const word = uniqueWord();
    const module = await createPublishedModule(t.db, { authorId: author.id, doc: docWithBody(`Every manager needs some ${word} before a hard conversation.`) });

    const result = await browse(reader, { q: word });
    expect(result.items.map((m) => m.id)).toEqual([module.id]);
    expect(result.items[0]!.snippet).toContain(`${MARK_START}${word}${MARK_END}`);

    const { status, html } = await page(`/modules?q=${word}`, cookie);
    expect(status).toBe(200);
    expect(html).toContain(`<mark>${word}</mark>`);
    // The control characters never reach the reader.
    expect(mainText(html)).not.toMatch(/[\u0002\u0003]/);
  });

  test("without a search there are no snippets, only summaries", async () => {
    const { reader, author } = await people();
    const topic = `topic-${uniqueWord("")}`;
    await createPublishedModule(t.db, { authorId: author.id, topics: [topic] });
    const result = await browse(reader, { topic });
    expect(result.items).toHaveLength(1);
    expect(result.items[0]!.snippet).toBeNull();
  });
});

describe("what /modules answers", () => {
  test("an empty search lists every published module", async () => {
    const { reader, author, cookie } = await people();
    await createPublishedModule(t.db, { authorId: author.id });
    const [{ n }] = (await t.db.select({ n: count() }).from(modules).where(and(eq(modules.status, "published"), eq(modules.visibility, "public")))) as [{ n: number }];
    expect(n).toBeGreaterThan(0);

    const result = await browse(reader, { q: "" });
    expect(result.total).toBe(n);
    const { status, html } = await page("/modules?q=", cookie);
    expect(status).toBe(200);
    expect(mainText(html)).toContain(`${n} ${n === 1 ? "module" : "modules"}`);
  });

  test("a search longer than 200 characters is cut, with a note, and still answers", async () => {
    const { author, cookie } = await people();
    const word = uniqueWord();
    await createPublishedModule(t.db, { authorId: author.id, title: `About ${word}` });
    const q = `${word} ${"x".repeat(300)}`;
    const { status, html } = await page(`/modules?q=${encodeURIComponent(q)}`, cookie);
    expect(status).toBe(200);
    const text = mainText(html);
    expect(text).toContain("Your search was longer than 200 characters, so we used the first 200.");
    expect(text).toContain(`“${q.slice(0, 200)}”`);
    expect(text).not.toContain(q.slice(0, 201));
  });

  test("a search of only punctuation and stop-words answers with no matches", async () => {
    const { cookie } = await people();
    for (const q of ["!!! ??? ...", "the and of to", "&&& | !"]) {
      const { status, html } = await page(`/modules?q=${encodeURIComponent(q)}`, cookie);
      expect(status, q).toBe(200);
      expect(mainText(html), q).toContain("No modules match");
    }
  });

  test("an unknown mindset is ignored with a note", async () => {
    const { author, cookie } = await people();
    const topic = `topic-${uniqueWord("")}`;
    const reflective = await createPublishedModule(t.db, { authorId: author.id, topics: [topic], mindset: "reflection", title: `Reflective ${uniqueWord()}` });
    const active = await createPublishedModule(t.db, { authorId: author.id, topics: [topic], mindset: "action", title: `Active ${uniqueWord()}` });
    const { status, html } = await page(`/modules?topic=${topic}&mindset=bravery`, cookie);
    expect(status).toBe(200);
    const text = mainText(html);
    expect(text).toContain('"bravery" is not a mindset, so we show all five.');
    expect(text).toContain(reflective.title);
    expect(text).toContain(active.title);
  });

  test("odd searches get a clear page with the search kept in the box", async () => {
    const { author, cookie } = await people();
    const word = uniqueWord();
    await createPublishedModule(t.db, { authorId: author.id, title: `About ${word}` });
    const cases: [string, string][] = [
      ["x".repeat(10_000), `Your search was longer than ${MAX_QUERY_LENGTH} characters`],
      ["the and of to", "We could not search for “the and of to”: it has no words to look for"],
      ["!!! ??? ...", "We could not search for “!!! ??? ...”: it has no words to look for"],
      [`"${word}`, `1 module for “"${word}”`],
      ["信頼", "No modules match “信頼”"],
      [`${word}\u0000`, `1 module for “${word}”`],
      [Array.from({ length: 60 }, (_, i) => `w${i}`).join(","), `Your search had more than ${MAX_QUERY_WORDS} words, so we used the first ${MAX_QUERY_WORDS}.`],
    ];
    for (const [q, message] of cases) {
      const { status, html } = await page(`/modules?q=${encodeURIComponent(q)}`, cookie);
      expect(status, q.slice(0, 30)).toBe(200);
      expect(mainText(html), q.slice(0, 30)).toContain(message);
      const box = decodeEntities(html.match(/<input[^>]*id="q"[^>]*>/)![0]);
      expect(box, q.slice(0, 30)).toContain(`value="${parseCatalogueParams(new URLSearchParams({ q: q.replace("\u0000", "") })).q}"`);
    }
  });

  test("however long the search, it uses at most a fixed number of words", () => {
    for (const q of ["word ".repeat(2_000), "a,".repeat(5_000), `"${"b-".repeat(3_000)}`, "信頼 ".repeat(1_000)]) {
      const parsed = parseCatalogueParams(new URLSearchParams({ q }));
      expect(parsed.q.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
      expect(searchWords(parsed.q).length).toBeLessThanOrEqual(MAX_QUERY_WORDS);
    }
  });

  test("a search containing HTML is shown as text, never run", async () => {
    const { cookie } = await people();
    const q = "<script>alert(1)</script>";
    const { status, html } = await page(`/modules?q=${encodeURIComponent(q)}`, cookie);
    expect(status).toBe(200);
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mainText(html)).toContain(`No modules match “${q}”`);
  });
});
