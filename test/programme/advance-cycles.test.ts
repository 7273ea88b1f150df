// Time moves cycles: the first meeting starts it, the last one's end opens
// the continue vote, and the vote is decided when everyone has voted or the
// window closes. A carried vote plans the next cycle while the cohort is
// sponsored.
import { and, asc, eq, inArray } from "drizzle-orm";
import { cohorts, cycleMeetings, cycles, cycleVotes, notifications, organisations, reunions, userRoles } from "../../db/schema";
import { advanceCycles } from "~/domain/programme/cycles/advance-cycles.server";
import { PROGRAMME_STEPS, runProgrammeJobs } from "~/domain/programme/programme-jobs.server";
import { createCycle, monthlyMeetings, programmeSetting, recordAttendanceRows } from "../support/programme-factories";
import { messageIn } from "~/domain/i18n/translators";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const DAY = 86_400_000;
const cycleRow = async (id: string) => (await t.db.select().from(cycles).where(eq(cycles.id, id)))[0]!;
const vote = (cycleId: string, userIds: string[], v: "continue" | "stop") =>
  userIds.length ? t.db.insert(cycleVotes).values(userIds.map((userId) => ({ cycleId, userId, vote: v }))) : Promise.resolve();

test("the cycles step runs first", () => {
  expect(PROGRAMME_STEPS[0]?.name).toBe("cycles");
});

test("planned → running when the first meeting starts, not before", async () => {
  const s = await programmeSetting(t.db);
  const start = new Date("2027-03-01T08:30:00Z");
  const { cycle } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "planned", meetings: [0, 1, 2].map((i) => ({ startsAt: new Date(start.getTime() + i * 30 * DAY) })) });
  await advanceCycles(t.db, { now: new Date(start.getTime() - 60_000) });
  expect((await cycleRow(cycle.id)).state).toBe("planned");
  const done = await runProgrammeJobs(t.db, { origin: "http://localhost", now: new Date(start.getTime() + 60_000) });
  expect(done.cycles).toBeGreaterThanOrEqual(1);
  expect(await cycleRow(cycle.id)).toMatchObject({ state: "running", startedAt: start });
  // Running it again changes nothing.
  await advanceCycles(t.db, { now: new Date(start.getTime() + 120_000) });
  expect((await cycleRow(cycle.id)).state).toBe("running");
});

test("a cancelled meeting nobody replaced: the cycle goes to its vote one interval after its last meeting, not before", async () => {
  const s = await programmeSetting(t.db);
  const start = new Date("2027-03-01T08:30:00Z");
  const { cycle } = await createCycle(t.db, {
    group: s.group,
    facilitatorId: s.facilitator.id,
    state: "running",
    meetingsPlanned: 3,
    meetings: [{ startsAt: start }, { startsAt: new Date(start.getTime() + 30 * DAY), cancelled: true }, { startsAt: new Date(start.getTime() + 60 * DAY) }],
  });
  const lastEnd = new Date(start.getTime() + 60 * DAY + 90 * 60_000);
  await advanceCycles(t.db, { now: new Date(lastEnd.getTime() + DAY) });
  expect((await cycleRow(cycle.id)).state).toBe("running");
  await advanceCycles(t.db, { now: new Date(lastEnd.getTime() + 32 * DAY) });
  expect((await cycleRow(cycle.id)).state).toBe("evaluating");
});

test("running → evaluating when the last meeting has ended: the vote opens for the window and members are told", async () => {
  const s = await programmeSetting(t.db, { members: 4 });
  await t.db.update(organisations).set({ continueVoteWindowDays: 10 }).where(eq(organisations.id, s.org.id));
  const now = new Date("2027-09-10T12:00:00Z");
  const plans = monthlyMeetings(6, 5, now);
  const { cycle } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "running", meetings: plans });
  await advanceCycles(t.db, { now });
  expect((await cycleRow(cycle.id)).state).toBe("running");
  const afterLast = new Date(plans[5]!.startsAt.getTime() + 91 * 60_000);
  await advanceCycles(t.db, { now: afterLast });
  const row = await cycleRow(cycle.id);
  expect(row).toMatchObject({ state: "evaluating", voteOpenedAt: afterLast, voteClosesAt: new Date(afterLast.getTime() + 10 * DAY) });
  const told = await t.db.select().from(notifications).where(eq(notifications.link, `/groups/${s.group.id}/cycle`));
  expect(told.map((n) => n.userId).sort()).toEqual(s.people.map((p) => p.id).sort());
  expect(told.every((n) => n.kind === "programme")).toBe(true);
});

