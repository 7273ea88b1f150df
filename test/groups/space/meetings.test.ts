// A peer group's meetings: scheduled with the reunion machinery (a monthly
// series keeps its local time across the clock change), visible to members
// of every organisation on their reunion page, their list and their calendar
// feed, and to nobody else; the module the group runs is one every member can read.
import type { InputError } from "../../../app/domain/input-error";
import { nestedMessageIn } from "../../../app/domain/i18n/translators";
import { and, asc, eq, inArray } from "drizzle-orm";
import { groupMembers, notifications, outbox, reunionAudience, reunionSeries, reunions } from "../../../db/schema";
import { cancelReunion } from "../../../app/domain/reunions/cancel-reunion.server";
import { sendReunionReminders } from "../../../app/domain/reunions/reunion-reminders.server";
import { issueCalendarFeed } from "../../../app/domain/calendar/calendar-feed.server";
import { rsvp } from "../../../app/domain/reunions/rsvp.server";
import { createGroup, createPeerGroup, createPublishedModule, createUser } from "../../support/factories";
import { mainText } from "../../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";
import { startTestServer, type TestServer } from "../../support/test-server";
import { asPerson, daysFromNow, scheduleMeeting, spaceSetting, type Person } from "./space-setting";

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
const meetingsOf = (groupId: string) => t.db.select().from(reunions).where(eq(reunions.groupId, groupId)).orderBy(asc(reunions.startsAt));

async function feedOf(person: Person) {
  const { url } = await issueCalendarFeed(t.db, person, { origin: server.services.config.publicOrigin, now: new Date() });
  const res = await server.request(new URL(url).pathname);
  expect(res.status).toBe(200);
  return res.text();
}
const uidOf = (reunionId: string) => `reunion-${reunionId}@${new URL(server.services.config.publicOrigin).hostname}`;

const scheduleForm = (overrides: Record<string, string> = {}) => ({
  intent: "schedule",
  title: "Guild night",
  date: daysFromNow(10),
  startTime: "18:00",
  endTime: "19:30",
  timeZone: "Europe/London",
  location: "Rotterdam workshop",
  onlineUrl: "",
  repeatCount: "1",
  moduleId: "",
  ...overrides,
});

