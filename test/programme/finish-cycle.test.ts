// A cycle finishes once: the members present at enough of its meetings
// become alumni by the rule, with an audit entry and a notification.
import { and, eq } from "drizzle-orm";
import { auditEvents, cycles, notifications, userRoles } from "../../db/schema";
import { finishCycle } from "~/domain/programme/cycles/finish-cycle.server";
import { InputError } from "~/domain/input-error";
import { translateNestedMessage } from "~/domain/i18n/nested-message";
import { i18nFor, messageIn } from "~/domain/i18n/translators";
import { createCycle, monthlyMeetings, programmeSetting, recordAttendanceRows } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const rolesOf = async (userId: string) => (await t.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId))).map((r) => r.role).sort();

test("members present at 4 of 6 meetings become alumni when the cycle ends; the others do not", async () => {
  const s = await programmeSetting(t.db, { members: 5 });
  const { cycle, meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "evaluating", meetings: monthlyMeetings(6, 6) });
  // Present at 6, 4, 3, 4 (one of them at a cancelled-later meeting does not count: none here), and 0 meetings.
  const presentAt = [6, 4, 3, 4, 0];
  for (const [k, meeting] of meetings.entries()) {
    await recordAttendanceRows(t.db, meeting.id, Object.fromEntries(s.people.map((p, i) => [p.id, k < presentAt[i]! ? "present" : "absent"])));
  }
  await t.db.update(userRoles).set({ role: "alumnus" }).where(and(eq(userRoles.userId, s.people[3]!.id), eq(userRoles.role, "participant")));

  const result = await t.db.transaction((tx) =>
    finishCycle(tx, { cycle, cohort: s.cohort, event: "vote_failed", outcome: "2 voted to continue and 3 to stop, of 5 members.", at: new Date(), sponsored: true }),
  );
  expect(result).toEqual({ state: "ended", alumni: [s.people[0]!.id, s.people[1]!.id] });
  expect(await rolesOf(s.people[0]!.id)).toEqual(["alumnus"]);
  expect(await rolesOf(s.people[2]!.id)).toEqual([]);
  const [row] = await t.db.select().from(cycles).where(eq(cycles.id, cycle.id));
  expect(row).toMatchObject({ state: "ended", outcome: "2 voted to continue and 3 to stop, of 5 members." });
  // The audit log says what happened, not the tally: in a small group the counts would say who voted how.
  const [ended] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "cycle.ended"), eq(auditEvents.targetId, cycle.id)));
  expect(messageIn("en", ended!.reason!)).toBe("The continue vote did not carry.");
  const earned = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "person.alumnus_earned"));
  expect(earned.map((e) => e.targetId).sort()).toEqual([s.people[0]!.id, s.people[1]!.id].sort());
  const earnedReason = earned.find((e) => e.targetId === s.people[1]!.id)!.reason!;
  expect(translateNestedMessage(i18nFor("en"), earnedReason)).toMatch(/^Present at 4 meetings of .*, cycle 1; the cohort's threshold is 4\.$/);
  expect(translateNestedMessage(i18nFor("ja"), earnedReason)).toMatch(/、第 1 サイクルのミーティングに 4 回出席しました（コホートの基準は 4 回）。$/);
  const told = await t.db.select().from(notifications).where(eq(notifications.kind, "programme"));
  expect(told.map((n) => n.userId).sort()).toEqual([s.people[0]!.id, s.people[1]!.id].sort());
  expect(told[0]!.link).toBe("/");

  const again = await t.db.transaction((tx) => finishCycle(tx, { cycle: row!, cohort: s.cohort, event: "vote_failed", outcome: "", at: new Date(), sponsored: true })).catch((e: unknown) => e);
  expect(again).toBeInstanceOf(InputError);
  expect((again as InputError).status).toBe(409);
});

test("a carried vote continues the cycle when sponsored, and members stay participants", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  const { cycle, meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "evaluating", meetings: monthlyMeetings(6, 6) });
  for (const meeting of meetings) await recordAttendanceRows(t.db, meeting.id, Object.fromEntries(s.people.map((p) => [p.id, "present"])));
  const refused = await t.db.transaction((tx) => finishCycle(tx, { cycle, cohort: s.cohort, event: "vote_carried", outcome: "", at: new Date(), sponsored: false })).catch((e: unknown) => e);
  expect(messageIn("en", (refused as InputError).fieldErrors.form!)).toMatch(/no longer sponsors/);
  expect((await t.db.select().from(cycles).where(eq(cycles.id, cycle.id)))[0]!.state).toBe("evaluating");
  const result = await t.db.transaction((tx) => finishCycle(tx, { cycle, cohort: s.cohort, event: "vote_carried", outcome: "3 voted to continue", at: new Date(), sponsored: true }));
  expect(result.state).toBe("continued");
  expect(await rolesOf(s.people[0]!.id)).toEqual(["alumnus", "participant"]);
});
