// The group's cycle page over HTTP: the facilitator schedules the cycle's
// meetings, a member cannot, a seventh meeting is refused, and everyone
// outside the group (other groups' members, the organisation's admins,
// other organisations) gets a 404.
import { asc, eq } from "drizzle-orm";
import { cohorts, cycleMeetings, cycles, meetingEvaluations, reunions } from "../../db/schema";
import { createUser, sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createCycle, createProgrammeGroup, monthlyMeetings, programmeSetting, recordAttendanceRows } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
});
afterAll(async () => {
  await server.stop();
  await t.drop();
});

const DAY = 86_400_000;
const futureDate = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const page = async (path: string, cookie: string) => {
  const res = await server.request(path, { headers: { Cookie: cookie } });
  const html = await res.text();
  return { status: res.status, html, text: mainText(html) };
};
const schedule = (groupId: string, cookie: string, fields: Record<string, string> = {}) =>
  postForm(server, `/groups/${groupId}/cycle`, { intent: "schedule", date: futureDate(20), startTime: "09:30", timeZone: "Europe/Amsterdam", location: "Rotterdam, room Maas", onlineUrl: "", ...fields }, cookie);
const cyclesOf = (groupId: string) => t.db.select().from(cycles).where(eq(cycles.groupId, groupId));

test("the facilitator schedules the cycle's six meetings; a seventh is refused", async () => {
  const s = await programmeSetting(t.db);
  const facilitator = await sessionCookieFor(t.db, s.facilitator.id);
  const before = await page(`/groups/${s.group.id}/cycle`, facilitator);
  expect(before.status).toBe(200);
  expect(before.text).toContain("Schedule the cycle");
  expect(before.text).toContain("You are the facilitator.");

  const res = await schedule(s.group.id, facilitator);
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(`/groups/${s.group.id}/cycle?saved=scheduled#meetings`);
  const [cycle] = await cyclesOf(s.group.id);
  expect(cycle).toMatchObject({ number: 1, state: "planned", meetingsPlanned: 6 });
  const meetings = await t.db.select().from(cycleMeetings).innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId)).where(eq(cycleMeetings.cycleId, cycle!.id)).orderBy(asc(cycleMeetings.number));
  expect(meetings.map((m) => m.cycle_meetings.number)).toEqual([1, 2, 3, 4, 5, 6]);
  expect(meetings.every((m) => m.cycle_meetings.hostId === s.facilitator.id && m.reunions.location === "Rotterdam, room Maas" && m.reunions.timeZone === "Europe/Amsterdam")).toBe(true);

  const after = await page(`/groups/${s.group.id}/cycle?saved=scheduled`, facilitator);
  expect(after.text).toContain("The cycle's meetings are scheduled");
  expect(after.text).toMatch(/Meeting 1 .*Meeting 6/);
  expect(after.html).toContain(`href="/programme/meetings/${meetings[0]!.reunions.id}"`);
  expect(after.text).toContain(`${s.facilitator.name} (Facilitator)`);
  expect(after.text).not.toContain("Schedule the cycle");

  const seventh = await schedule(s.group.id, facilitator, { date: futureDate(300) });
  expect(seventh.status).toBe(400);
  expect(mainText(await seventh.text())).toMatch(/This cycle has 6 meetings and all of them are scheduled/);
  expect(await t.db.select().from(cycleMeetings).where(eq(cycleMeetings.cycleId, cycle!.id))).toHaveLength(6);
  expect(await cyclesOf(s.group.id)).toHaveLength(1);
});

