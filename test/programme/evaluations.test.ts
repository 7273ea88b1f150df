// The one-minute evaluation: members recorded present answer once; the
// answer carries no person and no time; figures and comments appear only
// from three answers on, and comments never with a name.
import { messageIn } from "../../app/domain/i18n/translators";
import { eq } from "drizzle-orm";
import { getTableColumns } from "drizzle-orm";
import { meetingEvaluationReceipts, meetingEvaluations } from "../../db/schema";
import { ForbiddenError } from "~/domain/http-errors";
import { InputError } from "~/domain/input-error";
import { evaluateMeeting } from "~/domain/programme/meetings/evaluate-meeting.server";
import { meetingFigures, oneMeetingFigures } from "~/domain/programme/meetings/meeting-figures.server";
import { createCycle, monthlyMeetings, programmeSetting, recordAttendanceRows } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
const answer = (usefulness: number, safety: number, comment = "") => ({ usefulness, safety, willTry: "yes" as const, comment });

async function heldMeeting() {
  const s = await programmeSetting(t.db, { members: 5 });
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 1) });
  const [p0, p1, p2, p3, p4] = s.people;
  await recordAttendanceRows(t.db, meetings[0]!.id, { [p0!.id]: "present", [p1!.id]: "present", [p2!.id]: "present", [p3!.id]: "present", [p4!.id]: "absent" }, s.facilitator.id);
  return { ...s, meeting: meetings[0]!, coming: meetings[1]! };
}

test("an answer is stored without a person or a time; a second answer is refused and changes nothing", async () => {
  const s = await heldMeeting();
  const me = s.people[0]!;
  await evaluateMeeting(t.db, me, s.meeting.id, answer(4, 5, "Good pace"));
  // The table has no column that could name or date an answer.
  expect(Object.keys(getTableColumns(meetingEvaluations)).sort()).toEqual(["comment", "id", "reunionId", "safety", "usefulness", "willTry"]);
  const rows = await t.db.select().from(meetingEvaluations).where(eq(meetingEvaluations.reunionId, s.meeting.id));
  expect(rows).toEqual([{ id: expect.any(String), reunionId: s.meeting.id, usefulness: 4, safety: 5, willTry: true, comment: "Good pace" }]);
  expect(await t.db.select().from(meetingEvaluationReceipts).where(eq(meetingEvaluationReceipts.reunionId, s.meeting.id))).toEqual([{ reunionId: s.meeting.id, userId: me.id }]);

  const twice = await refusal(evaluateMeeting(t.db, me, s.meeting.id, answer(1, 1)));
  expect(twice).toBeInstanceOf(InputError);
  expect(messageIn("en", (twice as InputError).fieldErrors.form!)).toMatch(/You have already answered/);
  expect((twice as InputError).status).toBe(409);
  expect(await t.db.select().from(meetingEvaluations).where(eq(meetingEvaluations.reunionId, s.meeting.id))).toHaveLength(1);
});

test("only members recorded present may answer, and only once the meeting has ended", async () => {
  const s = await heldMeeting();
  const absent = await refusal(evaluateMeeting(t.db, s.people[4]!, s.meeting.id, answer(3, 3)));
  expect(messageIn("en", (absent as InputError).fieldErrors.form!)).toMatch(/Only members recorded present/);
  expect(await refusal(evaluateMeeting(t.db, s.facilitator, s.meeting.id, answer(3, 3)))).toBeInstanceOf(ForbiddenError);
  expect(await refusal(evaluateMeeting(t.db, s.outsider, s.meeting.id, answer(3, 3)))).toHaveProperty("status", 404);
  const early = await refusal(evaluateMeeting(t.db, s.people[0]!, s.coming.id, answer(3, 3)));
  expect(messageIn("en", (early as InputError).fieldErrors.form!)).toMatch(/opens when the meeting has ended/);
  expect(await t.db.select().from(meetingEvaluations).where(eq(meetingEvaluations.reunionId, s.meeting.id))).toHaveLength(0);
});

test("averages and comments only from three answers, comments without names", async () => {
  const s = await heldMeeting();
  await evaluateMeeting(t.db, s.people[0]!, s.meeting.id, answer(4, 5, "Felt heard"));
  await evaluateMeeting(t.db, s.people[1]!, s.meeting.id, { ...answer(2, 4), willTry: "not_yet" });
  const two = await oneMeetingFigures(t.db, s.meeting.id);
  expect(two.evaluation).toEqual({ shown: false, people: null, value: null });
  await evaluateMeeting(t.db, s.people[2]!, s.meeting.id, answer(3, 3, "Too long"));

  const [figures, none] = await meetingFigures(t.db, [s.meeting.id, s.coming.id]);
  expect(figures!.evaluation).toEqual({ shown: true, people: 3, value: { usefulness: 3, safety: 4, willTry: 2 / 3, comments: ["Felt heard", "Too long"] } });
  // Attendance: 4 of 5 recorded present.
  expect(figures!.attendance).toEqual({ shown: true, people: 5, value: 0.8 });
  const text = JSON.stringify(figures);
  for (const p of s.people) {
    expect(text).not.toContain(p.id);
    expect(text).not.toContain(p.name);
  }
  expect(none!.evaluation.shown).toBe(false);
  expect(none!.attendance.shown).toBe(false);
});
