// Who may see which module: organisation-private modules stay inside their
// organisation, drafts reach nobody, and an organisation's programme
// shapes what its participants browse.
import { eq } from "drizzle-orm";
import { modules, programmeModules } from "../../db/schema";
import { listCatalogue, type CatalogueFilters } from "../../app/domain/modules/list-catalogue.server";
import { setProgramme } from "../../app/domain/orgs/programme.server";
import { createDraftModule, createOrg, createPublishedModule, createUser, sessionCookieFor, uniqueWord } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
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

const NOT_FOUND_TEXT = "We could not find that module. It may have been renamed, or it is not shared with your organisation.";

function browse(actor: Person, filters: Partial<CatalogueFilters> = {}) {
  return listCatalogue(t.db, actor, { q: "", mindset: null, topic: null, authorId: null, page: 1, ...filters });
}

/** Every module id in this person's catalogue, over all its pages. */
async function wholeCatalogue(actor: Person, filters: Partial<CatalogueFilters> = {}) {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await browse(actor, { ...filters, page });
    ids.push(...items.map((m) => m.id));
    if (items.length === 0 || ids.length >= total) return ids;
  }
}

async function get(path: string, person: Person) {
  const res = await server.request(path, { headers: { Cookie: await sessionCookieFor(t.db, person.id) } });
  return { status: res.status, html: await res.text() };
}

/** Two organisations, a member of each, and a module private to A whose title holds a word nobody else uses. */
async function privateModuleOfA() {
  const orgA = await createOrg(t.db);
  const orgB = await createOrg(t.db);
  const author = await createUser(t.db, { orgId: orgA.id, roles: ["thought_leader"] });
  const memberA = await createUser(t.db, { orgId: orgA.id, roles: ["participant"] });
  const memberB = await createUser(t.db, { orgId: orgB.id, roles: ["participant", "org_admin"] });
  const secret = uniqueWord();
  const topic = `topic-${uniqueWord("")}`;
  const module = await createPublishedModule(t.db, { authorId: author.id, ownerOrgId: orgA.id, title: `Inside ${secret}`, topics: [topic], mindset: "analysis" });
  return { orgA, orgB, author, memberA, memberB, secret, topic, module };
}

describe("a module private to an organisation", () => {
  test("its organisation's members find it in the catalogue and in search, and can read and run it", async () => {
    const { memberA, secret, module } = await privateModuleOfA();
    expect(await wholeCatalogue(memberA)).toContain(module.id);
    expect((await browse(memberA, { q: secret })).items.map((m) => m.id)).toEqual([module.id]);
    expect(mainText((await get(`/modules?q=${secret}`, memberA)).html)).toContain(module.title);

    const reader = await get(`/modules/${module.slug}`, memberA);
    expect(reader.status).toBe(200);
    expect(mainText(reader.html)).toContain(module.title);
    const session = await get(`/modules/${module.slug}/session?page=1`, memberA);
    expect(session.status).toBe(200);
    expect(mainText(session.html)).toContain("Page 1 of 6");
  });

  test("for another organisation's member it does not exist: 404 to read or run, absent from the catalogue and search", async () => {
    const { memberB, secret, topic, module } = await privateModuleOfA();
    for (const path of [`/modules/${module.slug}`, `/modules/${module.slug}/session`, `/modules/${module.slug}/session?page=1`]) {
      const res = await get(path, memberB);
      expect(res.status, path).toBe(404);
      const text = mainText(res.html);
      expect(text, path).toContain(NOT_FOUND_TEXT);
      expect(res.html, path).not.toContain(secret);
    }

    expect(await wholeCatalogue(memberB)).not.toContain(module.id);
    const search = await browse(memberB, { q: secret });
    expect(search.items).toEqual([]);
    expect(search.total).toBe(0);
    expect(await wholeCatalogue(memberB, { topic })).toEqual([]);

    const page = await get(`/modules?q=${secret}`, memberB);
    expect(page.status).toBe(200);
    expect(mainText(page.html)).toContain(`No modules match “${secret}”`);
    // Not even in the filter menus or the data sent for hydration.
    const browsePage = await get("/modules", memberB);
    expect(browsePage.html).not.toContain(secret);
    expect(browsePage.html).not.toContain(topic);
  });

  test("the reader's query, built once for everyone, answers each person by their own organisation, in any order", async () => {
    const { memberA, memberB, secret, module } = await privateModuleOfA();
    const platformAdmin = await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["platform_admin"] });
    for (const [person, status] of [
      [memberA, 200],
      [memberB, 404],
      [platformAdmin, 200],
      [memberB, 404],
      [memberA, 200],
    ] as const) {
      const res = await get(`/modules/${module.slug}`, person);
      expect(res.status).toBe(status);
      if (status === 404) expect(res.html).not.toContain(secret);
      else expect(mainText(res.html)).toContain(`Inside ${secret}`);
    }
  });

  test("a take-away cannot be posted to it from another organisation", async () => {
    const { memberB, module } = await privateModuleOfA();
    const res = await postForm(server, `/modules/${module.slug}/session?page=7`, { text: "Sneaking in" }, await sessionCookieFor(t.db, memberB.id));
    expect(res.status).toBe(404);
  });
});

