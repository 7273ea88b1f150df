// The programme's timed notices for cycle meetings: the reminder two days
// before (never before the previous meeting has ended, never twice, not
// doubled by the generic reunion reminder, re-armed by a later date), the
// evaluation request with one reminder, and the host's wrap-up, once.
import { and, eq, inArray, like } from "drizzle-orm";
import { cycleMeetings, meetingAttendance, notifications, outbox, reunionRsvps, reunions } from "../../db/schema";
import { emailPendingNotifications } from "~/domain/notifications/email-notifications.server";
import { evaluateMeeting } from "~/domain/programme/meetings/evaluate-meeting.server";
import { sendEvaluationRequests } from "~/domain/programme/meetings/evaluation-requests.server";
import { sendMeetingReminders } from "~/domain/programme/meetings/meeting-reminders.server";
import { sendWrapUpRequests } from "~/domain/programme/meetings/wrap-up-requests.server";
import { PROGRAMME_STEPS, runProgrammeJobs } from "~/domain/programme/programme-jobs.server";
import { changeReunion } from "~/domain/reunions/change-reunion.server";
import { changeReunionSchema } from "~/domain/reunions/reunion-fields";
import { sendReunionReminders } from "~/domain/reunions/reunion-reminders.server";
import { instantToLocal } from "~/domain/reunions/zoned-time";
import { createPublishedModule } from "../support/factories";
import { createCycle, programmeSetting, recordAttendanceRows } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const origin = "https://roundtable.test";
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
const noticesFor = (link: string, title?: string) =>
  t.db.select().from(notifications).where(and(eq(notifications.link, link), title ? like(notifications.title, `${title}%`) : undefined));

test("the steps run after the cycle step, in order", () => {
  const names = PROGRAMME_STEPS.map((s) => s.name);
  expect(names.slice(-3)).toEqual(["meeting-reminders", "evaluation-requests", "wrap-up"]);
});

test("a meeting is announced two days before, naming module and place, once; not while the previous meeting has yet to end", async () => {
  const s = await programmeSetting(t.db, { members: 2 });
  const module = await createPublishedModule(t.db, { authorId: s.admin.id, title: "Giving feedback" });
  const now = new Date();
  // Meeting 1 is under way (ends in an hour); meeting 2 starts in 36 hours; meeting 3 in 5 days.
  const { meetings } = await createCycle(t.db, {
    group: s.group,
    facilitatorId: s.facilitator.id,
    meetings: [{ startsAt: later(now, -30 * MINUTE) }, { startsAt: later(now, 36 * HOUR), moduleId: module.id }, { startsAt: later(now, 5 * DAY) }],
  });
  const link = `/programme/meetings/${meetings[1]!.id}`;

  await sendMeetingReminders(t.db, { origin, now });
  expect(await noticesFor(link, "Coming up")).toHaveLength(0);

  const afterFirst = later(now, 2 * HOUR);
  await sendMeetingReminders(t.db, { origin, now: afterFirst });
  const sent = await noticesFor(link, "Coming up");
  expect(sent.map((n) => n.userId).sort()).toEqual([...s.people.map((p) => p.id), s.facilitator.id].sort());
  expect(sent[0]!.kind).toBe("programme");
  expect(sent[0]!.body).toContain("Giving feedback");
  expect(sent[0]!.body).toContain("Room 4");
  // Meeting 3 is more than two days away.
  expect(await noticesFor(`/programme/meetings/${meetings[2]!.id}`, "Coming up")).toHaveLength(0);

  await sendMeetingReminders(t.db, { origin, now: later(afterFirst, MINUTE) });
  await Promise.all([sendMeetingReminders(t.db, { origin, now: later(afterFirst, 2 * MINUTE) }), sendMeetingReminders(t.db, { origin, now: later(afterFirst, 2 * MINUTE) })]);
  expect(await noticesFor(link, "Coming up")).toHaveLength(3);
});

test("the generic reunion reminder leaves cycle meetings alone, so nobody gets two", async () => {
  const s = await programmeSetting(t.db, { members: 2 });
  const now = new Date();
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: [{ startsAt: later(now, 20 * HOUR) }] });
  await t.db.insert(reunionRsvps).values(s.people.map((p) => ({ reunionId: meetings[0]!.id, userId: p.id, answer: "going" as const })));
  await sendReunionReminders(t.db, { origin, now });
  const emails = await t.db.select().from(outbox).where(inArray(outbox.to, s.people.map((p) => p.email)));
  expect(emails).toHaveLength(0);
  expect((await t.db.select().from(reunions).where(eq(reunions.id, meetings[0]!.id)))[0]!.reminderSentAt).toBeNull();
  await sendMeetingReminders(t.db, { origin, now });
  expect(await noticesFor(`/programme/meetings/${meetings[0]!.id}`, "Coming up")).toHaveLength(3);
});

