// Reading a module and running it in a meeting, over HTTP: the overview's
// facts, the reading rota, and take-aways that stay private unless shared
// with one's own group.
import { eq } from "drizzle-orm";
import { takeaways } from "../../db/schema";
import { createGroup, createOrg, createPublishedModule, createUser, moduleDoc, sessionCookieFor, uniqueWord } from "../support/factories";
import { decodeEntities, mainText, postForm } from "../support/http-helpers";
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

async function get(path: string, person: Person) {
  const res = await server.request(path, { headers: { Cookie: await sessionCookieFor(t.db, person.id) } });
  const html = await res.text();
  return { status: res.status, html, text: mainText(html) };
}

async function post(path: string, person: Person, fields: Record<string, string>) {
  return postForm(server, path, fields, await sessionCookieFor(t.db, person.id));
}

/** An organisation with a reader, and a module of `pages` pages written by a named author. */
async function setting(pages = 6) {
  const org = await createOrg(t.db);
  const author = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"], name: `Theo ${uniqueWord("")}` });
  const reader = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  const module = await createPublishedModule(t.db, {
    authorId: author.id,
    title: `Meeting ${uniqueWord()}`,
    mindset: "collaboration",
    doc: moduleDoc({ pages, question: (i) => `Question ${i} for the group?` }),
  });
  return { org, author, reader, module, endPage: `/modules/${module.slug}/session?page=${pages + 1}` };
}

/** The text inside the page's first <textarea>, as the browser would show it. */
function textarea(html: string) {
  const match = /<textarea\b[^>]*>([\s\S]*?)<\/textarea>/.exec(html);
  expect(match, "a textarea on the page").not.toBeNull();
  return decodeEntities(match![1]!).replace(/^\n/, "");
}

const takeawaysOf = (userId: string) => t.db.select().from(takeaways).where(eq(takeaways.userId, userId));

describe("the module overview", () => {
  test("shows the title, mindset, author, number of questions, time and revision", async () => {
    const { author, reader, module } = await setting(7);
    const { status, text } = await get(`/modules/${module.slug}`, reader);
    expect(status).toBe(200);
    expect(text).toContain(module.title);
    expect(text).toContain("Collaboration");
    expect(text).toContain(`By ${author.name}`);
    expect(text).toContain("7 questions");
    expect(text).toContain(`about ${7 * 10 + 15} minutes`);
    expect(text).toMatch(/Revision 1, published/);
    for (let i = 1; i <= 7; i++) expect(text).toContain(`Question ${i} for the group?`);
  });

  test("an unknown module is a 404 that says what may have happened", async () => {
    const { reader } = await setting();
    for (const slug of ["no-such-module", "Not_A_Slug!", "x".repeat(200)]) {
      const { status, text } = await get(`/modules/${encodeURIComponent(slug)}`, reader);
      expect(status, slug).toBe(404);
      expect(text, slug).toContain("We could not find that module. It may have been renamed, or it is not shared with your organisation.");
    }
    expect((await get("/modules/no-such-module/session", reader)).status).toBe(404);
  });

  test("an unknown mindset is a 404 that names the five mindsets", async () => {
    const { reader } = await setting();
    const { status, text } = await get("/mindsets/bogus", reader);
    expect(status).toBe(404);
    expect(text).toContain('There is no mindset called "bogus". The five mindsets are Reflection, Analysis, Worldliness, Collaboration, Action.');
  });
});

describe("running a module in a meeting", () => {
  test("the first step fills in the names from the person's group", async () => {
    const { org, reader, module } = await setting();
    const ann = await createUser(t.db, { orgId: org.id, name: "Ann Able" });
    const cy = await createUser(t.db, { orgId: org.id, name: "Cy Crane" });
    const group = await createGroup(t.db, { orgId: org.id, name: "Tuesday circle", memberIds: [reader.id, ann.id, cy.id] });

    const { status, html, text } = await get(`/modules/${module.slug}/session?page=0`, reader);
    expect(status).toBe(200);
    expect(textarea(html).split("\n")).toEqual([ann.name, reader.name, cy.name].sort());
    expect(text).toContain(`Filled in from ${group.name}.`);
  });

  test("without a group, the names start empty", async () => {
    const { reader, module } = await setting();
    const { html, text } = await get(`/modules/${module.slug}/session`, reader);
    expect(textarea(html)).toBe("");
    expect(text).toContain("Type the names of the people in the room");
  });

  test("each page names who reads it aloud, in turn", async () => {
    const { reader, module } = await setting(6);
    const page2 = await get(`/modules/${module.slug}/session?page=2&names=Ann%0ABob%0ACy`, reader);
    expect(page2.status).toBe(200);
    expect(page2.text).toContain("Page 2 of 6");
    expect(page2.text).toContain("Bob reads this page aloud.");
    expect(page2.text).toContain("Question 2 for the group?");
    expect(page2.text).not.toContain("Question 3 for the group?");
    // The fourth page goes back to the first name.
    expect((await get(`/modules/${module.slug}/session?page=4&names=Ann%0ABob%0ACy`, reader)).text).toContain("Ann reads this page aloud.");
  });

  test("after the last page come the take-away prompts and the form", async () => {
    const { reader, module, endPage } = await setting(6);
    const { status, html, text } = await get(endPage, reader);
    expect(status).toBe(200);
    expect(text).toContain("Take-aways");
    expect(text).toContain("One thing I will try is…");
    expect(html).toMatch(/<form method="post"/);
    expect(html).toMatch(/<textarea\b[^>]*name="text"/);
    expect(text).toContain("Save take-away");
  });
});