describe("a draft module", () => {
  test("a module never published is not found, for its own organisation, another one and platform admins alike", async () => {
    const org = await createOrg(t.db);
    const author = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
    const draft = await createDraftModule(t.db, { authorId: author.id, title: `Draft ${uniqueWord()}` });
    const privateDraft = await createDraftModule(t.db, { authorId: author.id, ownerOrgId: org.id, title: `Draft ${uniqueWord()}` });
    const people = [
      author,
      await createUser(t.db, { orgId: org.id, roles: ["org_admin"] }),
      await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["participant"] }),
      await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["platform_admin"] }),
    ];
    for (const person of people) {
      for (const m of [draft, privateDraft]) {
        expect((await get(`/modules/${m.slug}`, person)).status, `${person.roles} ${m.slug}`).toBe(404);
        expect((await get(`/modules/${m.slug}/session`, person)).status, `${person.roles} ${m.slug}`).toBe(404);
        expect(await wholeCatalogue(person)).not.toContain(m.id);
      }
    }
  });

  test("a published module set back to draft disappears for everyone, platform admins included", async () => {
    const org = await createOrg(t.db);
    const author = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
    const word = uniqueWord();
    const module = await createPublishedModule(t.db, { authorId: author.id, title: `Withdrawn ${word}` });
    const admin = await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["platform_admin"] });
    expect((await get(`/modules/${module.slug}`, author)).status).toBe(200);

    await t.db.update(modules).set({ status: "draft" }).where(eq(modules.id, module.id));
    for (const person of [author, admin]) {
      expect((await get(`/modules/${module.slug}`, person)).status).toBe(404);
      expect((await get(`/modules/${module.slug}/session?page=1`, person)).status).toBe(404);
      expect((await browse(person, { q: word })).total).toBe(0);
    }
  });
});

describe("the mindset page", () => {
  test("lists the modules this person may read, and nothing private to others or unpublished", async () => {
    const { memberA, memberB, author, orgA, module } = await privateModuleOfA();
    const shared = await createPublishedModule(t.db, { authorId: author.id, mindset: "analysis", title: `Aa shared ${uniqueWord()}` });
    const draft = await createDraftModule(t.db, { authorId: author.id, ownerOrgId: orgA.id, mindset: "analysis", title: `Aa draft ${uniqueWord()}` });

    const forA = await get("/mindsets/analysis", memberA);
    expect(forA.status).toBe(200);
    expect(mainText(forA.html)).toContain(module.title);
    expect(mainText(forA.html)).toContain(shared.title);
    expect(forA.html).not.toContain(draft.title);

    const forB = await get("/mindsets/analysis", memberB);
    expect(forB.status).toBe(200);
    expect(mainText(forB.html)).toContain(shared.title);
    expect(forB.html).not.toContain(module.title);
    expect(forB.html).not.toContain(draft.title);
  });
});

