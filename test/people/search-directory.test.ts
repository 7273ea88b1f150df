// Searching the directory at /people: by name, expertise (full text and
// tags), organisation, site and mindset; never through a part of a profile
// its owner hides; and bad search input answered with a note, not an error.
import { eq } from "drizzle-orm";
import { organisations } from "../../db/schema";
import { searchDirectory } from "../../app/domain/people/search-directory.server";
import { MAX_DIRECTORY_QUERY_LENGTH, MAX_DIRECTORY_QUERY_WORDS, namePrefixQuery, parseDirectorySearch, type DirectorySearch } from "../../app/domain/people/directory-search-params";
import { updateOwnProfile } from "../../app/domain/accounts/profile.server";
import { searchWords } from "../../app/domain/limit-search-words";
import { createOrg, createUser, sessionCookieFor, uniqueWord } from "../support/factories";
import { decodeEntities, mainText } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { createStructure, directoryPerson, SHOW_ALL, SHOW_NOTHING, type Person } from "./directory-setting";

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

const search = async (viewer: Person, params: Partial<DirectorySearch>) => {
  const result = await searchDirectory(t.db, viewer, { q: "", tag: null, orgId: null, siteId: null, mindset: null, page: 1, ...params });
  return result.items.map((i) => i.name).sort();
};

/** A fresh organisation (so results hold only this test's people), its structure, and a viewer in it. */
async function orgWithViewer() {
  const org = await createOrg(t.db);
  const structure = await createStructure(t.db, org.id);
  const viewer = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  return { org, ...structure, viewer };
}

test("by name, also part of a name, ignoring case", async () => {
  const { org, viewer } = await orgWithViewer();
  const surname = uniqueWord("van");
  const anna = await directoryPerson(t.db, { orgId: org.id, name: `Anna ${surname}` });
  await directoryPerson(t.db, { orgId: org.id, name: `Bert ${uniqueWord()}` });
  expect(await search(viewer, { q: surname.slice(0, 8).toUpperCase() })).toEqual([anna.name]);
  expect(await search(viewer, { q: `anna ${surname}` })).toEqual([anna.name]);
  expect(await search(viewer, {})).toHaveLength(2);
});

test("a name is found from the start of its words, and name matches come first", async () => {
  const { org, viewer } = await orgWithViewer();
  const surname = uniqueWord("ber");
  const named = await directoryPerson(t.db, { orgId: org.id, name: `Anna ${surname}` });
  const mentioned = await directoryPerson(t.db, { orgId: org.id, name: `Aaron ${uniqueWord()}`, bio: `I trained with ${surname} for years.`, settings: { showBio: true } });
  const ordered = async (q: string) => (await searchDirectory(t.db, viewer, { q, tag: null, orgId: null, siteId: null, mindset: null, page: 1 })).items.map((i) => i.name);
  // Alphabetically Aaron would come first; the name match wins.
  expect(await ordered(surname)).toEqual([named.name, mentioned.name]);
  expect(await ordered(`anna ${surname.slice(0, 5)}`)).toEqual([named.name]);
  expect(await ordered(surname.slice(2, 9))).toEqual([]);
});

test("changing one's profile changes what finds one at once", async () => {
  const { org, viewer } = await orgWithViewer();
  const before = uniqueWord();
  const after = uniqueWord();
  const person = await directoryPerson(t.db, { orgId: org.id, expertise: [`${before} planning`] });
  expect(await search(viewer, { q: before })).toEqual([person.name]);
  await updateOwnProfile(t.db, person, { name: person.name, jobTitle: "", departmentId: null, siteId: null, timeZone: "UTC", bio: "", expertise: [`${after} planning`] });
  expect(await search(viewer, { q: before })).toEqual([]);
  expect(await search(viewer, { q: after })).toEqual([person.name]);
});

test("by expertise: full text over bio and expertise, and an exact expertise tag", async () => {
  const { org, viewer } = await orgWithViewer();
  const word = uniqueWord();
  const inBio = await directoryPerson(t.db, { orgId: org.id, bio: `Twenty years of ${word} on offshore platforms.`, settings: { showBio: true } });
  const inTags = await directoryPerson(t.db, { orgId: org.id, expertise: [`${word} strategy`, "budgets"] });
  const exactTag = await directoryPerson(t.db, { orgId: org.id, expertise: ["c++", "lean"] });
  await directoryPerson(t.db, { orgId: org.id, bio: "Nothing relevant here.", expertise: ["safety"], settings: { showBio: true } });

  expect(await search(viewer, { q: word })).toEqual([inBio.name, inTags.name].sort());
  expect(await search(viewer, { q: `offshore ${word}` })).toEqual([inBio.name]);
  // A tag full text cannot read is still found as a whole tag, in the search box and as a tag filter.
  expect(await search(viewer, { q: "C++" })).toEqual([exactTag.name]);
  expect(await search(viewer, { tag: "c++" })).toEqual([exactTag.name]);
  expect(await search(viewer, { tag: "lean" })).toEqual([exactTag.name]);
});

