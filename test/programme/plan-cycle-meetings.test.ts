// Scheduling a cycle: its N meetings as one monthly series for the group, and
// not one more.
import { asc, eq } from "drizzle-orm";
import { cycleMeetings, reunionAudience, reunions } from "../../db/schema";
import { endTimeAfter, planCycleMeetings } from "~/domain/programme/plan-cycle-meetings.server";
import { InputError } from "~/domain/input-error";
import { createCycle, programmeSetting } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { messageIn } from "../../app/domain/i18n/translators";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const input = (date: string) => ({ date, startTime: "09:30", timeZone: "Europe/Amsterdam", location: "Rotterdam, room Maas", onlineUrl: null });

test("a cycle's six meetings are one monthly series for the group, hosted by the facilitator, numbered 1 to 6", async () => {
  const s = await programmeSetting(t.db);
  const { cycle } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, state: "planned", meetings: [], meetingsPlanned: 6 });
  const now = new Date("2027-01-10T12:00:00Z");
  const ids = await t.db.transaction((tx) => planCycleMeetings(tx, s.facilitator, { group: s.group, cohort: s.cohort, cycle, facilitatorId: s.facilitator.id }, input("2027-02-01"), now));
  expect(ids).toHaveLength(6);
  const rows = await t.db.select().from(cycleMeetings).innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId)).where(eq(cycleMeetings.cycleId, cycle.id)).orderBy(asc(cycleMeetings.number));
  expect(rows.map((r) => r.cycle_meetings.number)).toEqual([1, 2, 3, 4, 5, 6]);
  expect(rows.every((r) => r.cycle_meetings.hostId === s.facilitator.id && r.reunions.groupId === s.group.id)).toBe(true);
  // 09:30 in Amsterdam each month, winter and summer time alike, for 90 minutes.
  expect(rows.map((r) => r.reunions.startsAt!.toISOString())).toEqual([
    "2027-02-01T08:30:00.000Z",
    "2027-03-01T08:30:00.000Z",
    "2027-04-01T07:30:00.000Z",
    "2027-05-01T07:30:00.000Z",
    "2027-06-01T07:30:00.000Z",
    "2027-07-01T07:30:00.000Z",
  ]);
  expect(rows.every((r) => r.reunions.endsAt!.getTime() - r.reunions.startsAt!.getTime() === 90 * 60_000)).toBe(true);
  const audience = await t.db.select().from(reunionAudience).where(eq(reunionAudience.reunionId, ids[0]!));
  expect(audience).toEqual([expect.objectContaining({ kind: "group", groupId: s.group.id })]);

  const seventh = await t.db.transaction((tx) => planCycleMeetings(tx, s.facilitator, { group: s.group, cohort: s.cohort, cycle, facilitatorId: s.facilitator.id }, input("2027-08-01"), now)).catch((e: unknown) => e);
  expect(seventh).toBeInstanceOf(InputError);
  expect(messageIn("en", (seventh as InputError).fieldErrors.form!)).toMatch(/has 6 meetings and all of them are scheduled/);
  expect(await t.db.select().from(cycleMeetings).where(eq(cycleMeetings.cycleId, cycle.id))).toHaveLength(6);
});

test("a cancelled meeting gives its place to a replacement", async () => {
  const s = await programmeSetting(t.db);
  const start = new Date("2027-02-01T08:30:00Z");
  const { cycle, meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: [0, 1, 2].map((i) => ({ startsAt: new Date(start.getTime() + i * 30 * 86_400_000), cancelled: i === 1 })) });
  const ids = await t.db.transaction((tx) => planCycleMeetings(tx, s.facilitator, { group: s.group, cohort: s.cohort, cycle, facilitatorId: s.facilitator.id }, input("2027-03-15"), new Date("2027-01-10T12:00:00Z")));
  expect(ids).toHaveLength(1);
  const numbers = await t.db.select().from(cycleMeetings).where(eq(cycleMeetings.cycleId, cycle.id));
  expect(numbers.find((m) => m.number === 2)?.reunionId).toBe(ids[0]);
  expect(numbers.some((m) => m.reunionId === meetings[1]!.id)).toBe(false);
});

test("a meeting must end before midnight", () => {
  expect(endTimeAfter("09:30", 90)).toBe("11:00");
  expect(endTimeAfter("22:45", 90)).toBeNull();
  expect(endTimeAfter("9.30", 90)).toBeNull();
});