test("bad input is refused with its message and the input kept; nothing is created", async () => {
  const s = await programmeSetting(t.db);
  const facilitator = await sessionCookieFor(t.db, s.facilitator.id);
  const noPlace = await schedule(s.group.id, facilitator, { location: "", date: futureDate(33) });
  expect(noPlace.status).toBe(400);
  const html = await noPlace.text();
  expect(mainText(html)).toContain("Say where the group meets: a place, a video link, or both.");
  expect(html).toContain(`value="${futureDate(33)}"`);
  const past = await schedule(s.group.id, facilitator, { date: futureDate(-3) });
  expect(past.status).toBe(400);
  expect(mainText(await past.text())).toMatch(/in the past/);
  const badTime = await schedule(s.group.id, facilitator, { startTime: "23:00" });
  expect(badTime.status).toBe(400);
  expect(mainText(await badTime.text())).toMatch(/leaves 90 minutes before midnight/);
  expect(await cyclesOf(s.group.id)).toHaveLength(0);
});

test("a member sees the cycle but no scheduling controls, and cannot schedule", async () => {
  const s = await programmeSetting(t.db);
  const member = await sessionCookieFor(t.db, s.people[0]!.id);
  const seen = await page(`/groups/${s.group.id}/cycle`, member);
  expect(seen.status).toBe(200);
  expect(seen.text).toContain("The facilitator has not scheduled the meetings yet.");
  expect(seen.text).not.toContain("Schedule the cycle");
  expect(seen.html).not.toContain('name="startTime"');
  const res = await schedule(s.group.id, member);
  expect(res.status).toBe(403);
  expect(await cyclesOf(s.group.id)).toHaveLength(0);
});

test("another group's member, the organisation's admin and another organisation get a 404", async () => {
  const s = await programmeSetting(t.db);
  const otherMember = await createUser(t.db, { orgId: s.org.id, roles: ["participant"] });
  const otherFacilitator = await createUser(t.db, { orgId: s.org.id, roles: ["facilitator"] });
  await createProgrammeGroup(t.db, { orgId: s.org.id, cohortId: s.cohort.id, facilitatorId: otherFacilitator.id, memberIds: [otherMember.id] });
  for (const who of [otherMember, otherFacilitator, s.admin, s.outsiderAdmin, s.outsider]) {
    const cookie = await sessionCookieFor(t.db, who.id);
    expect((await page(`/groups/${s.group.id}/cycle`, cookie)).status).toBe(404);
    expect((await schedule(s.group.id, cookie)).status).toBe(404);
  }
  expect(await cyclesOf(s.group.id)).toHaveLength(0);
});

test("evaluation averages show from three answers on; below that they are withheld", async () => {
  const s = await programmeSetting(t.db, { members: 4 });
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 2) });
  await recordAttendanceRows(t.db, meetings[0]!.id, Object.fromEntries(s.people.map((p, i) => [p.id, i < 3 ? "present" : "absent"])));
  await t.db.insert(meetingEvaluations).values([
    { reunionId: meetings[0]!.id, usefulness: 4, safety: 5, willTry: true },
    { reunionId: meetings[0]!.id, usefulness: 5, safety: 4, willTry: true },
    { reunionId: meetings[0]!.id, usefulness: 3, safety: 4, willTry: false },
    { reunionId: meetings[1]!.id, usefulness: 1, safety: 1, willTry: false },
  ]);
  const seen = await page(`/groups/${s.group.id}/cycle`, await sessionCookieFor(t.db, s.people[0]!.id));
  expect(seen.text).toContain("3 of 4");
  expect(seen.text).toContain("4.0 of 5");
  expect(seen.text).toContain("4.3 of 5");
  expect(seen.text).not.toContain("1.0 of 5");
  expect(seen.text).toContain("Shown from 3 people on");
});