test("by organisation, site and mindset interest", async () => {
  const { org, site, viewer } = await orgWithViewer();
  const atSite = await directoryPerson(t.db, { orgId: org.id, siteId: site.id, settings: { showSite: true, mindsetInterests: ["action", "analysis"] } });
  const elsewhere = await directoryPerson(t.db, { orgId: org.id, settings: { showSite: true, mindsetInterests: ["reflection"] } });
  expect(await search(viewer, { siteId: site.id })).toEqual([atSite.name]);
  expect(await search(viewer, { mindset: "analysis" })).toEqual([atSite.name]);
  expect(await search(viewer, { mindset: "reflection" })).toEqual([elsewhere.name]);
  expect(await search(viewer, { orgId: org.id })).toEqual([atSite.name, elsewhere.name].sort());
});

test("by organisation across organisations, when everyone allows it", async () => {
  const { org, viewer } = await orgWithViewer();
  const other = await createOrg(t.db, { crossOrgConnections: true });
  await t.db.update(organisations).set({ crossOrgConnections: true }).where(eq(organisations.id, org.id));
  const colleague = await directoryPerson(t.db, { orgId: org.id });
  const outside = await directoryPerson(t.db, { orgId: other.id, settings: { crossOrg: true } });
  expect(await search(viewer, { orgId: other.id })).toEqual([outside.name]);
  expect(await search(viewer, { q: outside.name })).toEqual([outside.name]);
  expect(await search(viewer, { orgId: org.id })).toEqual([colleague.name]);
});

test("a part of a profile its owner hides is never searched", async () => {
  const { org, site, viewer } = await orgWithViewer();
  const word = uniqueWord();
  const tag = uniqueWord("tag");
  const hider = await directoryPerson(t.db, {
    orgId: org.id,
    bio: `My secret is ${word}.`,
    expertise: [tag, `${word} engineering`],
    siteId: site.id,
    settings: SHOW_NOTHING,
  });
  expect(await search(viewer, { q: word })).toEqual([]);
  expect(await search(viewer, { q: tag })).toEqual([]);
  expect(await search(viewer, { tag })).toEqual([]);
  expect(await search(viewer, { siteId: site.id })).toEqual([]);
  expect(await search(viewer, { orgId: org.id })).toEqual([]);
  // They are listed, and found by their name.
  expect(await search(viewer, { q: hider.name })).toEqual([hider.name]);

  // Once shown, the same searches find them.
  const shower = await directoryPerson(t.db, { orgId: org.id, bio: `My passion is ${word}.`, expertise: [tag], siteId: site.id, settings: SHOW_ALL });
  expect(await search(viewer, { q: word })).toEqual([shower.name]);
  expect(await search(viewer, { tag })).toEqual([shower.name]);
  expect(await search(viewer, { siteId: site.id })).toEqual([shower.name]);
});

test("the results page shows what matched and pages through many people", async () => {
  const { org, viewer } = await orgWithViewer();
  const tag = uniqueWord("tag");
  for (let i = 0; i < 23; i++) await directoryPerson(t.db, { orgId: org.id, name: `Member ${String(i).padStart(2, "0")} ${uniqueWord()}`, expertise: [tag] });
  const cookie = await sessionCookieFor(t.db, viewer.id);
  const first = mainText(await (await server.request(`/people?tag=${tag}`, { headers: { Cookie: cookie } })).text());
  expect(first).toContain("23 people, page 1 of 2");
  expect(first).toContain("Member 00");
  expect(first).not.toContain("Member 22");
  const second = mainText(await (await server.request(`/people?tag=${tag}&page=2`, { headers: { Cookie: cookie } })).text());
  expect(second).toContain("Member 22");
  expect(second).not.toContain("Member 00");
});

