// Wishes for group formation: a person enrolled in a cohort still to be
// formed names colleagues they would like to meet or would rather not be
// grouped with, only when their organisation asks for it; bad choices get a
// clear answer with the input kept; the formation engine reads the wishes
// only while the setting is on; nobody else is shown them.
import { and, eq } from "drizzle-orm";
import { readFormationPreferences } from "~/domain/programme/cohorts/formation-preferences.server";
import { cohortMembers, cohorts, formationPreferences, organisations } from "../../db/schema";
import { createUser, sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createCohort, createProgrammeGroup, programmeSetting } from "../support/programme-factories";
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

const PAGE = "/programme/preferences";
const WHO_SEES = "Only the organisation admins who form the groups see these names. They are wishes, not promises.";

const setPreferences = (orgId: string, on: boolean) => t.db.update(organisations).set({ formationPreferences: on }).where(eq(organisations.id, orgId));
const get = async (path: string, userId: string) => server.request(path, { headers: { Cookie: await sessionCookieFor(t.db, userId) } });
const post = async (path: string, userId: string, fields: Record<string, string | string[]>) => postForm(server, path, fields, await sessionCookieFor(t.db, userId));
/** The three selects of a list, as the page sends them: unused ones empty. */
const three = (...ids: string[]) => [...ids, "", "", ""].slice(0, Math.max(3, ids.length));
const storedFor = async (cohortId: string, userId: string) =>
  (await t.db.select().from(formationPreferences).where(and(eq(formationPreferences.cohortId, cohortId), eq(formationPreferences.userId, userId))))
    .map((p) => `${p.kind}:${p.targetId}`)
    .sort();
