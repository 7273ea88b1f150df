// A group's meeting runs on the reunion machinery but is never called a
// reunion: not in its invitation, its reminder, its cancellation notice, its
// pages, its calendar entry nor its audit label. A mentoring check-in is a
// check-in. (Issue 14; app/domain/reunions/occasion-words.ts.)
import { and, eq, inArray } from "drizzle-orm";
import { auditEvents, notifications, outbox, reunions } from "../../../db/schema";
import { scheduleCheckIn } from "../../../app/domain/mentoring/schedule-check-in.server";
import { cancelReunion } from "../../../app/domain/reunions/cancel-reunion.server";
import { occasionLabelIn } from "../../../app/domain/reunions/audit-occasion.server";
import { sendReunionReminders } from "../../../app/domain/reunions/reunion-reminders.server";
import { rsvp } from "../../../app/domain/reunions/rsvp.server";
import { createPair, crossOrgSetting } from "../../mentoring/mentoring-setting";
import { mainText } from "../../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { startTestServer, type TestServer } from "../../support/test-server";
import { asPerson, daysFromNow, scheduleMeeting, spaceSetting } from "./space-setting";

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

const { get, post } = asPerson(() => server, () => t.db);
// "a reunion", "the reunion": the word for one occasion (links to /reunions/… and "your meetings, check-ins and reunions" are fine).
const noReunion = (text: string) => expect(text, text).not.toMatch(/\breunion\b/i);

test("a series of meetings: invitation, reminder and cancellation speak of meetings, never of reunions", async () => {
  const { convener, member, group } = await spaceSetting(t.db);
  const first = await scheduleMeeting(t.db, convener, group.id, { title: "Guild night", repeatCount: 6 });
  const [invitation] = await t.db.select().from(notifications).where(and(eq(notifications.userId, member.id), eq(notifications.link, `/reunions/${first}`)));
  expect(invitation!.body).toContain("The first of 6 meetings in a series.");
  noReunion(`${invitation!.title} ${invitation!.body}`);

  // The reminder the day before.
  const soon = new Date(Date.now() + 12 * 3_600_000);
  await t.db.update(reunions).set({ startsAt: soon, endsAt: new Date(soon.getTime() + 3_600_000) }).where(eq(reunions.id, first));
  await rsvp(t.db, member, first, "going");
  await sendReunionReminders(t.db, { origin: server.services.config.publicOrigin });
  const [reminder] = (await t.db.select().from(outbox).where(inArray(outbox.to, [member.email]))).filter((e) => e.kind === "reunion_reminder");
  expect(reminder!.text).toContain("you are going to the meeting “Guild night”");
  noReunion(`${reminder!.subject} ${reminder!.text}`);

  await cancelReunion(t.db, convener, first, { reason: "" });
  const [cancelled] = await t.db.select().from(notifications).where(and(eq(notifications.userId, member.id), eq(notifications.title, "Cancelled: Guild night")));
  expect(cancelled!.body).toMatch(/^The meeting of .* will not take place\.$/);
  const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, first), eq(auditEvents.action, "reunion.cancelled")));
  // Stored as the kind and the plain title; written out in the reader's language when the log is read.
  expect(occasionLabelIn("en", audit!.targetLabel)).toBe("Meeting: Guild night");
  expect(occasionLabelIn("ja", audit!.targetLabel)).toBe("ミーティング：Guild night");
});

test("a meeting's own pages, its calendar file and its refusals call it a meeting", async () => {
  const { convener, group } = await spaceSetting(t.db);
  const id = await scheduleMeeting(t.db, convener, group.id, { title: "Guild night", repeatCount: 2 });

  const page = mainText(await (await get(`/reunions/${id}`, convener)).text());
  expect(page).toContain(`Meeting of ${group.name}`);
  expect(page).toContain("Scheduled by");
  expect(page).toContain("Change the date or place, or cancel the meeting");
  noReunion(page);

  const edit = mainText(await (await get(`/reunions/${id}/edit`, convener)).text());
  expect(edit).toContain("This is meeting 1 of a series. Changes here apply to this meeting only.");
  expect(edit).toContain("Cancel the meeting");
  noReunion(edit);
  noReunion(mainText(await (await get(`/reunions/${id}/attendance`, convener)).text()));

  // A date in the past is refused in the meeting's words, with the input kept.
  const refused = await post(`/reunions/${id}/edit`, { intent: "change", location: "", onlineUrl: "https://meet.example.test/guild", capacity: "", date: daysFromNow(-2), startTime: "18:00", endTime: "19:00" }, convener);
  expect(refused.status).toBe(400);
  expect(mainText(await refused.text())).toContain("The meeting is in the past. Choose a date still to come.");

  const ics = await get(`/reunions/${id}.ics`, convener);
  expect(ics.status).toBe(200);
  expect(await ics.text()).toContain("SUMMARY:Meeting: Guild night");
  await cancelReunion(t.db, convener, id, { reason: "" });
  const cancelledIcs = (await (await get(`/reunions/${id}.ics`, convener)).text()).replace(/\r\n /g, "");
  expect(cancelledIcs).toContain("This meeting is cancelled.");
  noReunion(mainText(await (await get(`/reunions/${id}`, convener)).text()));
  expect(mainText(await (await get(`/reunions/${id}/edit`, convener)).text())).toContain("This meeting has been cancelled.");
});

test("a mentoring check-in is a check-in on its page and in its cancellation notice", async () => {
  const { mentor, mentee } = await crossOrgSetting(t.db);
  const pair = await createPair(t.db, mentor, mentee);
  const id = await scheduleCheckIn(t.db, mentor, pair.id, { date: daysFromNow(8), startTime: "09:00", endTime: "09:45", timeZone: "Europe/London", location: "", onlineUrl: "https://meet.example.test/pair", count: 1 }, "en");
  const page = mainText(await (await get(`/reunions/${id}`, mentee)).text());
  expect(page).toContain("Mentoring check-in");
  expect(page).toContain("Planned by");
  noReunion(page);
  await cancelReunion(t.db, mentee, id, { reason: "" });
  const [notice] = await t.db.select().from(notifications).where(and(eq(notifications.userId, mentor.id), eq(notifications.link, `/reunions/${id}`)));
  expect(notice!.body).toMatch(/^The check-in of .* will not take place\.$/);
});

test("the list of one's meetings and reunions is not headed Reunions", async () => {
  const { convener, group } = await spaceSetting(t.db);
  await scheduleMeeting(t.db, convener, group.id, { title: "Guild night" });
  const html = await (await get("/reunions", convener)).text();
  expect(mainText(html)).toContain("Meetings and reunions");
  expect(mainText(html)).toContain(`Guild night Meeting of ${group.name}`);
  expect(mainText(html)).not.toContain("A classic reunion");
});