test("a meeting moved later: every member hears of the change, and the reminder goes out again", async () => {
  const s = await programmeSetting(t.db, { members: 2 });
  const now = new Date();
  // The change form takes one date with a start and an end time, so the meeting must not cross midnight where it is held (at some hours of the day 30 h ahead would).
  let startsAt = later(now, 30 * HOUR);
  const localDate = (instant: Date) => instantToLocal(instant, "Europe/Amsterdam").date;
  while (localDate(startsAt) !== localDate(later(startsAt, 90 * MINUTE))) startsAt = later(startsAt, -HOUR);
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: [{ startsAt }] });
  const meeting = meetings[0]!;
  await sendMeetingReminders(t.db, { origin, now });
  const reminderOf = async () => (await t.db.select().from(cycleMeetings).where(eq(cycleMeetings.reunionId, meeting.id)))[0]!.reminderSentAt;
  expect(await reminderOf()).not.toBeNull();

  const start = instantToLocal(later(meeting.startsAt!, 7 * DAY), meeting.timeZone);
  const end = instantToLocal(later(meeting.endsAt!, 7 * DAY), meeting.timeZone);
  const input = changeReunionSchema.parse({ intent: "change", location: "Room 4", onlineUrl: "", capacity: "", date: start.date, startTime: start.time, endTime: end.time });
  await changeReunion(t.db, s.facilitator, meeting.id, input, now);
  // The members never answered the invitation; they are told all the same.
  const changed = await t.db.select().from(notifications).where(and(like(notifications.title, "Changed date%"), inArray(notifications.userId, s.people.map((p) => p.id))));
  expect(changed).toHaveLength(2);
  expect(await reminderOf()).toBeNull();
  await sendMeetingReminders(t.db, { origin, now: later(now, 7 * DAY) });
  expect(await noticesFor(`/programme/meetings/${meeting.id}`, "Coming up")).toHaveLength(6);
});

test("members recorded present are asked for the evaluation after the end, and reminded once two days later if they have not answered", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  const now = new Date();
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: [{ startsAt: later(now, -2 * HOUR) }, { startsAt: later(now, 30 * DAY) }] });
  const meeting = meetings[0]!;
  const [answers, forgets, absent] = s.people;
  await recordAttendanceRows(t.db, meeting.id, { [answers!.id]: "present", [forgets!.id]: "present", [absent!.id]: "absent" }, s.facilitator.id);
  const link = `/programme/meetings/${meeting.id}/evaluate`;

  await sendEvaluationRequests(t.db, { origin, now });
  await sendEvaluationRequests(t.db, { origin, now: later(now, MINUTE) });
  const asked = await noticesFor(link, "One minute");
  expect(asked.map((n) => n.userId).sort()).toEqual([answers!.id, forgets!.id].sort());
  expect(asked.every((n) => n.kind === "programme")).toBe(true);
  // Emailed by the notification job, by each person's preferences (the default: at once).
  await emailPendingNotifications(t.db, { origin, now });
  const emailed = await t.db.select().from(outbox).where(inArray(outbox.to, s.people.map((p) => p.email)));
  expect(emailed.map((e) => e.to).sort()).toEqual([answers!.email, forgets!.email].sort());
  expect(emailed[0]!.text).toContain(`${origin}${link}`);
  const rows = await t.db.select().from(meetingAttendance).where(eq(meetingAttendance.reunionId, meeting.id));
  expect(rows.filter((r) => r.evaluationAskedAt).map((r) => r.userId).sort()).toEqual([answers!.id, forgets!.id].sort());

  await evaluateMeeting(t.db, answers!, meeting.id, { usefulness: 4, safety: 4, willTry: "yes", comment: "" }, later(now, HOUR));
  await sendEvaluationRequests(t.db, { origin, now: later(now, 2 * DAY - MINUTE) });
  expect(await noticesFor(link, "Reminder")).toHaveLength(0);
  await sendEvaluationRequests(t.db, { origin, now: later(now, 2 * DAY) });
  await sendEvaluationRequests(t.db, { origin, now: later(now, 3 * DAY) });
  const reminded = await noticesFor(link, "Reminder");
  expect(reminded.map((n) => n.userId)).toEqual([forgets!.id]);
});

test("the host gets one wrap-up notice after the meeting ends: the facilitator, or the member host", async () => {
  const s = await programmeSetting(t.db, { members: 3 });
  const now = new Date();
  const host = s.people[1]!;
  const { meetings } = await createCycle(t.db, {
    group: s.group,
    facilitatorId: s.facilitator.id,
    meetings: [{ startsAt: later(now, -3 * HOUR) }, { startsAt: later(now, -2 * HOUR), hostId: host.id }, { startsAt: later(now, HOUR) }],
  });
  await runProgrammeJobs(t.db, { origin, now });
  await runProgrammeJobs(t.db, { origin, now: later(now, MINUTE) });
  const wrapUp = (i: number) => noticesFor(`/programme/meetings/${meetings[i]!.id}#wrap-up`);
  expect((await wrapUp(0)).map((n) => n.userId)).toEqual([s.facilitator.id]);
  expect((await wrapUp(1)).map((n) => n.userId)).toEqual([host.id]);
  expect(await wrapUp(2)).toHaveLength(0);
  await runProgrammeJobs(t.db, { origin, now: later(now, 3 * HOUR) });
  expect((await wrapUp(2)).map((n) => n.userId)).toEqual([s.facilitator.id]);
  expect(await wrapUp(0)).toHaveLength(1);
});