describe("scheduling the group's meetings", () => {
  test("a monthly series of 3 is 3 meetings of the group in one series, at 18:00 in London before and after the clocks go forward", async () => {
    const { orgA, convener, member, guest, group } = await spaceSetting(t.db);
    // The member from the other organisation schedules it: any member may.
    const firstId = await scheduleMeeting(t.db, guest, group.id, { date: "2027-02-20", startTime: "18:00", endTime: "19:30", repeatCount: 3 }, new Date("2027-01-05T09:00:00Z"));

    const rows = await meetingsOf(group.id);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.id).toBe(firstId);
    expect(rows.map((r) => r.occurrence)).toEqual([1, 2, 3]);
    expect(new Set(rows.map((r) => r.seriesId)).size).toBe(1);
    expect(rows[0]!.seriesId).not.toBeNull();
    expect(rows.every((r) => r.orgId === orgA.id && r.organiserId === guest.id && r.status === "scheduled" && r.timeZone === "Europe/London")).toBe(true);
    // Greenwich time in February and March (the clocks change on 28 March 2027), summer time in April.
    expect(rows.map((r) => r.startsAt!.toISOString())).toEqual(["2027-02-20T18:00:00.000Z", "2027-03-20T18:00:00.000Z", "2027-04-20T17:00:00.000Z"]);
    expect(rows.map((r) => r.endsAt!.toISOString())).toEqual(["2027-02-20T19:30:00.000Z", "2027-03-20T19:30:00.000Z", "2027-04-20T18:30:00.000Z"]);
    const [series] = await t.db.select().from(reunionSeries).where(eq(reunionSeries.id, rows[0]!.seriesId!));
    expect(series).toMatchObject({ intervalMonths: 1, organiserId: guest.id });

    // The audience of each is the group itself, so membership decides who sees it.
    for (const r of rows) {
      const audience = await t.db.select().from(reunionAudience).where(eq(reunionAudience.reunionId, r.id));
      expect(audience).toEqual([expect.objectContaining({ kind: "group", groupId: group.id, orgId: null, userId: null })]);
    }
    // The other members are invited, once for the series.
    const invited = await t.db.select().from(notifications).where(and(eq(notifications.kind, "reunion"), eq(notifications.link, `/reunions/${firstId}`)));
    expect(invited.map((n) => n.userId).sort()).toEqual([convener.id, member.id].sort());
    // A meeting is a meeting, not a reunion.
    expect(invited[0]!.body).toContain("The first of 3 meetings in a series.");
  });

  test("through the page: a member schedules a meeting and sees it listed with a link to its reunion page", async () => {
    const { convener, group } = await spaceSetting(t.db);
    const res = await post(`/groups/${group.id}/meetings`, scheduleForm({ title: "Guild night" }), convener);
    expect(res.status).toBe(302);
    const [meeting] = await meetingsOf(group.id);
    expect(res.headers.get("location")).toBe(`/groups/${group.id}/meetings#meeting-${meeting!.id}`);
    const html = await (await get(`/groups/${group.id}/meetings`, convener)).text();
    expect(mainText(html)).toContain("Guild night");
    expect(html).toContain(`href="/reunions/${meeting!.id}"`);
    expect(html).toContain(`href="/groups/${group.id}/meetings/${meeting!.id}"`);
  });

  test("the form offers the group's name as the title and the viewer's time zone", async () => {
    const { member, group } = await spaceSetting(t.db);
    const html = await (await get(`/groups/${group.id}/meetings`, member)).text();
    expect(html).toContain(`value="${group.name} monthly meeting"`);
    expect(mainText(html)).toContain("Schedule a meeting");
  });

  test("bad input is refused with a message next to the field, the input kept, and nothing scheduled", async () => {
    const { member, group } = await spaceSetting(t.db);
    const cases: [Record<string, string>, string][] = [
      // Spoken of as the meeting, not "the reunion" of the planner underneath.
      [{ startTime: "19:00", endTime: "18:00" }, "The meeting ends before it starts"],
      [{ date: daysFromNow(-3) }, "The meeting is in the past. Choose a date still to come."],
      [{ moduleId: crypto.randomUUID() }, "Choose a module from the list. The group can run only modules that every member can read."],
      [{ repeatCount: "13" }, "Enter how many monthly meetings to schedule, from 1 to 12."],
      [{ location: "", onlineUrl: "" }, "Say where the group meets: a place, an online link, or both."],
      [{ timeZone: "Mars/Olympus" }, "We do not know this time zone."],
    ];
    for (const [fields, message] of cases) {
      const res = await post(`/groups/${group.id}/meetings`, scheduleForm({ title: "Kept title zqkept", ...fields }), member);
      expect(res.status, message).toBe(400);
      const html = await res.text();
      expect(mainText(html)).toContain(message);
      expect(html).toContain('value="Kept title zqkept"');
    }
    expect(await meetingsOf(group.id)).toHaveLength(0);
  });
});

