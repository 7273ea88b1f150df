// The cohort pages over HTTP: another organisation's cohort is a 404, a
// member of one group gets a 404 on another group's offer, bad input answers
// 400 with the input kept and nothing changed.
import { eq } from "drizzle-orm";
import { cohortMembers, cohorts, groupConversions, groupMembers } from "../../db/schema";
import { createUser, sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createProgrammeGroup, programmeSetting } from "../support/programme-factories";
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

const get = (path: string, cookie: string) => server.request(path, { headers: { Cookie: cookie } });

test("another organisation's admin gets a 404 on the cohort's pages and changes nothing", async () => {
  const s = await programmeSetting(t.db);
  const outsider = await sessionCookieFor(t.db, s.outsiderAdmin.id);
  for (const path of [`/org/cohorts/${s.cohort.id}`, `/org/cohorts/${s.cohort.id}/groups`]) expect((await get(path, outsider)).status).toBe(404);
  expect((await postForm(server, `/org/cohorts/${s.cohort.id}`, { intent: "end-sponsorship", confirm: "on" }, outsider)).status).toBe(404);
  expect((await postForm(server, `/org/cohorts/${s.cohort.id}`, { intent: "pick", userIds: s.outsider.id }, outsider)).status).toBe(404);
  const [row] = await t.db.select().from(cohorts).where(eq(cohorts.id, s.cohort.id));
  expect(row!.sponsorshipEndedAt).toBeNull();
  // Their own list does not show it.
  expect(await (await get("/org/cohorts", outsider)).text()).not.toContain(s.cohort.name);
});

test("a member of one group gets a 404 on another group's offer to carry on", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  const stranger = await createUser(t.db, { orgId: s.org.id, roles: ["participant"] });
  await createProgrammeGroup(t.db, { orgId: s.org.id, cohortId: s.cohort.id, facilitatorId: null, memberIds: [stranger.id] });
  await t.db.insert(groupConversions).values({ groupId: s.group.id, closesAt: new Date(Date.now() + 86_400_000) });
  const cookie = await sessionCookieFor(t.db, stranger.id);
  expect((await get(`/groups/${s.group.id}/carry-on`, cookie)).status).toBe(404);
  expect((await postForm(server, `/groups/${s.group.id}/carry-on`, { answer: "consent" }, cookie)).status).toBe(404);
  const member = await sessionCookieFor(t.db, s.people[0]!.id);
  const page = mainText(await (await get(`/groups/${s.group.id}/carry-on`, member)).text());
  expect(page).toContain("So far 0 of 3 members agree");
  const answered = await postForm(server, `/groups/${s.group.id}/carry-on`, { answer: "consent" }, member);
  expect(answered.headers.get("location")).toBe(`/groups/${s.group.id}/carry-on?saved=1`);
});

test("creating a cohort with bad settings answers 400 with the input kept; a good one opens its page", async () => {
  const s = await programmeSetting(t.db);
  const cookie = await sessionCookieFor(t.db, s.admin.id);
  const fields = { name: "Leaders 2028", meetingsPerCycle: "6", intervalMonths: "1", meetingMinutes: "90", groupSizeMin: "8", groupSizeMax: "5", alumniThreshold: "4", handoverFromMeeting: "4", timeZone: "Europe/Paris" };
  const bad = await postForm(server, "/org/cohorts?index", fields, cookie);
  expect(bad.status).toBe(400);
  const html = await bad.text();
  expect(html).toContain("The largest group size cannot be below the smallest.");
  expect(html).toContain('value="Leaders 2028"');
  const good = await postForm(server, "/org/cohorts?index", { ...fields, groupSizeMax: "9" }, cookie);
  expect(good.status).toBe(302);
  const [created] = await t.db.select().from(cohorts).where(eq(cohorts.name, "Leaders 2028"));
  expect(good.headers.get("location")).toBe(`/org/cohorts/${created!.id}?saved=created`);
  expect((await get(`/org/cohorts/${created!.id}`, cookie)).status).toBe(200);
});

test("a CSV with a bad row answers 400 with the report and the rows kept; ending sponsorship needs the confirmation", async () => {
  const s = await programmeSetting(t.db);
  const cookie = await sessionCookieFor(t.db, s.admin.id);
  const newcomer = await createUser(t.db, { orgId: s.org.id, roles: [] });
  const csv = `email\n${newcomer.email}\nghost@example.test`;
  const res = await postForm(server, `/org/cohorts/${s.cohort.id}`, { intent: "csv", csv }, cookie);
  expect(res.status).toBe(400);
  const text = mainText(await res.text());
  expect(text).toContain("nobody of your organisation has the address ghost@example.test");
  expect(text).toContain(newcomer.email);
  expect(await t.db.select().from(cohortMembers).where(eq(cohortMembers.userId, newcomer.id))).toEqual([]);

  const unconfirmed = await postForm(server, `/org/cohorts/${s.cohort.id}`, { intent: "end-sponsorship" }, cookie);
  expect(unconfirmed.status).toBe(400);
  expect(await unconfirmed.text()).toContain("Tick the box to confirm");
  const confirmed = await postForm(server, `/org/cohorts/${s.cohort.id}`, { intent: "end-sponsorship", confirm: "on" }, cookie);
  expect(confirmed.headers.get("location")).toBe(`/org/cohorts/${s.cohort.id}?saved=sponsorship`);
  expect(mainText(await (await get(`/org/cohorts/${s.cohort.id}`, cookie)).text())).toContain("Sponsorship ended on");
});

test("the formation screen moves a person without JavaScript", async () => {
  const s = await programmeSetting(t.db, { members: 6 });
  const cookie = await sessionCookieFor(t.db, s.admin.id);
  expect((await postForm(server, `/org/cohorts/${s.cohort.id}/groups`, { intent: "add-group", name: "Second circle" }, cookie)).status).toBe(302);
  const page = await (await get(`/org/cohorts/${s.cohort.id}/groups`, cookie)).text();
  const second = /<h3 id="group-([0-9a-f-]{36})">Second circle/.exec(page)?.[1];
  expect(second).toBeDefined();
  const moved = await postForm(server, `/org/cohorts/${s.cohort.id}/groups`, { intent: "move", userId: s.people[0]!.id, toGroup: "second CIRCLE" }, cookie);
  expect(moved.status).toBe(302);
  const [membership] = await t.db.select().from(groupMembers).where(eq(groupMembers.userId, s.people[0]!.id));
  expect(membership!.groupId).toBe(second);
  const unknown = await postForm(server, `/org/cohorts/${s.cohort.id}/groups`, { intent: "move", userId: s.outsider.id, toGroup: "Second circle" }, cookie);
  expect(unknown.status).toBe(400);
  const nowhere = await postForm(server, `/org/cohorts/${s.cohort.id}/groups`, { intent: "move", userId: s.people[1]!.id, toGroup: "Atlantis" }, cookie);
  expect(nowhere.status).toBe(400);
  expect(await nowhere.text()).toContain("There is no group called &quot;Atlantis&quot; in this cohort.");
});
