// Attendance at a cycle meeting: the facilitator or host records it for
// members only; a member checks in from 15 minutes before the start until
// the end; the facilitator hands over from the cohort's handover meeting,
// with the step-back suggestion; the wrap-up after the meeting.
import { nestedMessageIn } from "../../app/domain/i18n/translators";
import { and, eq } from "drizzle-orm";
import { cycleMeetings, meetingAttendance, meetingEvaluations, notifications, takeaways } from "../../db/schema";
import { ForbiddenError } from "~/domain/http-errors";
import { InputError } from "~/domain/input-error";
import { findCycleMeeting } from "~/domain/programme/load-programme-group.server";
import { checkInToMeeting, recordAttendance } from "~/domain/programme/meetings/attendance.server";
import { handOverMeeting, stepBackFor } from "~/domain/programme/meetings/handover.server";
import { confirmAttendance, rateMeeting, sendRecap } from "~/domain/programme/meetings/wrap-up.server";
import { createPublishedModule } from "../support/factories";
import { createCycle, monthlyMeetings, programmeSetting, recordAttendanceRows } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { messageIn } from "~/domain/i18n/translators";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const MINUTE = 60_000;
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
const rowsOf = (reunionId: string) => t.db.select().from(meetingAttendance).where(eq(meetingAttendance.reunionId, reunionId));

test("the facilitator records each member present, excused or absent; a non-member is refused and nothing is saved", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  const now = new Date();
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: [{ startsAt: new Date(now.getTime() - 30 * MINUTE) }, { startsAt: new Date(now.getTime() + 30 * 86_400_000) }] });
  const [a, b, c] = s.people;
  const meeting = meetings[0]!;

  await recordAttendance(t.db, s.facilitator, meeting.id, [
    { userId: a!.id, status: "present" },
    { userId: b!.id, status: "excused" },
    { userId: c!.id, status: "absent" },
  ]);
  expect((await rowsOf(meeting.id)).map((r) => [r.userId, r.status, r.recordedBy]).sort()).toEqual(
    [
      [a!.id, "present", s.facilitator.id],
      [b!.id, "excused", s.facilitator.id],
      [c!.id, "absent", s.facilitator.id],
    ].sort(),
  );
  // Corrected later: the record changes, no second row.
  await recordAttendance(t.db, s.facilitator, meeting.id, [{ userId: c!.id, status: "present" }]);
  expect((await rowsOf(meeting.id)).find((r) => r.userId === c!.id)?.status).toBe("present");

  for (const stranger of [s.facilitator.id, s.admin.id, s.outsider.id]) {
    const refused = await refusal(recordAttendance(t.db, s.facilitator, meeting.id, [{ userId: b!.id, status: "present" }, { userId: stranger, status: "present" }]));
    expect(refused).toBeInstanceOf(InputError);
    expect(nestedMessageIn("en", (refused as InputError).fieldErrors.form!)).toMatch(/members only/);
    expect(nestedMessageIn("en", (refused as InputError).fieldErrors[`status.${stranger}`]!)).toMatch(/not a member/);
  }
  expect((await rowsOf(meeting.id)).find((r) => r.userId === b!.id)?.status).toBe("excused");
  expect(await rowsOf(meeting.id)).toHaveLength(3);

  // A member does not record others; a meeting a month away has no attendance yet.
  expect(await refusal(recordAttendance(t.db, a!, meeting.id, [{ userId: b!.id, status: "present" }]))).toBeInstanceOf(ForbiddenError);
  const early = await refusal(recordAttendance(t.db, s.facilitator, meetings[1]!.id, [{ userId: a!.id, status: "present" }]));
  expect(nestedMessageIn("en", (early as InputError).fieldErrors.form!)).toMatch(/15 minutes before/);
  // Another organisation's admin: the meeting does not exist for them.
  expect(await refusal(recordAttendance(t.db, s.outsiderAdmin, meeting.id, []))).toHaveProperty("status", 404);
});

test("a member checks in from 15 minutes before the start until the end, and not outside it", async () => {
  const s = await programmeSetting(t.db, { members: 2 });
  const start = new Date(Date.now() + 60 * MINUTE);
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: [{ startsAt: start, minutes: 90 }] });
  const meeting = meetings[0]!;
  const [a, b] = s.people;

  const tooEarly = await refusal(checkInToMeeting(t.db, a!, meeting.id, new Date(start.getTime() - 16 * MINUTE)));
  expect(nestedMessageIn("en", (tooEarly as InputError).fieldErrors.form!)).toMatch(/Check-in opens 15 minutes before/);
  await checkInToMeeting(t.db, a!, meeting.id, new Date(start.getTime() - 15 * MINUTE));
  const tooLate = await refusal(checkInToMeeting(t.db, b!, meeting.id, new Date(start.getTime() + 91 * MINUTE)));
  expect(nestedMessageIn("en", (tooLate as InputError).fieldErrors.form!)).toMatch(/has ended, so check-in is closed/);
  await checkInToMeeting(t.db, b!, meeting.id, new Date(start.getTime() + 90 * MINUTE));
  expect((await rowsOf(meeting.id)).map((r) => [r.userId, r.status, r.recordedBy]).sort()).toEqual(
    [
      [a!.id, "present", a!.id],
      [b!.id, "present", b!.id],
    ].sort(),
  );
  // The facilitator is not a member: no check-in.
  expect(await refusal(checkInToMeeting(t.db, s.facilitator, meeting.id, start))).toBeInstanceOf(ForbiddenError);
});