describe("who sees a meeting", () => {
  test("a member from the other organisation sees the meeting, its reunion page, their reunions list and their calendar feed", async () => {
    const { convener, guest, group } = await spaceSetting(t.db);
    const id = await scheduleMeeting(t.db, convener, group.id, { title: "Cross-company guild evening" });
    expect(mainText(await (await get(`/groups/${group.id}/meetings`, guest)).text())).toContain("Cross-company guild evening");
    expect((await get(`/groups/${group.id}/meetings/${id}`, guest)).status).toBe(200);
    const page = await get(`/reunions/${id}`, guest);
    expect(page.status).toBe(200);
    expect(mainText(await page.text())).toContain(`The group ${group.name}`);
    expect(mainText(await (await get("/reunions", guest)).text())).toContain("Cross-company guild evening");
    // In the feed without answering: a group's meeting is a standing appointment.
    expect(await feedOf(guest)).toContain(`UID:${uidOf(id)}`);
    // Saying "not going" takes it out; "going" keeps it, once.
    await rsvp(t.db, guest, id, "not_going");
    expect(await feedOf(guest)).not.toContain(uidOf(id));
    await rsvp(t.db, guest, id, "going");
    expect((await feedOf(guest)).split(`UID:${uidOf(id)}`)).toHaveLength(2);
  });

  test("people outside the group get a 404 on the meetings, a meeting, the discussion and the meeting's reunion page, even the organisation's admin", async () => {
    const { convener, outsider, orgAdmin, moderator, moderatorOfB, group } = await spaceSetting(t.db);
    const id = await scheduleMeeting(t.db, convener, group.id, { title: "Members only evening" });
    for (const person of [outsider, orgAdmin, moderator, moderatorOfB]) {
      for (const path of [`/groups/${group.id}/meetings`, `/groups/${group.id}/meetings/${id}`, `/groups/${group.id}/discussion`, `/reunions/${id}`, `/reunions/${id}.ics`]) {
        expect((await get(path, person)).status, `${person.name} GET ${path}`).toBe(404);
      }
      expect((await post(`/groups/${group.id}/meetings`, scheduleForm(), person)).status).toBe(404);
      expect((await post(`/groups/${group.id}/meetings/${id}`, { intent: "takeaway", text: "Sneaking in" }, person)).status).toBe(404);
      expect((await post(`/groups/${group.id}/discussion`, { intent: "post", body: "Sneaking in" }, person)).status).toBe(404);
      expect((await post(`/reunions/${id}`, { intent: "rsvp", answer: "going" }, person)).status).toBe(404);
      expect(mainText(await (await get("/reunions", person)).text())).not.toContain("Members only evening");
      expect(await feedOf(person)).not.toContain(uidOf(id));
    }
    for (const path of [`/groups/${group.id}/meetings`, `/groups/${group.id}/meetings/${id}`, `/groups/${group.id}/discussion`]) {
      const anonymous = await server.request(path);
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    }
    expect((await meetingsOf(group.id)).length).toBe(1);
  });

  test("someone who leaves the group loses its meetings, even one they scheduled", async () => {
    const { member, guest, group } = await spaceSetting(t.db);
    const id = await scheduleMeeting(t.db, member, group.id, { title: "Before they left" });
    await rsvp(t.db, guest, id, "going");
    await rsvp(t.db, member, id, "going");
    expect(await feedOf(guest)).toContain(uidOf(id));
    await t.db.delete(groupMembers).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, guest.id)));
    await t.db.delete(groupMembers).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, member.id)));
    for (const person of [guest, member]) {
      expect((await get(`/reunions/${id}`, person)).status).toBe(404);
      expect((await get(`/groups/${group.id}/meetings/${id}`, person)).status).toBe(404);
      expect(mainText(await (await get("/reunions", person)).text())).not.toContain("Before they left");
      expect(await feedOf(person)).not.toContain(uidOf(id));
    }
  });

  test("someone who leaves the group hears nothing more of its meetings: no reminder, no cancellation notice", async () => {
    const { convener, member, guest, group } = await spaceSetting(t.db);
    const id = await scheduleMeeting(t.db, convener, group.id, { title: "Reminder after leaving" });
    const soon = new Date(Date.now() + 12 * 3_600_000);
    await t.db.update(reunions).set({ startsAt: soon, endsAt: new Date(soon.getTime() + 3_600_000) }).where(eq(reunions.id, id));
    await rsvp(t.db, member, id, "going");
    await rsvp(t.db, guest, id, "going");
    await t.db.delete(groupMembers).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, guest.id)));

    await sendReunionReminders(t.db, { origin: server.services.config.publicOrigin });
    const reminded = (await t.db.select().from(outbox).where(inArray(outbox.to, [member.email, guest.email]))).filter((e) => e.kind === "reunion_reminder");
    expect(reminded.map((e) => e.to)).toEqual([member.email]);

    await cancelReunion(t.db, convener, id, { reason: "The room is flooded." });
    const told = await t.db.select().from(notifications).where(and(inArray(notifications.userId, [member.id, guest.id]), eq(notifications.kind, "reunion")));
    expect(told.filter((n) => n.title.startsWith("Cancelled:")).map((n) => n.userId)).toEqual([member.id]);
  });

  test("the group's conveners may cancel a meeting another member scheduled; other members may not", async () => {
    const { convener, member, guest, group } = await spaceSetting(t.db);
    const id = await scheduleMeeting(t.db, member, group.id, { title: "Scheduled by a member" });
    await expect(cancelReunion(t.db, guest, id, { reason: "Not mine to cancel." })).rejects.toMatchObject({ status: 403 });
    await cancelReunion(t.db, convener, id, { reason: "We moved to the guild evening." });
    expect((await t.db.select().from(reunions).where(eq(reunions.id, id)))[0]!.status).toBe("cancelled");
  });

  test("a meeting of another group is a 404 under this group, even for a member of both", async () => {
    const { convener, group, orgA } = await spaceSetting(t.db);
    const other = await createPeerGroup(t.db, { orgId: orgA.id, convenerIds: [convener.id] });
    const elsewhere = await scheduleMeeting(t.db, convener, other.id);
    expect((await get(`/groups/${group.id}/meetings/${elsewhere}`, convener)).status).toBe(404);
    expect((await post(`/groups/${group.id}/meetings/${elsewhere}`, { intent: "takeaway", text: "Wrong group" }, convener)).status).toBe(404);
    expect((await get(`/groups/${group.id}/meetings/not-an-id`, convener)).status).toBe(404);
    expect((await get(`/groups/${other.id}/meetings/${elsewhere}`, convener)).status).toBe(200);
  });
});