test("a carried vote makes alumni and plans the next cycle one month after the last meeting, same time and place", async () => {
  const s = await programmeSetting(t.db, { members: 4 });
  const first = new Date("2027-01-04T08:30:00Z"); // 09:30 in Amsterdam
  const meetings = Array.from({ length: 6 }, (_, i) => ({ startsAt: new Date(Date.UTC(2027, i, 4, i >= 3 ? 7 : 8, 30)) }));
  expect(meetings[0]!.startsAt).toEqual(first);
  const { cycle, meetings: made } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "running", meetings });
  for (const m of made) await recordAttendanceRows(t.db, m.id, Object.fromEntries(s.people.map((p, i) => [p.id, i < 3 ? "present" : "absent"])));
  const afterLast = new Date("2027-06-04T12:00:00Z");
  await advanceCycles(t.db, { now: afterLast });
  expect((await cycleRow(cycle.id)).state).toBe("evaluating");

  // Three of four vote: the vote stays open until the fourth does or the window closes.
  await vote(cycle.id, s.people.slice(0, 3).map((p) => p.id), "continue");
  const later = new Date(afterLast.getTime() + 2 * DAY);
  await advanceCycles(t.db, { now: later });
  expect((await cycleRow(cycle.id)).state).toBe("evaluating");
  await vote(cycle.id, [s.people[3]!.id], "stop");
  await advanceCycles(t.db, { now: later });
  const finished = await cycleRow(cycle.id);
  expect(finished).toMatchObject({ state: "continued", endedAt: later });
  expect(messageIn("en", finished.outcome!)).toMatch(/3 voted to continue and 1 to stop, of 4 members/);
  const alumni = await t.db.select().from(userRoles).where(and(eq(userRoles.role, "alumnus"), inArray(userRoles.userId, s.people.map((p) => p.id))));
  expect(alumni.map((a) => a.userId).sort()).toEqual(s.people.slice(0, 3).map((p) => p.id).sort());

  const [next] = await t.db.select().from(cycles).where(and(eq(cycles.groupId, s.group.id), eq(cycles.number, 2)));
  expect(next).toMatchObject({ state: "planned", meetingsPlanned: 6 });
  const nextMeetings = await t.db
    .select()
    .from(cycleMeetings)
    .innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId))
    .where(eq(cycleMeetings.cycleId, next!.id))
    .orderBy(asc(cycleMeetings.number));
  expect(nextMeetings.map((m) => m.reunions.startsAt!.toISOString())).toEqual([
    "2027-07-04T07:30:00.000Z",
    "2027-08-04T07:30:00.000Z",
    "2027-09-04T07:30:00.000Z",
    "2027-10-04T07:30:00.000Z",
    "2027-11-04T08:30:00.000Z",
    "2027-12-04T08:30:00.000Z",
  ]);
  expect(nextMeetings.every((m) => m.cycle_meetings.hostId === s.facilitator.id && m.reunions.location === "Room 4")).toBe(true);

  // Twice does nothing twice.
  await advanceCycles(t.db, { now: later });
  expect(await t.db.select().from(cycles).where(eq(cycles.groupId, s.group.id))).toHaveLength(2);
});

test("a tie does not carry", async () => {
  const s = await programmeSetting(t.db, { members: 4 });
  const now = new Date("2027-05-01T12:00:00Z");
  const { cycle } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "evaluating", meetings: monthlyMeetings(6, 6, now), voteOpenedAt: now, voteClosesAt: new Date(now.getTime() + 14 * DAY) });
  await vote(cycle.id, [s.people[0]!.id, s.people[1]!.id], "continue");
  await vote(cycle.id, [s.people[2]!.id, s.people[3]!.id], "stop");
  await advanceCycles(t.db, { now });
  const row = await cycleRow(cycle.id);
  expect(row.state).toBe("ended");
  expect(messageIn("en", row.outcome!)).toMatch(/A tie does not carry/);
  expect(await t.db.select().from(cycles).where(eq(cycles.groupId, s.group.id))).toHaveLength(1);
});