describe("bad search input is answered with a note, not an error", () => {
  test("an overlong search, an unknown mindset, a malformed organisation and page", async () => {
    const { org, viewer } = await orgWithViewer();
    const someone = await directoryPerson(t.db, { orgId: org.id });
    const cookie = await sessionCookieFor(t.db, viewer.id);
    const res = await server.request(`/people?q=${"x".repeat(5000)}&mindset=bravery&org=nope&site=%27%3B--&page=-3`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const page = mainText(await res.text());
    expect(page).toContain("Your search was longer than 100 characters, so we used the first 100.");
    expect(page).toContain('"bravery" is not a mindset, so we show all five.');
    expect(page).toContain("That organisation is not one we know, so we show all organisations you can see.");
    expect(page).toContain("That site is not one we know, so we show all sites.");
    expect(page).toContain("Nobody matches this search.");

    const unknownMindset = mainText(await (await server.request("/people?mindset=bravery", { headers: { Cookie: cookie } })).text());
    expect(unknownMindset).toContain(someone.name);
  });

  test("an organisation the viewer may not search is ignored without saying whether it exists", async () => {
    const { org, viewer } = await orgWithViewer();
    const closed = await createOrg(t.db);
    await directoryPerson(t.db, { orgId: closed.id, settings: { crossOrg: true } });
    const colleague = await directoryPerson(t.db, { orgId: org.id });
    const cookie = await sessionCookieFor(t.db, viewer.id);
    const page = mainText(await (await server.request(`/people?org=${closed.id}`, { headers: { Cookie: cookie } })).text());
    expect(page).toContain("That organisation is not one you can search, so we show all organisations you can see.");
    expect(page).toContain(colleague.name);
    expect(page).not.toContain(closed.name);
  });

  test("search syntax and punctuation are taken as plain words", () => {
    const parsed = parseDirectorySearch(new URLSearchParams({ q: '  "pumps"   OR -valves & | !: ', tag: "  Lean  " }));
    expect(parsed).toMatchObject({ q: '"pumps" OR -valves & | !:', tag: "lean", notes: [] });
  });

  test("odd searches get a clear page with the search kept in the box", async () => {
    const { org, viewer } = await orgWithViewer();
    await directoryPerson(t.db, { orgId: org.id, name: `Anna ${uniqueWord()}` });
    const cookie = await sessionCookieFor(t.db, viewer.id);
    const cases = ["x".repeat(10_000), "the and of", "!!! ??? ...", '"anna', "信頼", "anna\u0000", Array.from({ length: 40 }, (_, i) => `w${i}`).join(",")];
    for (const q of cases) {
      const res = await server.request(`/people?q=${encodeURIComponent(q)}`, { headers: { Cookie: cookie } });
      expect(res.status, q.slice(0, 30)).toBe(200);
      const html = await res.text();
      expect(mainText(html), q.slice(0, 30)).toMatch(/Nobody matches this search\.|1 person/);
      const kept = parseDirectorySearch(new URLSearchParams({ q: q.replace("\u0000", "") })).q;
      expect(decodeEntities(html.match(/<input[^>]*name="q"[^>]*>/)![0]), q.slice(0, 30)).toContain(`value="${kept}"`);
    }
  });

  test("however long the search, it uses at most a fixed number of words", () => {
    for (const q of ["word ".repeat(2_000), "a,".repeat(5_000), "信頼 ".repeat(1_000)]) {
      const parsed = parseDirectorySearch(new URLSearchParams({ q }));
      expect(parsed.q.length).toBeLessThanOrEqual(MAX_DIRECTORY_QUERY_LENGTH);
      expect(searchWords(parsed.q).length).toBeLessThanOrEqual(MAX_DIRECTORY_QUERY_WORDS);
      expect(namePrefixQuery(q)!.split(" & ")).toHaveLength(MAX_DIRECTORY_QUERY_WORDS);
    }
    expect(namePrefixQuery("!!! ???")).toBeNull();
    expect(namePrefixQuery("O'Brien-Smith")).toBe("'o':*A & 'brien':*A & 'smith':*A");
  });

  test("operators in the search box do not break the query", async () => {
    const { org, viewer } = await orgWithViewer();
    await directoryPerson(t.db, { orgId: org.id, bio: "pumps", settings: { showBio: true } });
    for (const q of ['"pumps', "& | ! :", "(", "-", "%_\\", "'; drop table users; --"]) await expect(search(viewer, { q })).resolves.toBeInstanceOf(Array);
  });
});