test("in a programme group the facilitator is shown as such, and only they schedule on the meetings page", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  const member = await sessionCookieFor(t.db, s.people[0]!.id);
  const facilitator = await sessionCookieFor(t.db, s.facilitator.id);
  const members = await page(`/groups/${s.group.id}/members`, member);
  expect(members.status).toBe(200);
  expect(members.text).toContain(`${s.facilitator.name} Facilitator`);
  expect(members.html).toContain(`href="/groups/${s.group.id}/cycle"`);

  const asMember = await page(`/groups/${s.group.id}/meetings`, member);
  expect(asMember.text).not.toContain("Schedule a meeting");
  expect(asMember.text).toContain("the group's cycle page");
  const fields = { intent: "schedule", title: "Extra", date: futureDate(12), startTime: "10:00", endTime: "11:00", timeZone: "Europe/Amsterdam", location: "Room 1", onlineUrl: "", repeatCount: "1", moduleId: "" };
  expect((await postForm(server, `/groups/${s.group.id}/meetings`, fields, member)).status).toBe(403);
  expect(await t.db.select().from(reunions).where(eq(reunions.groupId, s.group.id))).toHaveLength(0);

  expect((await page(`/groups/${s.group.id}/meetings`, facilitator)).text).toContain("Schedule a meeting");
  expect((await postForm(server, `/groups/${s.group.id}/meetings`, fields, facilitator)).status).toBe(302);
  expect(await t.db.select().from(reunions).where(eq(reunions.groupId, s.group.id))).toHaveLength(1);
});

test("a finished cycle's page shows its report: attendance, evaluation trend, goals met, take-aways tried, who hosted", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  const host = s.people[1]!;
  const plans = monthlyMeetings(6, 6).map((p, i) => ({ ...p, hostId: i === 5 ? host.id : s.facilitator.id }));
  const { cycle, meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "ended", meetings: plans, outcome: "1 voted to continue and 2 to stop, of 3 members.", endedAt: new Date() });
  for (const m of meetings) await recordAttendanceRows(t.db, m.id, Object.fromEntries(s.people.map((p, i) => [p.id, i < 2 ? "present" : "absent"])));
  await t.db.insert(meetingEvaluations).values([1, 2, 3].map((n) => ({ reunionId: meetings[0]!.id, usefulness: n + 2, safety: 5, willTry: true })));
  await t.db.update(cycles).set({ groupGoal: "Bring a real case each time", groupGoalRating: 4 }).where(eq(cycles.id, cycle.id));
  const seen = await page(`/groups/${s.group.id}/cycle`, await sessionCookieFor(t.db, s.people[0]!.id));
  expect(seen.status).toBe(200);
  expect(seen.text).toContain("Cycle report");
  expect(seen.text).toContain("1 voted to continue and 2 to stop, of 3 members.");
  expect(seen.text).toContain("meeting 1: 2 of 3");
  expect(seen.text).toContain("meeting 1: 4.0 / 5.0; meeting 2: withheld");
  expect(seen.text).toContain("Goals met: withheld");
  expect(seen.text).toContain("Take-aways tried: withheld");
  expect(seen.text).toContain(`meeting 6 by ${host.name}`);
  expect(seen.text).toContain(`${host.name} (member host)`);
  expect(seen.text).toContain("The facilitator rated it 4 of 5.");
  expect(seen.text).not.toContain("Schedule the cycle");
});

test("a cohort that meets every two months has its cycle planned two months apart", async () => {
  const s = await programmeSetting(t.db);
  await t.db.update(cohorts).set({ intervalMonths: 2, meetingsPerCycle: 3 }).where(eq(cohorts.id, s.cohort.id));
  const facilitator = await sessionCookieFor(t.db, s.facilitator.id);
  expect((await page(`/groups/${s.group.id}/cycle`, facilitator)).text).toContain("one every 2 months");
  expect((await schedule(s.group.id, facilitator, { date: "2030-01-15" })).status).toBe(302);
  const [cycle] = await cyclesOf(s.group.id);
  const rows = await t.db.select({ startsAt: reunions.startsAt }).from(cycleMeetings).innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId)).where(eq(cycleMeetings.cycleId, cycle!.id)).orderBy(asc(cycleMeetings.number));
  expect(rows.map((r) => r.startsAt!.toISOString())).toEqual(["2030-01-15T08:30:00.000Z", "2030-03-15T08:30:00.000Z", "2030-05-15T07:30:00.000Z"]);
});
