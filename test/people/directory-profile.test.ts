// A directory profile at /people/:userId and in the results at /people:
// only what its owner chose to show, and a 404 for anyone it is not for.
import { mentorOffers, mentorships } from "../../db/schema";
import { createGroup, createOrg, createPeerGroup, createUser, sessionCookieFor, uniqueWord } from "../support/factories";
import { mainText } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { createStructure, directoryPerson, SHOW_ALL } from "./directory-setting";

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

const get = async (path: string, cookie: string) => {
  const res = await server.request(path, { headers: { Cookie: cookie } });
  return { status: res.status, html: await res.text() };
};

/** An owner with every detail filled in, and a colleague of the same organisation looking. */
async function ownerWithEverything(settings: Parameters<typeof directoryPerson>[1]["settings"]) {
  const org = await createOrg(t.db, { name: `Harbourline ${uniqueWord()}` });
  const { department, site } = await createStructure(t.db, org.id);
  const word = { bio: uniqueWord("bio"), tag: uniqueWord("tag") };
  const owner = await directoryPerson(t.db, {
    orgId: org.id,
    name: `Olivia ${uniqueWord()}`,
    bio: `I keep pumps running and ${word.bio} is my passion.`,
    expertise: [word.tag, "reliability"],
    departmentId: department.id,
    siteId: site.id,
    settings: { ...settings, mindsetInterests: ["collaboration"] },
  });
  const colleague = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  return { org, department, site, word, owner, colleague, cookie: await sessionCookieFor(t.db, colleague.id) };
}

test("a profile shows only what its owner chose, on the profile page and in the search results", async () => {
  const { org, department, site, word, owner, colleague, cookie } = await ownerWithEverything({
    showOrganisation: true,
    showDepartment: false,
    showSite: true,
    showExpertise: false,
    showBio: true,
    showMentoring: false,
    showGroups: false,
  });
  await t.db.insert(mentorOffers).values({ userId: owner.id, topics: ["maintenance planning"], capacity: 2, format: "Monthly calls" });
  const group = await createPeerGroup(t.db, { orgId: org.id, convenerIds: [owner.id], name: `Pump guild ${uniqueWord()}` });

  const profile = await get(`/people/${owner.id}`, cookie);
  expect(profile.status).toBe(200);
  const page = mainText(profile.html);
  expect(page).toContain(owner.name);
  expect(page).toContain(org.name);
  expect(page).toContain(site.name);
  expect(page).toContain(word.bio);
  expect(page).toContain("Collaboration");
  // Hidden parts are not on the page, nor anywhere in the HTML (the data for hydration included).
  for (const hidden of [department.name, word.tag, "maintenance planning", "Monthly calls", group.name]) expect(profile.html).not.toContain(hidden);
  expect(page).not.toContain("Mentoring offer");

  const results = await get(`/people?q=${encodeURIComponent(owner.name)}`, cookie);
  expect(results.status).toBe(200);
  const list = mainText(results.html);
  expect(list).toContain("1 person");
  expect(list).toContain(owner.name);
  expect(list).toContain(site.name);
  expect(list).toContain(word.bio);
  for (const hidden of [department.name, word.tag, group.name]) expect(results.html).not.toContain(hidden);
  expect(colleague.id).not.toBe(owner.id);
});

test("with everything shown: the mentoring offer with its free places, and only the groups the viewer may see", async () => {
  const { org, department, word, owner, cookie } = await ownerWithEverything(SHOW_ALL);
  const mentee = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const formerMentee = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const asker = await createUser(t.db, { orgId: org.id, roles: ["participant"] });
  await t.db.insert(mentorOffers).values({ userId: owner.id, topics: ["maintenance planning", "budgets"], capacity: 3, format: "Monthly calls" });
  await t.db.insert(mentorships).values([
    { mentorId: owner.id, menteeId: mentee.id, status: "active" },
    { mentorId: owner.id, menteeId: formerMentee.id, status: "ended" },
    // A waiting ask holds a place, as on the mentoring pages.
    { mentorId: owner.id, menteeId: asker.id, status: "asked" },
  ]);
  const peerGroup = await createPeerGroup(t.db, { orgId: org.id, convenerIds: [owner.id], name: `Pump guild ${uniqueWord()}` });
  const programmeGroup = await createGroup(t.db, { orgId: org.id, name: `Cohort ${uniqueWord()}`, memberIds: [owner.id] });
  // A cross-organisation group of another organisation: neither organisation allows connections.
  const otherOrg = await createOrg(t.db);
  const founder = await createUser(t.db, { orgId: otherOrg.id, roles: ["alumnus"] });
  const elsewhereGroup = await createPeerGroup(t.db, { orgId: otherOrg.id, convenerIds: [founder.id], memberIds: [owner.id], crossOrg: true, name: `Faraway ${uniqueWord()}` });

  const { status, html } = await get(`/people/${owner.id}`, cookie);
  expect(status).toBe(200);
  const page = mainText(html);
  expect(page).toContain(department.name);
  expect(page).toContain(word.tag);
  expect(page).toContain("Mentoring offer");
  expect(page).toContain("maintenance planning, budgets");
  expect(page).toContain("Monthly calls");
  expect(page).toMatch(/Free places 1\b/);
  expect(html).toContain('href="/mentoring"');
  expect(page).toContain(`${peerGroup.name} · Asset maintenance (Convener)`);
  expect(html).not.toContain(programmeGroup.name);
  expect(html).not.toContain(elsewhereGroup.name);
});

test("an offer that is paused is not shown, even with the mentoring offer shown", async () => {
  const { owner, cookie } = await ownerWithEverything(SHOW_ALL);
  await t.db.insert(mentorOffers).values({ userId: owner.id, topics: ["shutdowns"], capacity: 1, format: "Walks", active: false });
  const { status, html } = await get(`/people/${owner.id}`, cookie);
  expect(status).toBe(200);
  expect(mainText(html)).not.toContain("Mentoring offer");
  expect(html).not.toContain("shutdowns");
});

test("an unlisted person, someone without directory settings, an unknown id and a malformed id are all a 404", async () => {
  const org = await createOrg(t.db);
  const unlisted = await directoryPerson(t.db, { orgId: org.id, settings: { listed: false, ...SHOW_ALL } });
  const neverChose = await directoryPerson(t.db, { orgId: org.id, settings: null });
  const viewer = await createUser(t.db, { orgId: org.id, roles: ["alumnus", "org_admin"] });
  const cookie = await sessionCookieFor(t.db, viewer.id);
  for (const path of [`/people/${unlisted.id}`, `/people/${neverChose.id}`, "/people/00000000-0000-4000-8000-000000000000", "/people/not-a-uuid"]) {
    const { status, html } = await get(path, cookie);
    expect(status, path).toBe(404);
    expect(mainText(html)).toContain("We could not find that person in the directory.");
    expect(html).not.toContain(unlisted.name);
  }
  const list = mainText((await get("/people", cookie)).html);
  expect(list).not.toContain(unlisted.name);
  expect(list).not.toContain(neverChose.name);
});

test("an unlisted person still sees their own profile, and is told nobody else does", async () => {
  const org = await createOrg(t.db);
  const me = await directoryPerson(t.db, { orgId: org.id, settings: { listed: false } });
  const { status, html } = await get(`/people/${me.id}`, await sessionCookieFor(t.db, me.id));
  expect(status).toBe(200);
  expect(mainText(html)).toContain("You are not listed in the directory, so only you can see this page.");
});

test("anonymous visitors are sent to sign in", async () => {
  const res = await server.request("/people");
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fpeople");
});
