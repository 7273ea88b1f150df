// Ending sponsorship: cycles end (the alumni rule applies), meetings still to
// come are cancelled with notice, and each group is offered to carry on as a
// peer group, which happens only with at least three consenting members.
import { and, eq } from "drizzle-orm";
import { auditEvents, cohorts, cycles, groupConversions, groupMembers, groups, notifications, reunions, userRoles } from "../../db/schema";
import { endSponsorship } from "~/domain/programme/cohorts/end-sponsorship.server";
import { answerCarryOn, loadCarryOn } from "~/domain/programme/cohorts/carry-on.server";
import { chooseConvener, closeConversions, convertGroup } from "~/domain/programme/cohorts/close-conversions.server";
import { PROGRAMME_STEPS, runProgrammeJobs } from "~/domain/programme/programme-jobs.server";
import { InputError } from "~/domain/input-error";
import { ForbiddenError, NotFoundError } from "~/domain/http-errors";
import { createCycle, monthlyMeetings, programmeSetting, recordAttendanceRows } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { translateNestedMessage } from "~/domain/i18n/nested-message";
import { i18nFor } from "~/domain/i18n/translators";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const DAY = 86_400_000;
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
const membersOf = async (groupId: string) => t.db.select({ userId: groupMembers.userId, role: groupMembers.role }).from(groupMembers).where(eq(groupMembers.groupId, groupId));

/** A group four meetings into six: people[i] present at presentAt[i] of them. */
async function runningGroup(members: number, presentAt: number[]) {
  const s = await programmeSetting(t.db, { members });
  const { cycle, meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 4) });
  for (const [k, meeting] of meetings.slice(0, 4).entries()) {
    await recordAttendanceRows(t.db, meeting.id, Object.fromEntries(s.people.map((p, i) => [p.id, k < (presentAt[i] ?? 0) ? "present" : "absent"])));
  }
  return { ...s, cycle, meetings };
}

test("ending sponsorship ends the cycle, makes alumni by the rule, cancels the meetings to come and offers the group to carry on", async () => {
  const s = await runningGroup(5, [4, 4, 3, 1, 0]);
  const now = new Date();
  const result = await endSponsorship(t.db, s.admin, s.cohort.id, now);
  expect(result).toMatchObject({ cyclesEnded: 1, meetingsCancelled: 2, offers: 1 });
  expect(result.alumni.sort()).toEqual([s.people[0]!.id, s.people[1]!.id].sort());

  const [cycle] = await t.db.select().from(cycles).where(eq(cycles.id, s.cycle.id));
  expect(cycle).toMatchObject({ state: "ended" });
  const statuses = await t.db.select({ id: reunions.id, status: reunions.status }).from(reunions).where(eq(reunions.groupId, s.group.id));
  expect(statuses.filter((r) => r.status === "cancelled").map((r) => r.id).sort()).toEqual([s.meetings[4]!.id, s.meetings[5]!.id].sort());
  const [alumnus] = await t.db.select().from(userRoles).where(and(eq(userRoles.userId, s.people[0]!.id), eq(userRoles.role, "alumnus")));
  expect(alumnus).toBeDefined();
  const [offer] = await t.db.select().from(groupConversions).where(eq(groupConversions.groupId, s.group.id));
  expect(offer).toMatchObject({ status: "open" });
  expect(offer!.closesAt.getTime()).toBe(now.getTime() + 14 * DAY);
  const told = await t.db.select().from(notifications).where(and(eq(notifications.userId, s.people[3]!.id), eq(notifications.link, `/groups/${s.group.id}/carry-on`)));
  expect(told).toHaveLength(1);
  const cancelled = await t.db.select().from(notifications).where(and(eq(notifications.userId, s.people[3]!.id), eq(notifications.kind, "reunion")));
  expect(cancelled.some((n) => n.title.startsWith("Cancelled"))).toBe(true);
  const [cohort] = await t.db.select().from(cohorts).where(eq(cohorts.id, s.cohort.id));
  expect(cohort).toMatchObject({ sponsorshipEndedBy: s.admin.id });
  const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "cohort.sponsorship_ended"), eq(auditEvents.targetId, s.cohort.id)));
  expect(audit).toBeDefined();

  const twice = await refusal(endSponsorship(t.db, s.admin, s.cohort.id));
  expect((twice as InputError).status).toBe(409);
  expect(await refusal(endSponsorship(t.db, s.outsiderAdmin, s.cohort.id))).toBeInstanceOf(NotFoundError);
});

