// Recurring reunions and changes: one occurrence moves or is cancelled alone;
// a change of date or place, or a cancellation, tells the people going and
// maybe, bumps the calendar sequence, and is in the audit log.
import { and, asc, eq } from "drizzle-orm";
import { auditEvents, notifications, reunions } from "../../db/schema";
import { cancelReunion } from "../../app/domain/reunions/cancel-reunion.server";
import { changeReunion } from "../../app/domain/reunions/change-reunion.server";
import { rsvp } from "../../app/domain/reunions/rsvp.server";
import { instantToLocal } from "../../app/domain/reunions/zoned-time";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { currentDate, daysFromNow, reunionSetting, scheduledReunion } from "./reunion-setting";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const series = (seriesId: string) => t.db.select().from(reunions).where(eq(reunions.seriesId, seriesId)).orderBy(asc(reunions.occurrence));

test("a reunion every 3 months, 4 times, keeps its wall-clock time across the seasons", async () => {
  const { organiser, group } = await reunionSetting(t.db);
  const id = await scheduledReunion(t.db, organiser, group.id, { date: "2027-07-15", startTime: "18:00", endTime: "20:00", repeatEveryMonths: 3, repeatCount: 4 });
  const [first] = await t.db.select().from(reunions).where(eq(reunions.id, id));
  const all = await series(first!.seriesId!);
  expect(all.map((r) => r.occurrence)).toEqual([1, 2, 3, 4]);
  expect(all.map((r) => instantToLocal(r.startsAt!, "Europe/London"))).toEqual([
    { date: "2027-07-15", time: "18:00" },
    { date: "2027-10-15", time: "18:00" },
    { date: "2028-01-15", time: "18:00" },
    { date: "2028-04-15", time: "18:00" },
  ]);
  // Summer time in July, Greenwich time in January.
  expect(all[0]!.startsAt!.toISOString()).toBe("2027-07-15T17:00:00.000Z");
  expect(all[2]!.startsAt!.toISOString()).toBe("2028-01-15T18:00:00.000Z");
});

test("moving one occurrence and cancelling another leaves the rest of the series as it was", async () => {
  const { organiser, group } = await reunionSetting(t.db);
  const id = await scheduledReunion(t.db, organiser, group.id, { date: "2027-03-10", repeatEveryMonths: 2, repeatCount: 3 });
  const [first] = await t.db.select().from(reunions).where(eq(reunions.id, id));
  const before = await series(first!.seriesId!);

  await changeReunion(t.db, organiser, before[1]!.id, { intent: "change", location: "The Harbour Room", onlineUrl: null, capacity: null, date: "2027-05-12", startTime: "19:00", endTime: "21:00" });
  await cancelReunion(t.db, organiser, before[2]!.id, { reason: "" });

  const after = await series(first!.seriesId!);
  expect(after[0]).toMatchObject({ status: "scheduled", startsAt: before[0]!.startsAt, sequence: 0 });
  expect(after[1]).toMatchObject({ status: "scheduled", sequence: 1 });
  expect(instantToLocal(after[1]!.startsAt!, "Europe/London")).toEqual({ date: "2027-05-12", time: "19:00" });
  expect(after[2]).toMatchObject({ status: "cancelled", startsAt: before[2]!.startsAt, sequence: 1 });
});

test("a new date or place tells the people going and maybe, not the others, and bumps the sequence", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 4 });
  const [going, maybe, notGoing, silent] = guests as [typeof organiser, typeof organiser, typeof organiser, typeof organiser];
  const id = await scheduledReunion(t.db, organiser, group.id);
  await rsvp(t.db, going, id, "going");
  await rsvp(t.db, maybe, id, "maybe");
  await rsvp(t.db, notGoing, id, "not_going");

  await changeReunion(t.db, organiser, id, { intent: "change", location: "The Lighthouse", onlineUrl: null, capacity: null, ...(await currentDate(t.db, id)) });
  await changeReunion(t.db, organiser, id, { intent: "change", location: "The Lighthouse", onlineUrl: null, capacity: null, date: daysFromNow(9), startTime: "17:00", endTime: "19:00" });
  const [row] = await t.db.select().from(reunions).where(eq(reunions.id, id));
  expect(row!.sequence).toBe(2);

  const changeNotices = async (userId: string) =>
    (await t.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, "reunion")))).filter((n) => n.title.startsWith("Changed"));
  expect((await changeNotices(going.id)).map((n) => n.title)).toEqual(["Changed place: Cohort 7 meets again", "Changed date: Cohort 7 meets again"]);
  expect(await changeNotices(maybe.id)).toHaveLength(2);
  expect(await changeNotices(notGoing.id)).toHaveLength(0);
  expect(await changeNotices(silent.id)).toHaveLength(0);

  const audit = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, "reunion.changed")));
  expect(audit).toHaveLength(2);
});

test("cancelling tells everyone invited who has not declined, those who never answered too, and bumps the sequence", async () => {
  const { organiser, guests, group } = await reunionSetting(t.db, { invitees: 3 });
  const [going, notGoing, silent] = guests as [typeof organiser, typeof organiser, typeof organiser];
  const id = await scheduledReunion(t.db, organiser, group.id);
  await rsvp(t.db, going, id, "going");
  await rsvp(t.db, notGoing, id, "not_going");
  await cancelReunion(t.db, organiser, id, { reason: "The venue closed." });
  const [row] = await t.db.select().from(reunions).where(eq(reunions.id, id));
  expect(row).toMatchObject({ status: "cancelled", sequence: 1 });
  const told = await t.db.select().from(notifications).where(and(eq(notifications.title, "Cancelled: Cohort 7 meets again"), eq(notifications.link, `/reunions/${id}`)));
  // Not the one who said "not going", nor the organiser who cancelled it.
  expect(told.map((n) => n.userId).sort()).toEqual([going.id, silent.id].sort());
  expect(told[0]!.body).toContain("The venue closed.");
  const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, "reunion.cancelled")));
  expect(audit!.reason).toBe("The venue closed.");
  await expect(rsvp(t.db, going, id, "maybe")).rejects.toThrow(/cancelled/);
});