/** The option chosen in each select of a list, as the page shows it. */
function selectedIn(html: string, name: string) {
  return [...html.matchAll(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`, "g"))].map((m) => /<option[^>]*value="([^"]*)"[^>]*selected=""/.exec(m[1]!)?.[1] ?? "");
}

/** An organisation that asks for wishes, with a cohort of six (people[0] is the one choosing). */
async function askingOrg() {
  const s = await programmeSetting(t.db);
  await setPreferences(s.org.id, true);
  const [me, a, b, c, d, e] = s.people.map((p) => p.id) as [string, string, string, string, string, string];
  return { ...s, me, a, b, c, d, e };
}

test("an enrolled person names colleagues, sees them on the page, and a second save replaces the first", async () => {
  const s = await askingOrg();
  const page = await get(PAGE, s.me);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(mainText(html)).toContain(WHO_SEES);
  // The others of the cohort are offered, never the person themselves.
  for (const id of [s.a, s.b, s.c, s.d, s.e]) expect(html).toContain(`value="${id}"`);
  expect(html).not.toContain(`value="${s.me}"`);

  const saved = await post(`${PAGE}?cohort=${s.cohort.id}`, s.me, { want: three(s.a, s.b), ratherNot: three(s.c) });
  expect(saved.status).toBe(302);
  expect(saved.headers.get("location")).toBe(`${PAGE}?cohort=${s.cohort.id}&saved=1`);
  expect(await storedFor(s.cohort.id, s.me)).toEqual([`rather_not:${s.c}`, `want:${s.a}`, `want:${s.b}`].sort());
  const after = await (await get(`${PAGE}?cohort=${s.cohort.id}&saved=1`, s.me)).text();
  expect(mainText(after)).toContain("Your wishes are saved.");
  expect(selectedIn(after, "want").filter(Boolean).sort()).toEqual([s.a, s.b].sort());
  expect(selectedIn(after, "ratherNot")).toEqual([s.c, "", ""]);

  await post(`${PAGE}?cohort=${s.cohort.id}`, s.me, { want: three(s.d), ratherNot: three() });
  expect(await storedFor(s.cohort.id, s.me)).toEqual([`want:${s.d}`]);
  await post(`${PAGE}?cohort=${s.cohort.id}`, s.me, { want: three(), ratherNot: three() });
  expect(await storedFor(s.cohort.id, s.me)).toEqual([]);
});

type Org = Awaited<ReturnType<typeof askingOrg>>;

test.each([
  ["more than three to meet", (s: Org) => ({ want: [s.a, s.b, s.c, s.d], ratherNot: three() }), "Choose at most 3 colleagues you would like to meet."],
  ["more than three to avoid", (s: Org) => ({ want: three(), ratherNot: [s.a, s.b, s.c, s.d] }), "Choose at most 3 colleagues you would rather not be grouped with."],
  ["someone not in the cohort", (s: Org) => ({ want: three(s.a, s.outsider.id), ratherNot: three() }), "One of the people you chose is not enrolled in this cohort: choose colleagues from the list."],
  ["the same person in both lists", (s: Org) => ({ want: three(s.a, s.b), ratherNot: three(s.b) }), "is in both lists: choose whether you would like to meet them or would rather not."],
  ["themselves", (s: Org) => ({ want: three(s.a), ratherNot: three(s.me) }), "You cannot choose yourself: choose colleagues from the list."],
  ["the same person twice", (s: Org) => ({ want: three(s.a, s.a), ratherNot: three() }), "twice: choose each colleague once."],
  ["something that is not a person", (s: Org) => ({ want: three(s.a, "Bob"), ratherNot: three() }), "Choose colleagues from the list."],
])("choosing %s is refused with a clear message, the input kept and the saved wishes unchanged", async (_what, fields, message) => {
  const s = await askingOrg();
  await post(`${PAGE}?cohort=${s.cohort.id}`, s.me, { want: three(s.e), ratherNot: three() });
  const choices = fields(s);
  const res = await post(`${PAGE}?cohort=${s.cohort.id}`, s.me, choices);
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(mainText(html)).toContain(message);
  // What was sent is still selected, in its place (a fourth choice has no select to show it in).
  const shown = (list: string[]) => list.slice(0, 3).map((id) => (id === s.me || id === s.outsider.id || id === "Bob" ? "" : id));
  expect(selectedIn(html, "want")).toEqual(shown(choices.want));
  expect(selectedIn(html, "ratherNot")).toEqual(shown(choices.ratherNot));
  expect(await storedFor(s.cohort.id, s.me)).toEqual([`want:${s.e}`]);
});

test("the name of the person chosen twice or in both lists is in the message", async () => {
  const s = await askingOrg();
  const name = (id: string) => s.people.find((p) => p.id === id)!.name;
  const both = await post(`${PAGE}?cohort=${s.cohort.id}`, s.me, { want: three(s.b), ratherNot: three(s.b) });
  expect(mainText(await both.text())).toContain(`${name(s.b)} is in both lists`);
  const twice = await post(`${PAGE}?cohort=${s.cohort.id}`, s.me, { want: three(), ratherNot: three(s.c, s.c) });
  expect(mainText(await twice.text())).toContain(`You chose ${name(s.c)} twice`);
});

test("with the setting off the page is a 404, /programme has no link, and the engine reads nothing; turned on again, the wishes are back", async () => {
  const s = await askingOrg();
  expect(mainText(await (await get("/programme", s.me)).text())).toContain("Name colleagues you would like to meet, or would rather not be grouped with");
  await post(`${PAGE}?cohort=${s.cohort.id}`, s.me, { want: three(s.a), ratherNot: three(s.b) });
  await post(`${PAGE}?cohort=${s.cohort.id}`, s.c, { want: three(s.me), ratherNot: three() });
  const wishes = [
    { userId: s.me, targetId: s.a, kind: "want" },
    { userId: s.me, targetId: s.b, kind: "rather_not" },
    { userId: s.c, targetId: s.me, kind: "want" },
  ];
  const byPerson = (list: { userId: string; targetId: string; kind: string }[]) => [...list].sort((x, y) => `${x.userId}${x.kind}${x.targetId}`.localeCompare(`${y.userId}${y.kind}${y.targetId}`));
  expect(byPerson(await readFormationPreferences(t.db, s.cohort.id))).toEqual(byPerson(wishes));

  await setPreferences(s.org.id, false);
  const page = await get(PAGE, s.me);
  expect(page.status).toBe(404);
  expect(mainText(await page.text())).toContain("There is nothing to set here");
  expect((await post(`${PAGE}?cohort=${s.cohort.id}`, s.me, { want: three(), ratherNot: three() })).status).toBe(404);
  expect(mainText(await (await get("/programme", s.me)).text())).not.toContain("Name colleagues you would like to meet");
  expect(await readFormationPreferences(t.db, s.cohort.id)).toEqual([]);
  // Hidden, not deleted (and the refused post cleared nothing).
  expect(await storedFor(s.cohort.id, s.me)).toEqual([`rather_not:${s.b}`, `want:${s.a}`]);

  await setPreferences(s.org.id, true);
  expect(byPerson(await readFormationPreferences(t.db, s.cohort.id))).toEqual(byPerson(wishes));
});

test("the engine reads only wishes between people still enrolled", async () => {
  const s = await askingOrg();
  await post(`${PAGE}?cohort=${s.cohort.id}`, s.me, { want: three(s.a, s.b), ratherNot: three() });
  await post(`${PAGE}?cohort=${s.cohort.id}`, s.b, { want: three(), ratherNot: three(s.c) });
  await t.db.delete(cohortMembers).where(and(eq(cohortMembers.cohortId, s.cohort.id), eq(cohortMembers.userId, s.b)));
  expect(await readFormationPreferences(t.db, s.cohort.id)).toEqual([{ userId: s.me, targetId: s.a, kind: "want" }]);
});

test("another organisation's cohort, a cohort the person is not in, or an ended one is a 404", async () => {
  const s = await askingOrg();
  // The other organisation asks for wishes too, and its participant is enrolled in its own cohort.
  await setPreferences(s.other.id, true);
  const theirs = await createCohort(t.db, { orgId: s.other.id });
  const colleague = await createUser(t.db, { orgId: s.other.id, roles: ["participant"] });
  await createProgrammeGroup(t.db, { orgId: s.other.id, cohortId: theirs.id, facilitatorId: null, memberIds: [s.outsider.id, colleague.id] });
  expect((await get(`${PAGE}?cohort=${theirs.id}`, s.me)).status).toBe(404);
  expect((await post(`${PAGE}?cohort=${theirs.id}`, s.me, { want: three(s.outsider.id), ratherNot: three() })).status).toBe(404);
  expect((await get(`${PAGE}?cohort=${s.cohort.id}`, s.outsider.id)).status).toBe(404);
  expect((await post(`${PAGE}?cohort=${s.cohort.id}`, s.outsider.id, { want: three(s.me), ratherNot: three() })).status).toBe(404);
  expect((await get(`${PAGE}?cohort=${theirs.id}`, s.outsider.id)).status).toBe(200);

  // Not enrolled: a colleague of the organisation, the group's facilitator, the admin.
  const stranger = await createUser(t.db, { orgId: s.org.id, roles: ["participant"] });
  for (const id of [stranger.id, s.facilitator.id, s.admin.id]) {
    expect((await get(PAGE, id)).status).toBe(404);
    expect((await get(`${PAGE}?cohort=${s.cohort.id}`, id)).status).toBe(404);
    expect((await post(`${PAGE}?cohort=${s.cohort.id}`, id, { want: three(s.me), ratherNot: three() })).status).toBe(404);
  }
  expect(await t.db.select().from(formationPreferences).where(eq(formationPreferences.targetId, s.me))).toEqual([]);

  // Sponsorship ended: the groups will not be formed again.
  await t.db.update(cohorts).set({ sponsorshipEndedAt: new Date() }).where(eq(cohorts.id, s.cohort.id));
  expect((await get(PAGE, s.me)).status).toBe(404);
  expect(mainText(await (await get("/programme", s.me)).text())).not.toContain("Name colleagues you would like to meet");
});

test("a person in two cohorts picks the cohort, and wishes stay with their cohort", async () => {
  const s = await askingOrg();
  const second = await createCohort(t.db, { orgId: s.org.id, name: "Zeta cohort" });
  const newcomer = await createUser(t.db, { orgId: s.org.id, roles: ["participant"] });
  await createProgrammeGroup(t.db, { orgId: s.org.id, cohortId: second.id, facilitatorId: null, memberIds: [s.me, newcomer.id] });
  const html = await (await get(`${PAGE}?cohort=${second.id}`, s.me)).text();
  expect(html).toMatch(new RegExp(`<option value="${second.id}" selected="">Zeta cohort</option>`));
  expect(html).toContain(`value="${newcomer.id}"`);
  expect(html).not.toContain(`value="${s.a}"`);
  // Someone of the first cohort is not a colleague in the second.
  const wrong = await post(`${PAGE}?cohort=${second.id}`, s.me, { want: three(s.a), ratherNot: three() });
  expect(wrong.status).toBe(400);
  await post(`${PAGE}?cohort=${second.id}`, s.me, { want: three(newcomer.id), ratherNot: three() });
  await post(`${PAGE}?cohort=${s.cohort.id}`, s.me, { want: three(s.a), ratherNot: three() });
  expect(await storedFor(second.id, s.me)).toEqual([`want:${newcomer.id}`]);
  expect(await storedFor(s.cohort.id, s.me)).toEqual([`want:${s.a}`]);
});

test("the people named are not shown who named them", async () => {
  const s = await askingOrg();
  await post(`${PAGE}?cohort=${s.cohort.id}`, s.me, { want: three(s.a), ratherNot: three(s.b) });
  for (const id of [s.a, s.b]) {
    const html = await (await get(PAGE, id)).text();
    expect(selectedIn(html, "want")).toEqual(["", "", ""]);
    expect(selectedIn(html, "ratherNot")).toEqual(["", "", ""]);
  }
});