test("with three consents the same group becomes a peer group with only them; the most active convenes", async () => {
  const s = await runningGroup(5, [1, 4, 4, 3, 0]);
  const now = new Date();
  await endSponsorship(t.db, s.admin, s.cohort.id, now);
  const [p0, p1, p2, p3, p4] = s.people;
  // p1 and p2 were present equally often; p2 consented first. p3 declined, then changed their mind to consent; p4 declines.
  await answerCarryOn(t.db, p2!, s.group.id, true, new Date(now.getTime() + 1000));
  await answerCarryOn(t.db, p1!, s.group.id, true, new Date(now.getTime() + 2000));
  await answerCarryOn(t.db, p3!, s.group.id, false, new Date(now.getTime() + 3000));
  await answerCarryOn(t.db, p3!, s.group.id, true, new Date(now.getTime() + 4000));
  await answerCarryOn(t.db, p0!, s.group.id, false, new Date(now.getTime() + 5000));
  const page = await loadCarryOn(t.db, p0!, s.group.id);
  expect(page.counts).toEqual({ members: 5, consent: 3, decline: 1 });
  expect(page.mine).toBe("decline");
  expect(JSON.stringify(page)).not.toContain(p1!.id);
  expect(await refusal(answerCarryOn(t.db, s.facilitator, s.group.id, true))).toBeInstanceOf(ForbiddenError);

  // The last answer decides it at once.
  const last = await answerCarryOn(t.db, p4!, s.group.id, false, new Date(now.getTime() + 6000));
  expect(last).toMatchObject({ decided: true, converted: true, convenerId: p2!.id });
  const [group] = await t.db.select().from(groups).where(eq(groups.id, s.group.id));
  expect(group).toMatchObject({ kind: "peer", status: "active", cohortId: s.cohort.id });
  const members = await membersOf(s.group.id);
  expect(members.map((m) => m.userId).sort()).toEqual([p1!.id, p2!.id, p3!.id].sort());
  expect(members.find((m) => m.userId === p2!.id)?.role).toBe("convener");
  expect(members.some((m) => m.userId === s.facilitator.id)).toBe(false);
  const [offer] = await t.db.select().from(groupConversions).where(eq(groupConversions.groupId, s.group.id));
  expect(offer!.status).toBe("converted");
  const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "group.converted"), eq(auditEvents.targetId, s.group.id)));
  expect(audit).toBeDefined();
  // Decided: answers no longer change, and someone who declined is no longer in the group.
  expect(await refusal(answerCarryOn(t.db, p1!, s.group.id, false))).toBeInstanceOf(InputError);
  expect(await refusal(loadCarryOn(t.db, p0!, s.group.id))).toBeInstanceOf(NotFoundError);
});

test("with fewer than three consents the offer lapses when the window closes, through the programme job", async () => {
  const s = await runningGroup(5, [4, 4, 4, 4, 4]);
  const now = new Date();
  await endSponsorship(t.db, s.admin, s.cohort.id, now);
  await answerCarryOn(t.db, s.people[0]!, s.group.id, true, now);
  await answerCarryOn(t.db, s.people[1]!, s.group.id, true, now);
  await answerCarryOn(t.db, s.people[2]!, s.group.id, false, now);
  // Conversions run among the programme steps, right after time has moved the cycles.
  expect(PROGRAMME_STEPS.map((step) => step.name).slice(0, 2)).toEqual(["cycles", "conversions"]);
  await runProgrammeJobs(t.db, { origin: "http://localhost", now: new Date(now.getTime() + DAY) });
  expect((await t.db.select().from(groupConversions).where(eq(groupConversions.groupId, s.group.id)))[0]!.status).toBe("open");
  expect((await runProgrammeJobs(t.db, { origin: "http://localhost", now: new Date(now.getTime() + 15 * DAY) })).conversions).toBeGreaterThanOrEqual(1);
  const [offer] = await t.db.select().from(groupConversions).where(eq(groupConversions.groupId, s.group.id));
  expect(offer!.status).toBe("declined");
  const [group] = await t.db.select().from(groups).where(eq(groups.id, s.group.id));
  expect(group!.kind).toBe("programme");
  expect(await membersOf(s.group.id)).toHaveLength(6);
  expect(await closeConversions(t.db, { now: new Date(now.getTime() + 16 * DAY) })).toBe(0);
});

test("nobody is moved into a peer group without consenting", async () => {
  const s = await runningGroup(4, [4, 4, 4, 4]);
  await endSponsorship(t.db, s.admin, s.cohort.id);
  for (const p of s.people.slice(0, 3)) await answerCarryOn(t.db, p, s.group.id, true);
  const ids = s.people.map((p) => p.id);
  const refused = await refusal(t.db.transaction((tx) => convertGroup(tx, s.group.id, ids, ids[0]!, new Date())));
  expect(translateNestedMessage(i18nFor("en"), (refused as InputError).fieldErrors.form!)).toMatch(new RegExp(`${s.people[3]!.name} did not agree to carry on`));
  expect((await t.db.select().from(groups).where(eq(groups.id, s.group.id)))[0]!.kind).toBe("programme");
});

test("the convener is the one present most often, then the earliest to consent", () => {
  const at = (s: number) => new Date(1_000_000 + s * 1000);
  const consenting = [
    { userId: "a", answeredAt: at(3) },
    { userId: "b", answeredAt: at(2) },
    { userId: "c", answeredAt: at(1) },
  ];
  expect(chooseConvener(consenting, new Map([["a", 5], ["b", 5], ["c", 4]]))).toBe("b");
  expect(chooseConvener(consenting, new Map())).toBe("c");
});

test("scheduling a cycle at the moment sponsorship ends: either it is refused, or the ending finds it and ends it", async () => {
  const { scheduleCycle } = await import("~/domain/programme/cycles/schedule-cycle.server");
  const { scheduleCycleSchema } = await import("~/domain/programme/cycles/cycle-fields");
  const s = await programmeSetting(t.db, { members: 4 });
  const input = scheduleCycleSchema.parse({ intent: "schedule", date: "2031-03-03", startTime: "09:30", timeZone: "Europe/Amsterdam", location: "Room 2", onlineUrl: "" });
  const [scheduled] = await Promise.allSettled([scheduleCycle(t.db, s.facilitator, s.group.id, input), endSponsorship(t.db, s.admin, s.cohort.id)]);
  const left = await t.db.select({ state: cycles.state }).from(cycles).where(eq(cycles.groupId, s.group.id));
  if (scheduled.status === "rejected") {
    expect(scheduled.reason).toBeInstanceOf(InputError);
    expect(left).toEqual([]);
  } else {
    expect(left).toEqual([{ state: "ended" }]);
  }
  // Nothing of it is left to meet.
  const coming = await t.db.select({ id: reunions.id }).from(reunions).where(and(eq(reunions.groupId, s.group.id), eq(reunions.status, "scheduled")));
  expect(coming).toEqual([]);
});