describe("take-aways", () => {
  test("a take-away is private by default and listed on the home page with the module's title", async () => {
    const { reader, module, endPage } = await setting();
    const words = `I will ask for feedback ${uniqueWord()}`;
    const res = await post(endPage, reader, { text: words });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(new RegExp(`^/modules/${module.slug}/session\\?`));

    expect(await takeawaysOf(reader.id)).toEqual([expect.objectContaining({ moduleId: module.id, text: words, sharedWithGroupId: null })]);
    const saved = await get(res.headers.get("location")!, reader);
    expect(saved.text).toContain("Saved, visible only to you.");
    const home = await get("/", reader);
    expect(home.text).toContain(words);
    expect(home.text).toContain(module.title);
    expect(home.text).toContain("private");
  });

  test("shared with one's own group, the other members see it at the end of the module; people outside the group do not", async () => {
    const { org, reader, module, endPage } = await setting();
    const peer = await createUser(t.db, { orgId: org.id, name: "Pat Peer" });
    const outsider = await createUser(t.db, { orgId: org.id, name: "Olly Outside" });
    const group = await createGroup(t.db, { orgId: org.id, memberIds: [reader.id, peer.id] });
    await createGroup(t.db, { orgId: org.id, memberIds: [outsider.id] });
    const words = `We will rotate the chair ${uniqueWord()}`;

    const res = await post(endPage, reader, { text: words, shareWithGroupId: group.id });
    expect(res.status).toBe(302);
    expect(await takeawaysOf(reader.id)).toEqual([expect.objectContaining({ text: words, sharedWithGroupId: group.id })]);
    expect((await get(res.headers.get("location")!, reader)).text).toContain("Saved and shared with your group.");

    const forPeer = await get(endPage, peer);
    expect(forPeer.text).toContain("Shared in your group");
    expect(forPeer.text).toContain(words);
    expect(forPeer.text).toContain(reader.name);

    const forOutsider = await get(endPage, outsider);
    expect(forOutsider.status).toBe(200);
    expect(forOutsider.text).not.toContain("Shared in your group");
    expect(forOutsider.html).not.toContain(words);
    // Nor is it on the outsider's home page.
    expect((await get("/", outsider)).html).not.toContain(words);
  });

  test("sharing with a group one does not belong to is refused with a clear message, and nothing is saved", async () => {
    const { org, reader, endPage } = await setting();
    await createGroup(t.db, { orgId: org.id, memberIds: [reader.id] });
    const stranger = await createUser(t.db, { orgId: org.id });
    const theirs = await createGroup(t.db, { orgId: org.id, name: "Not mine", memberIds: [stranger.id] });

    const res = await post(endPage, reader, { text: "Sneaking a note in", shareWithGroupId: theirs.id });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(mainText(html)).toContain("You can only share with a group you belong to.");
    expect(textarea(html)).toBe("Sneaking a note in");
    expect(await takeawaysOf(reader.id)).toEqual([]);
    expect(await t.db.select().from(takeaways).where(eq(takeaways.sharedWithGroupId, theirs.id))).toEqual([]);
  });

  test("someone in no group at all is told the same when sharing with another group", async () => {
    const { org, reader, endPage } = await setting();
    const theirs = await createGroup(t.db, { orgId: org.id, memberIds: [(await createUser(t.db, { orgId: org.id })).id] });
    const res = await post(endPage, reader, { text: "A note", shareWithGroupId: theirs.id });
    expect(res.status).toBe(400);
    expect(mainText(await res.text())).toContain("You can only share with a group you belong to.");
    expect(await takeawaysOf(reader.id)).toEqual([]);
  });

  test("an empty take-away is refused", async () => {
    const { reader, endPage } = await setting();
    for (const text of ["", "   \n  "]) {
      const res = await post(endPage, reader, { text });
      expect(res.status).toBe(400);
      expect(mainText(await res.text())).toContain("Write your take-away first.");
    }
    expect(await takeawaysOf(reader.id)).toEqual([]);
  });

  test("a take-away over 2000 characters is refused, and what was typed stays in the box", async () => {
    const { reader, endPage } = await setting();
    const typed = `My long note ${uniqueWord()} <b>kept</b> & more: ${"word ".repeat(400)}end`;
    expect(typed.length).toBeGreaterThan(2000);
    const res = await post(endPage, reader, { text: typed });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(mainText(html)).toContain("Keep a take-away under 2000 characters; split a long one in two.");
    expect(textarea(html)).toBe(typed);
    expect(html).not.toContain("<b>kept</b>");
    expect(await takeawaysOf(reader.id)).toEqual([]);

    // Exactly 2000 characters is fine.
    expect((await post(endPage, reader, { text: "x".repeat(2000) })).status).toBe(302);
  });
});