describe("an organisation's programme", () => {
  /** An organisation with an admin and a participant, and public modules: two that sort last, two that sort first. */
  async function orgWithModules() {
    const org = await createOrg(t.db);
    const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
    const participant = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
    const author = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
    const word = uniqueWord();
    const make = (title: string) => createPublishedModule(t.db, { authorId: author.id, title: `${title} ${word}`, topics: [`topic-${word}`] });
    const chosen = [await make("Zz chosen one"), await make("Zz chosen two")];
    const others = [await make("Aa other one"), await make("Aa other two")];
    return { org, admin, participant, word, chosen, others };
  }

  async function choose(admin: Person, programmeMode: string, moduleIds: string[]) {
    const res = await postForm(server, "/org/programme", { programmeMode, moduleIds }, await sessionCookieFor(t.db, admin.id));
    expect(res.status).toBe(302);
  }

  /** The catalogue's cards in order: slug and whether each carries the programme tag. */
  function cards(html: string) {
    return html
      .split('class="card module-card"')
      .slice(1)
      .map((card) => ({ slug: /href="\/modules\/([a-z0-9-]+)"/.exec(card)![1]!, inProgramme: card.includes("In our programme") }));
  }

  test("programme first: the programme's modules lead the list and say so; the rest follow", async () => {
    const { admin, participant, word, chosen, others } = await orgWithModules();
    await choose(admin, "programme_first", chosen.map((m) => m.id));

    const { html } = await get(`/modules?topic=topic-${word}`, participant);
    expect(cards(html)).toEqual([
      { slug: chosen[0]!.slug, inProgramme: true },
      { slug: chosen[1]!.slug, inProgramme: true },
      { slug: others[0]!.slug, inProgramme: false },
      { slug: others[1]!.slug, inProgramme: false },
    ]);
    // The whole catalogue leads with the programme too.
    const all = await browse(participant);
    expect(all.items.slice(0, 2).map((m) => m.id)).toEqual(chosen.map((m) => m.id));
    expect(mainText((await get(`/modules/${chosen[0]!.slug}`, participant)).html)).toContain("In our programme");
    expect(mainText((await get(`/modules/${others[0]!.slug}`, participant)).html)).not.toContain("In our programme");

    // Another organisation's programme is its own.
    const outsider = await createUser(t.db, { orgId: (await createOrg(t.db)).id, roles: ["participant"] });
    expect(cards((await get(`/modules?topic=topic-${word}`, outsider)).html).map((c) => c.inProgramme)).toEqual([false, false, false, false]);
  });

  test("programme only: participants see only the programme, while the organisation's admin still sees everything", async () => {
    const { admin, participant, word, chosen, others } = await orgWithModules();
    await choose(admin, "programme_only", [chosen[0]!.id]);

    const mine = await browse(participant);
    expect(mine.programmeOnly).toBe(true);
    expect(mine.items.map((m) => m.id)).toEqual([chosen[0]!.id]);
    expect(mine.total).toBe(1);
    expect((await browse(participant, { q: word })).items.map((m) => m.id)).toEqual([chosen[0]!.id]);
    const page = mainText((await get("/modules", participant)).html);
    expect(page).toContain("You see the modules your organisation chose for its programme.");
    expect(page).toContain(chosen[0]!.title);
    expect(page).not.toContain(others[0]!.title);

    const everything = await browse(admin, { topic: `topic-${word}` });
    expect(everything.programmeOnly).toBe(false);
    expect(everything.items.map((m) => m.id)).toEqual([chosen[0]!.id, others[0]!.id, others[1]!.id, chosen[1]!.id]);
    expect((await browse(admin)).total).toBeGreaterThan(1);
  });

  test("a module the organisation cannot read cannot join its programme", async () => {
    const { admin, chosen } = await orgWithModules();
    const { module: elsewhere } = await privateModuleOfA();
    await choose(admin, "programme_first", [chosen[0]!.id]);
    const programme = async () =>
      (await t.db.select({ id: programmeModules.moduleId }).from(programmeModules).where(eq(programmeModules.orgId, admin.orgId))).map((r) => r.id);

    await expect(setProgramme(t.db, admin, [chosen[0]!.id, elsewhere.id])).rejects.toMatchObject({ status: 404 });
    await expect(setProgramme(t.db, admin, [elsewhere.id])).rejects.toMatchObject({ status: 404 });
    const res = await postForm(server, "/org/programme", { programmeMode: "programme_first", moduleIds: [elsewhere.id] }, await sessionCookieFor(t.db, admin.id));
    expect(res.status).toBe(404);
    expect(await programme()).toEqual([chosen[0]!.id]);
  });
});