describe("scheduling the same meeting twice", () => {
  test("a meeting at the same start as one the group already has is refused, naming it, with the input kept and nothing added", async () => {
    const { convener, member, group } = await spaceSetting(t.db);
    await post(`/groups/${group.id}/meetings`, scheduleForm({ title: "Guild night", date: daysFromNow(10) }), convener);
    const again = await post(`/groups/${group.id}/meetings`, scheduleForm({ title: "Kept title zqtwice", date: daysFromNow(10) }), member);
    expect(again.status).toBe(400);
    const html = await again.text();
    expect(mainText(html)).toMatch(/The group already has a meeting at this time: “Guild night”, .*\. Choose another date or time, or change that meeting instead\./);
    expect(html).toContain('value="Kept title zqtwice"');
    expect(await meetingsOf(group.id)).toHaveLength(1);
    // Another time of the same day is fine.
    expect((await post(`/groups/${group.id}/meetings`, scheduleForm({ date: daysFromNow(10), startTime: "20:00", endTime: "21:00" }), member)).status).toBe(302);
  });

  test("a series that would repeat meetings already planned is refused whole, naming the clashes; a cancelled meeting does not count", async () => {
    const { convener, group } = await spaceSetting(t.db);
    const first = await scheduleMeeting(t.db, convener, group.id, { date: "2027-03-10", repeatCount: 3 }, new Date("2027-01-05T09:00:00Z"));
    const refused = await scheduleMeeting(t.db, convener, group.id, { date: "2027-04-10", repeatCount: 3 }, new Date("2027-01-05T09:00:00Z")).catch((e: InputError) => e);
    expect(refused).toMatchObject({ status: 400 });
    expect(nestedMessageIn("en", (refused as InputError).fieldErrors.date!)).toMatch(/^The group already has 2 meetings at these times: “.*”, .* and “.*”, .*\. Choose another date or time, or change those meetings instead\.$/);
    expect(await meetingsOf(group.id)).toHaveLength(3);
    await cancelReunion(t.db, convener, first, { reason: "" });
    await scheduleMeeting(t.db, convener, group.id, { date: "2027-03-10" }, new Date("2027-01-05T09:00:00Z"));
    expect(await meetingsOf(group.id)).toHaveLength(4);
  });

  test("the same series sent twice at once is scheduled once", async () => {
    const { convener, member, group } = await spaceSetting(t.db);
    const results = await Promise.allSettled([
      scheduleMeeting(t.db, convener, group.id, { title: "Twice at once", repeatCount: 2 }),
      scheduleMeeting(t.db, member, group.id, { title: "Twice at once", repeatCount: 2 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await meetingsOf(group.id)).toHaveLength(2);
  });
});

describe("cancelled meetings", () => {
  test("a cancelled meeting leaves Coming up for a list of its own, with no invitation to answer, here and on its own page", async () => {
    const { convener, member, group } = await spaceSetting(t.db);
    const cancelled = await scheduleMeeting(t.db, convener, group.id, { title: "Called off zqoff", date: daysFromNow(5) });
    await scheduleMeeting(t.db, convener, group.id, { title: "Still on zqon", date: daysFromNow(12) });
    await cancelReunion(t.db, convener, cancelled, { reason: "" });
    const html = await (await get(`/groups/${group.id}/meetings`, member)).text();
    const text = mainText(html);
    const comingUp = text.slice(text.indexOf("Coming up"), text.indexOf("Cancelled"));
    expect(comingUp).toContain("Still on zqon");
    expect(comingUp).not.toContain("Called off zqoff");
    expect(text.slice(text.indexOf("Cancelled"), text.indexOf("Past meetings"))).toContain("Called off zqoff");
    expect(html).not.toMatch(new RegExp(`href="/reunions/${cancelled}"[^>]*>Answer the invitation`));
    const page = mainText(await (await get(`/groups/${group.id}/meetings/${cancelled}`, member)).text());
    expect(page).toContain("This meeting has been cancelled.");
    expect(page).not.toContain("Answer the invitation");
    // Nor a module to choose for it, here or among one's meetings.
    expect(page).toContain("Module: none was chosen.");
    expect(mainText(await (await get(`/reunions/${cancelled}`, member)).text())).toContain("Module None was chosen.");
  });

  test("whoever may run a meeting finds how to change or cancel it on the group's page of it; other members do not", async () => {
    const { convener, member, guest, group } = await spaceSetting(t.db);
    const id = await scheduleMeeting(t.db, member, group.id);
    for (const person of [member, convener]) expect(await (await get(`/groups/${group.id}/meetings/${id}`, person)).text()).toContain(`href="/reunions/${id}/edit"`);
    expect(await (await get(`/groups/${group.id}/meetings/${id}`, guest)).text()).not.toContain(`href="/reunions/${id}/edit"`);
  });
});

describe("a programme group's meetings", () => {
  test("a participant opens their programme group from /groups, and from its page its meetings, which its facilitator schedules", async () => {
    const { orgA } = await spaceSetting(t.db);
    const participant = await createUser(t.db, { orgId: orgA.id, roles: ["participant"] });
    const facilitator = await createUser(t.db, { orgId: orgA.id, roles: ["facilitator"] });
    const cohort = await createGroup(t.db, { orgId: orgA.id, name: "Harbour circle zqcircle", memberIds: [participant.id, facilitator.id] });
    await t.db.update(groupMembers).set({ role: "facilitator" }).where(and(eq(groupMembers.groupId, cohort.id), eq(groupMembers.userId, facilitator.id)));
    expect(await (await get("/groups", participant)).text()).toContain(`href="/groups/${cohort.id}"`);
    const groupPage = await get(`/groups/${cohort.id}`, participant);
    expect(groupPage.status).toBe(200);
    const groupHtml = await groupPage.text();
    expect(groupHtml).toContain(`href="/groups/${cohort.id}/meetings"`);
    expect(mainText(groupHtml)).toContain("No meeting planned yet.");

    // In a programme group only the facilitator schedules.
    expect((await post(`/groups/${cohort.id}/meetings`, scheduleForm({ title: "Circle meeting zqnext" }), participant)).status).toBe(403);
    const res = await post(`/groups/${cohort.id}/meetings`, scheduleForm({ title: "Circle meeting zqnext" }), facilitator);
    expect(res.status).toBe(302);
    const [meeting] = await meetingsOf(cohort.id);
    expect(mainText(await (await get(`/groups/${cohort.id}/meetings`, participant)).text())).toContain("Circle meeting zqnext");
    // The group's page shows the next meeting, linked.
    expect(await (await get(`/groups/${cohort.id}`, participant)).text()).toContain(`href="/groups/${cohort.id}/meetings/${meeting!.id}"`);
    expect((await get(`/groups/${cohort.id}/meetings/${meeting!.id}`, participant)).status).toBe(200);
    expect((await get(`/groups/${cohort.id}/members`, participant)).status).toBe(200);
  });
});

describe("choosing the module for a meeting", () => {
  test("a meeting's page among one's meetings and reunions shows its module, linked to it and to session mode, and links to the group's page of it", async () => {
    const { convener, member, group } = await spaceSetting(t.db);
    const module = await createPublishedModule(t.db, { authorId: convener.id, title: "Shift handovers zqmod" });
    const id = await scheduleMeeting(t.db, convener, group.id, { moduleId: module.id });
    const html = await (await get(`/reunions/${id}`, member)).text();
    expect(mainText(html)).toContain("Module Shift handovers zqmod");
    expect(html).toContain(`href="/modules/${module.slug}"`);
    expect(html).toContain(`href="/modules/${module.slug}/session"`);
    expect(html).toContain(`href="/groups/${group.id}/meetings/${id}"`);
    expect(html).toContain(`href="/groups/${group.id}"`);
    // Without a module yet, it says so and points to where one is chosen.
    const bare = await scheduleMeeting(t.db, convener, group.id, { date: daysFromNow(20) });
    const bareHtml = await (await get(`/reunions/${bare}`, member)).text();
    expect(mainText(bareHtml)).toContain("Module Not chosen yet. Choose one");
    expect(bareHtml).toContain(`href="/groups/${group.id}/meetings#meeting-${bare}"`);
  });

  test("a member chooses a public module; the meeting links to it and to session mode", async () => {
    const { convener, member, group } = await spaceSetting(t.db);
    const module = await createPublishedModule(t.db, { authorId: convener.id, title: "Handovers between shifts" });
    const id = await scheduleMeeting(t.db, convener, group.id);
    const res = await post(`/groups/${group.id}/meetings`, { intent: "choose-module", meetingId: id, moduleId: module.id }, member);
    expect(res.status).toBe(302);
    const [meeting] = await meetingsOf(group.id);
    expect(meeting!.moduleId).toBe(module.id);
    for (const path of [`/groups/${group.id}/meetings`, `/groups/${group.id}/meetings/${id}`]) {
      const html = await (await get(path, member)).text();
      expect(html).toContain(`href="/modules/${module.slug}"`);
      expect(html).toContain(`href="/modules/${module.slug}/session"`);
    }
  });

  test("an unknown module, or one private to an organisation not every member belongs to, is refused", async () => {
    const { orgA, convener, member, group } = await spaceSetting(t.db);
    const privateToA = await createPublishedModule(t.db, { authorId: convener.id, ownerOrgId: orgA.id, title: "Our own plant rules" });
    const id = await scheduleMeeting(t.db, convener, group.id);
    // Not offered: the member of organisation B could not read it.
    expect(mainText(await (await get(`/groups/${group.id}/meetings`, member)).text())).not.toContain("Our own plant rules");
    for (const moduleId of [privateToA.id, crypto.randomUUID()]) {
      const res = await post(`/groups/${group.id}/meetings`, { intent: "choose-module", meetingId: id, moduleId }, member);
      expect(res.status).toBe(400);
      expect(mainText(await res.text())).toContain("Choose a module from the list. The group can run only modules that every member can read.");
    }
    const notAnId = await post(`/groups/${group.id}/meetings`, { intent: "choose-module", meetingId: id, moduleId: "nonsense" }, member);
    expect(notAnId.status).toBe(400);
    expect((await meetingsOf(group.id))[0]!.moduleId).toBeNull();
    // Scheduling with it is refused too.
    const scheduled = await post(`/groups/${group.id}/meetings`, scheduleForm({ moduleId: privateToA.id }), member);
    expect(scheduled.status).toBe(400);
  });

  test("a group whose members all belong to one organisation may run that organisation's private modules", async () => {
    const { orgA, convener, member } = await spaceSetting(t.db);
    const local = await createPeerGroup(t.db, { orgId: orgA.id, convenerIds: [convener.id], memberIds: [member.id] });
    const privateToA = await createPublishedModule(t.db, { authorId: convener.id, ownerOrgId: orgA.id, title: "Our own lockout rules" });
    expect(mainText(await (await get(`/groups/${local.id}/meetings`, member)).text())).toContain("Our own lockout rules");
    const res = await post(`/groups/${local.id}/meetings`, scheduleForm({ moduleId: privateToA.id }), member);
    expect(res.status).toBe(302);
    expect((await meetingsOf(local.id))[0]!.moduleId).toBe(privateToA.id);
  });

  test("a meeting of another group cannot be given a module from here", async () => {
    const { orgA, convener, member, group } = await spaceSetting(t.db);
    const module = await createPublishedModule(t.db, { authorId: convener.id });
    const other = await createPeerGroup(t.db, { orgId: orgA.id, convenerIds: [convener.id] });
    const elsewhere = await scheduleMeeting(t.db, convener, other.id);
    const res = await post(`/groups/${group.id}/meetings`, { intent: "choose-module", meetingId: elsewhere, moduleId: module.id }, member);
    expect(res.status).toBe(404);
    expect((await meetingsOf(other.id))[0]!.moduleId).toBeNull();
  });

  test("an unexpected intent is a 400, not a 500", async () => {
    const { member, group } = await spaceSetting(t.db);
    const res = await post(`/groups/${group.id}/meetings`, { intent: "explode" }, member);
    expect(res.status).toBe(400);
    expect(mainText(await res.text())).toContain("That action is not one this page offers.");
  });
});

test("a participant who is not in the group cannot schedule through the domain either", async () => {
  const { orgA, group } = await spaceSetting(t.db);
  const participant = await createUser(t.db, { orgId: orgA.id, roles: ["participant"] });
  await expect(scheduleMeeting(t.db, participant, group.id)).rejects.toMatchObject({ status: 404 });
});