test("without a quorum the vote fails when the window closes; before that it stays open", async () => {
  const s = await programmeSetting(t.db, { members: 6 });
  const now = new Date("2027-05-01T12:00:00Z");
  const closes = new Date(now.getTime() + 14 * DAY);
  const { cycle } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "evaluating", meetings: monthlyMeetings(6, 6, now), voteOpenedAt: now, voteClosesAt: closes });
  await vote(cycle.id, [s.people[0]!.id, s.people[1]!.id], "continue");
  await advanceCycles(t.db, { now: new Date(closes.getTime() - 60_000) });
  expect((await cycleRow(cycle.id)).state).toBe("evaluating");
  await advanceCycles(t.db, { now: closes });
  const row = await cycleRow(cycle.id);
  expect(row.state).toBe("ended");
  expect(messageIn("en", row.outcome!)).toMatch(/Only 2 of 6 members voted; at least 3 had to/);
});

test("at the window's end a majority of the votes cast carries, with a quorum", async () => {
  const s = await programmeSetting(t.db, { members: 6 });
  const now = new Date("2027-05-01T12:00:00Z");
  const closes = new Date(now.getTime() + 14 * DAY);
  const { cycle } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "evaluating", meetings: monthlyMeetings(6, 6, now), voteOpenedAt: now, voteClosesAt: closes });
  await vote(cycle.id, s.people.slice(0, 2).map((p) => p.id), "continue");
  await vote(cycle.id, [s.people[2]!.id], "stop");
  await advanceCycles(t.db, { now: closes });
  expect((await cycleRow(cycle.id)).state).toBe("continued");
  const [next] = await t.db.select().from(cycles).where(and(eq(cycles.groupId, s.group.id), eq(cycles.number, 2)));
  // The last meeting was a day ago; the next cycle starts a month after it, still to come.
  const firstNext = await t.db.select({ startsAt: reunions.startsAt }).from(cycleMeetings).innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId)).where(eq(cycleMeetings.cycleId, next!.id)).orderBy(asc(reunions.startsAt)).limit(1);
  expect(firstNext[0]!.startsAt!.getTime()).toBeGreaterThan(closes.getTime());
});

test("a carried vote without a sponsor ends the cycle, and no next cycle is planned", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  const now = new Date("2027-05-01T12:00:00Z");
  const { cycle } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "evaluating", meetings: monthlyMeetings(6, 6, now), voteOpenedAt: now, voteClosesAt: new Date(now.getTime() + 14 * DAY) });
  await t.db.update(cohorts).set({ sponsorshipEndedAt: now }).where(eq(cohorts.id, s.cohort.id));
  await vote(cycle.id, s.people.map((p) => p.id), "continue");
  await advanceCycles(t.db, { now });
  const row = await cycleRow(cycle.id);
  expect(row.state).toBe("ended");
  expect(messageIn("en", row.outcome!)).toMatch(/no longer sponsors/);
  expect(await t.db.select().from(cycles).where(eq(cycles.groupId, s.group.id))).toHaveLength(1);
});

test("a decided vote is not decided again", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  const now = new Date("2027-05-01T12:00:00Z");
  const { cycle } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "evaluating", meetings: monthlyMeetings(6, 6, now), voteOpenedAt: now, voteClosesAt: now });
  await advanceCycles(t.db, { now });
  const decided = await cycleRow(cycle.id);
  expect(decided.state).toBe("ended");
  await advanceCycles(t.db, { now: new Date(now.getTime() + DAY) });
  expect(await cycleRow(cycle.id)).toEqual(decided);
  const told = await t.db.select().from(notifications).where(eq(notifications.link, `/groups/${s.group.id}/cycle`));
  expect(told).toHaveLength(4);
});

test("two processes running the step at once move a cycle once", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  const now = new Date("2027-05-01T12:00:00Z");
  const { cycle } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "evaluating", meetings: monthlyMeetings(6, 6, now), voteOpenedAt: now, voteClosesAt: now });
  await vote(cycle.id, s.people.map((p) => p.id), "continue");
  await Promise.all([advanceCycles(t.db, { now }), advanceCycles(t.db, { now }), runProgrammeJobs(t.db, { origin: "http://localhost", now })]);
  expect((await cycleRow(cycle.id)).state).toBe("continued");
  const all = await t.db.select().from(cycles).where(eq(cycles.groupId, s.group.id));
  expect(all.map((c) => c.number).sort()).toEqual([1, 2]);
  const next = all.find((c) => c.number === 2)!;
  expect(await t.db.select().from(cycleMeetings).where(eq(cycleMeetings.cycleId, next.id))).toHaveLength(6);
  const told = await t.db.select().from(notifications).where(eq(notifications.link, `/groups/${s.group.id}/cycle`));
  expect(told).toHaveLength(4);
});