test("the facilitator hands a meeting to a member from the handover meeting on; the host then runs it", async () => {
  const s = await programmeSetting(t.db, { members: 4 });
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 3) });
  const host = s.people[2]!;
  const tooSoon = await refusal(handOverMeeting(t.db, s.facilitator, meetings[2]!.id, host.id));
  expect(tooSoon).toBeInstanceOf(InputError);
  // Meeting 3 has been held already; meeting 4 is the cohort's handover meeting.
  expect(nestedMessageIn("en", (tooSoon as InputError).fieldErrors.hostId!)).toMatch(/already taken place/);
  expect(await refusal(handOverMeeting(t.db, host, meetings[3]!.id, host.id))).toBeInstanceOf(ForbiddenError);
  const notMember = await refusal(handOverMeeting(t.db, s.facilitator, meetings[3]!.id, s.admin.id));
  expect(nestedMessageIn("en", (notMember as InputError).fieldErrors.hostId!)).toMatch(/member of the group/);

  await handOverMeeting(t.db, s.facilitator, meetings[3]!.id, host.id);
  const found = await findCycleMeeting(t.db, host, meetings[3]!.id);
  expect(found.cycleMeeting.hostId).toBe(host.id);
  const [told] = await t.db.select().from(notifications).where(and(eq(notifications.userId, host.id), eq(notifications.kind, "programme")));
  expect(told!.title).toMatch(/You host meeting 4/);
});

test("a meeting before the handover meeting stays the facilitator's", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 1) });
  const refused = await refusal(handOverMeeting(t.db, s.facilitator, meetings[2]!.id, s.people[0]!.id));
  expect(nestedMessageIn("en", (refused as InputError).fieldErrors.hostId!)).toMatch(/A member can host from meeting 4 on; this is meeting 3/);
});

test("the step-back suggestion comes from the last two meetings' attendance and floored safety", async () => {
  const s = await programmeSetting(t.db, { members: 4 });
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 3) });
  const all = Object.fromEntries(s.people.map((p) => [p.id, "present" as const]));
  for (const m of meetings.slice(0, 3)) await recordAttendanceRows(t.db, m.id, all, s.facilitator.id);
  // Meeting 3 has only two answers: below the floor, so its safety is unknown.
  for (const m of meetings.slice(1, 2)) await t.db.insert(meetingEvaluations).values([5, 4, 5].map((safety) => ({ reunionId: m.id, usefulness: 4, safety, willTry: true })));
  await t.db.insert(meetingEvaluations).values([5, 5].map((safety) => ({ reunionId: meetings[2]!.id, usefulness: 4, safety, willTry: true })));
  const at = async () => stepBackFor(t.db, await findCycleMeeting(t.db, s.facilitator, meetings[3]!.id));
  const early = await at();
  expect(early.suggest).toBe(false);
  // The reason is a catalogue message, read here in English.
  expect(messageIn("en", early.reason)).toMatch(/Too few evaluations/);
  await t.db.insert(meetingEvaluations).values({ reunionId: meetings[2]!.id, usefulness: 4, safety: 4, willTry: false });
  expect((await at()).suggest).toBe(true);
});

test("the wrap-up: after the end only; rating, confirming the attendance once all are recorded, and the recap sent once with each member's take-aways", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  const module = await createPublishedModule(t.db, { authorId: s.admin.id });
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 1).map((p) => ({ ...p, moduleId: module.id })) });
  const [a, b, c] = s.people;
  const held = meetings[0]!;
  const coming = meetings[1]!;

  const notYet = await refusal(rateMeeting(t.db, s.facilitator, coming.id, 4));
  expect(nestedMessageIn("en", (notYet as InputError).fieldErrors.hostRating!)).toMatch(/when the meeting has ended/);
  expect(await refusal(rateMeeting(t.db, a!, held.id, 4))).toBeInstanceOf(ForbiddenError);
  await rateMeeting(t.db, s.facilitator, held.id, 4);

  await recordAttendanceRows(t.db, held.id, { [a!.id]: "present", [b!.id]: "absent" }, s.facilitator.id);
  const missing = await refusal(confirmAttendance(t.db, s.facilitator, held.id));
  expect(nestedMessageIn("en", (missing as InputError).fieldErrors.form!)).toContain(c!.name);
  await recordAttendanceRows(t.db, held.id, { [c!.id]: "excused" }, s.facilitator.id);
  await confirmAttendance(t.db, s.facilitator, held.id);

  await t.db.insert(takeaways).values([
    { userId: a!.id, moduleId: module.id, text: "Ask before advising", meetingId: held.id },
    { userId: b!.id, moduleId: module.id, text: "Not from this meeting", meetingId: coming.id },
  ]);
  await sendRecap(t.db, s.facilitator, held.id, "We practised listening.");
  const [row] = await t.db.select().from(cycleMeetings).where(eq(cycleMeetings.reunionId, held.id));
  expect(row).toMatchObject({ hostRating: 4, recap: "We practised listening." });
  expect(row!.attendanceConfirmedAt).toBeInstanceOf(Date);
  expect(row!.recapSentAt).toBeInstanceOf(Date);
  const recaps = await t.db.select().from(notifications).where(and(eq(notifications.kind, "programme"), eq(notifications.link, `/programme/meetings/${held.id}`)));
  expect(recaps.map((n) => n.userId).sort()).toEqual([a!.id, b!.id, c!.id].sort());
  const toA = recaps.find((n) => n.userId === a!.id)!;
  expect(toA.body).toContain("We practised listening.");
  expect(toA.body).toContain("Ask before advising");
  expect(recaps.find((n) => n.userId === b!.id)!.body).not.toContain("Not from this meeting");

  const again = await refusal(sendRecap(t.db, s.facilitator, held.id, "Twice"));
  expect(nestedMessageIn("en", (again as InputError).fieldErrors.recap!)).toMatch(/already been sent/);
  expect(await t.db.select().from(notifications).where(eq(notifications.link, `/programme/meetings/${held.id}`))).toHaveLength(3);
});
