// The pair space: shared goals, check-ins planned with the reunion machinery,
// private notes, the end date, and ending with closing reflections.
import type { InputError } from "../../app/domain/input-error";
import { messageIn, nestedMessageIn } from "../../app/domain/i18n/translators";
import { and, asc, eq, inArray } from "drizzle-orm";
import { auditEvents, mentorshipGoals, mentorshipReflections, mentorships, notifications, reunionAudience, reunions, users } from "../../db/schema";
import { scheduleCheckIn } from "../../app/domain/mentoring/schedule-check-in.server";
import { cancelReunion } from "../../app/domain/reunions/cancel-reunion.server";
import { occasionLabelIn } from "../../app/domain/reunions/audit-occasion.server";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { createOffer, createPair, createRequest, crossOrgSetting } from "./mentoring-setting";

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

const get = async (path: string, userId: string) => server.request(path, { headers: { Cookie: await sessionCookieFor(t.db, userId) } });
const post = async (pairId: string, userId: string, fields: Record<string, string>) => postForm(server, `/mentoring/${pairId}`, fields, await sessionCookieFor(t.db, userId));
const nextYear = new Date().getUTCFullYear() + 1;

async function runningPair() {
  const setting = await crossOrgSetting(t.db);
  await t.db.update(users).set({ timeZone: "America/New_York" }).where(eq(users.id, setting.mentee.id));
  await createOffer(t.db, setting.mentor, { scope: "any_org", capacity: 1 });
  const pair = await createPair(t.db, setting.mentor, setting.mentee);
  return { ...setting, pair };
}

test("shared goals are added and marked done or not done by either person", async () => {
  const { mentor, mentee, pair } = await runningPair();
  const empty = await post(pair.id, mentee.id, { intent: "add-goal", goal: "   " });
  expect(empty.status).toBe(400);
  expect(mainText(await empty.text())).toContain("Write the goal you want to work on together.");

  expect((await post(pair.id, mentee.id, { intent: "add-goal", goal: "Run my first skip-level meeting" })).status).toBe(302);
  const [goal] = await t.db.select().from(mentorshipGoals).where(eq(mentorshipGoals.mentorshipId, pair.id));
  expect(mainText(await (await get(`/mentoring/${pair.id}`, mentor.id)).text())).toContain("Run my first skip-level meeting");

  expect((await post(pair.id, mentor.id, { intent: "goal-done", goalId: goal!.id })).status).toBe(302);
  expect((await t.db.select().from(mentorshipGoals).where(eq(mentorshipGoals.id, goal!.id)))[0]!.doneAt).not.toBeNull();
  expect(mainText(await (await get(`/mentoring/${pair.id}`, mentee.id)).text())).toContain("✓ Run my first skip-level meeting (done on");
  expect((await post(pair.id, mentee.id, { intent: "goal-undone", goalId: goal!.id })).status).toBe(302);
  expect((await t.db.select().from(mentorshipGoals).where(eq(mentorshipGoals.id, goal!.id)))[0]!.doneAt).toBeNull();

  // A goal of another pair is not reachable through this one.
  const elsewhere = await runningPair();
  const [foreign] = await t.db.insert(mentorshipGoals).values({ mentorshipId: elsewhere.pair.id, text: "Not yours" }).returning();
  const refused = await post(pair.id, mentee.id, { intent: "goal-done", goalId: foreign!.id });
  expect(refused.status).toBe(400);
  expect((await t.db.select().from(mentorshipGoals).where(eq(mentorshipGoals.id, foreign!.id)))[0]!.doneAt).toBeNull();
});

test("private notes are never shown to the other person", async () => {
  const { mentor, mentee, pair } = await runningPair();
  expect((await post(pair.id, mentor.id, { intent: "add-note", note: "Mentor's own observation zqmentornote" })).status).toBe(302);
  expect((await post(pair.id, mentee.id, { intent: "add-note", note: "Mentee's own worry zqmenteenote" })).status).toBe(302);

  const mentorHtml = await (await get(`/mentoring/${pair.id}`, mentor.id)).text();
  const menteeHtml = await (await get(`/mentoring/${pair.id}`, mentee.id)).text();
  // The whole document, hydration data included.
  expect(mentorHtml).toContain("zqmentornote");
  expect(mentorHtml).not.toContain("zqmenteenote");
  expect(menteeHtml).toContain("zqmenteenote");
  expect(menteeHtml).not.toContain("zqmentornote");

  const tooLong = await post(pair.id, mentee.id, { intent: "add-note", note: "n".repeat(4001) });
  expect(tooLong.status).toBe(400);
  expect(await tooLong.text()).toContain("n".repeat(4001));
});

test("monthly check-ins keep the same wall-clock time in the organiser's zone, belong to the mentor's organisation, and invite the two of them", async () => {
  const { orgA, mentor, mentee, pair } = await runningPair();
  const firstId = await scheduleCheckIn(t.db, mentee, pair.id, {
    date: `${nextYear}-02-10`,
    startTime: "18:00",
    endTime: "18:45",
    timeZone: "Europe/London",
    location: "",
    onlineUrl: "https://meet.example.test/pair",
    count: 3,
  }, "en");
  const rows = await t.db.select().from(reunions).where(eq(reunions.mentorshipId, pair.id)).orderBy(asc(reunions.startsAt));
  expect(rows[0]!.id).toBe(firstId);
  // London is on GMT in February and March, and on summer time (UTC+1) in April.
  expect(rows.map((r) => r.startsAt!.toISOString())).toEqual([`${nextYear}-02-10T18:00:00.000Z`, `${nextYear}-03-10T18:00:00.000Z`, `${nextYear}-04-10T17:00:00.000Z`]);
  expect(rows.map((r) => r.endsAt!.toISOString())).toEqual([`${nextYear}-02-10T18:45:00.000Z`, `${nextYear}-03-10T18:45:00.000Z`, `${nextYear}-04-10T17:45:00.000Z`]);
  for (const row of rows) {
    expect(row).toMatchObject({ orgId: orgA.id, status: "scheduled", organiserId: mentee.id, onlineUrl: "https://meet.example.test/pair" });
    const audience = await t.db.select().from(reunionAudience).where(eq(reunionAudience.reunionId, row.id));
    expect(audience.map((a) => [a.kind, a.userId]).sort()).toEqual([["person", mentee.id], ["person", mentor.id]].sort());
  }

  // The reunion page works for both, across the two organisations.
  for (const person of [mentor, mentee]) expect((await get(`/reunions/${firstId}`, person.id)).status).toBe(200);
  expect((await get(`/reunions/${firstId}`, (await createUser(t.db, { orgId: orgA.id, roles: ["alumnus"] })).id)).status).toBe(404);
  // The check-in is the pair's: the mentor's organisation admins, who oversee ordinary reunions, do not see it.
  const orgAdmin = await createUser(t.db, { orgId: orgA.id, roles: ["org_admin"] });
  expect((await get(`/reunions/${firstId}`, orgAdmin.id)).status).toBe(404);
  expect((await get(`/reunions/${firstId}.ics`, orgAdmin.id)).status).toBe(404);
  expect(mainText(await (await get("/reunions", mentor.id)).text())).toContain(rows[0]!.title);
  expect(mainText(await (await get("/reunions", orgAdmin.id)).text())).not.toContain(rows[0]!.title);

  // Each sees the dates on their own clock: the mentee in New York, the mentor in UTC.
  const menteeView = mainText(await (await get(`/mentoring/${pair.id}`, mentee.id)).text());
  expect(menteeView).toContain(`10 Feb ${nextYear}, 13:00 (America/New York)`);
  expect(menteeView).toContain(`10 Apr ${nextYear}, 13:00 (America/New York)`);
  const mentorView = mainText(await (await get(`/mentoring/${pair.id}`, mentor.id)).text());
  expect(mentorView).toContain(`10 Apr ${nextYear}, 17:00 (UTC)`);
});

test("either of the pair may cancel a check-in, whoever planned it; nobody else sees it", async () => {
  const { mentor, mentee, pair } = await runningPair();
  const id = await scheduleCheckIn(t.db, mentor, pair.id, { date: `${nextYear}-03-03`, startTime: "09:00", endTime: "09:30", timeZone: "UTC", location: "", onlineUrl: "https://meet.example.test/x", count: 1 }, "en");
  const stranger = await createUser(t.db, { orgId: mentor.orgId, roles: ["org_admin"] });
  await expect(cancelReunion(t.db, stranger, id, { reason: "Not theirs." })).rejects.toMatchObject({ status: 404 });
  await cancelReunion(t.db, mentee, id, { reason: "I am travelling that week." });
  expect((await t.db.select().from(reunions).where(eq(reunions.id, id)))[0]!.status).toBe("cancelled");
});

test("a check-in is planned from the pair space; bad dates and no place are refused with the input kept", async () => {
  const { mentor, pair } = await runningPair();
  const form = (overrides: Record<string, string>) => ({
    intent: "check-in",
    date: `${nextYear}-05-04`,
    startTime: "09:00",
    endTime: "09:45",
    timeZone: "Europe/Amsterdam",
    location: "",
    onlineUrl: "https://meet.example.test/weekly",
    count: "1",
    ...overrides,
  });
  const past = await post(pair.id, mentor.id, form({ date: "2020-01-06" }));
  expect(past.status).toBe(400);
  const pastHtml = await past.text();
  expect(mainText(pastHtml)).toContain("The check-in is in the past. Choose a date still to come.");
  expect(pastHtml).toContain('value="2020-01-06"');
  const nowhere = await post(pair.id, mentor.id, form({ onlineUrl: "" }));
  expect(nowhere.status).toBe(400);
  expect(mainText(await nowhere.text())).toContain("Say where you meet: a place, an online link, or both.");
  const many = await post(pair.id, mentor.id, form({ count: "13" }));
  expect(many.status).toBe(400);
  expect(mainText(await many.text())).toContain("Schedule at most 12 check-ins at once.");
  expect(await t.db.select().from(reunions).where(eq(reunions.mentorshipId, pair.id))).toEqual([]);

  const planned = await post(pair.id, mentor.id, form({}));
  expect(planned.status).toBe(302);
  const [row] = await t.db.select().from(reunions).where(eq(reunions.mentorshipId, pair.id));
  expect(row!.startsAt!.toISOString()).toBe(`${nextYear}-05-04T07:00:00.000Z`);
});

test("the end date is set, changed and cleared while the pair runs", async () => {
  const { mentee, pair } = await runningPair();
  expect((await post(pair.id, mentee.id, { intent: "ends-on", endsOn: `${nextYear}-06-30` })).status).toBe(302);
  expect((await t.db.select().from(mentorships).where(eq(mentorships.id, pair.id)))[0]!.endsOn).toBe(`${nextYear}-06-30`);
  expect(mainText(await (await get(`/mentoring/${pair.id}`, mentee.id)).text())).toContain(`30 Jun ${nextYear}`);
  const past = await post(pair.id, mentee.id, { intent: "ends-on", endsOn: "2021-03-01" });
  expect(past.status).toBe(400);
  expect(mainText(await past.text())).toContain("This date has passed.");
  const nonsense = await post(pair.id, mentee.id, { intent: "ends-on", endsOn: "someday" });
  expect(nonsense.status).toBe(400);
  expect((await t.db.select().from(mentorships).where(eq(mentorships.id, pair.id)))[0]!.endsOn).toBe(`${nextYear}-06-30`);
  expect((await post(pair.id, mentee.id, { intent: "ends-on", endsOn: "" })).status).toBe(302);
  expect((await t.db.select().from(mentorships).where(eq(mentorships.id, pair.id)))[0]!.endsOn).toBeNull();
});

test("ending with a closing reflection frees the mentor's place; the other adds theirs once", async () => {
  const { orgA, orgB, mentor, mentee, pair } = await runningPair();
  await scheduleCheckIn(t.db, mentor, pair.id, { date: `${nextYear}-01-15`, startTime: "10:00", endTime: "11:00", timeZone: "UTC", location: "Café", onlineUrl: null, count: 2 }, "en");
  // The mentor's only place is taken, so a new mentee cannot ask.
  const newcomer = await createUser(t.db, { orgId: orgB.id });
  const request = await createRequest(t.db, newcomer, { scope: "any_org" });
  const askAgain = async () => postForm(server, `/mentoring/requests/${request.id}`, { intent: "ask", mentorId: mentor.id, message: "" }, await sessionCookieFor(t.db, newcomer.id));
  expect((await askAgain()).status).toBe(409);

  const empty = await post(pair.id, mentee.id, { intent: "end", reflection: "" });
  expect(empty.status).toBe(400);
  expect(mainText(await empty.text())).toContain("Write a short reflection");
  expect((await t.db.select().from(mentorships).where(eq(mentorships.id, pair.id)))[0]!.status).toBe("active");

  expect((await post(pair.id, mentee.id, { intent: "end", reflection: "I learned to say no kindly." })).status).toBe(302);
  const [ended] = await t.db.select().from(mentorships).where(eq(mentorships.id, pair.id));
  expect(ended!.status).toBe("ended");
  expect(ended!.endedAt).not.toBeNull();
  const checkIns = await t.db.select().from(reunions).where(eq(reunions.mentorshipId, pair.id));
  expect(checkIns.map((c) => c.status)).toEqual(["cancelled", "cancelled"]);
  const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, pair.id), eq(auditEvents.action, "mentorship.ended")));
  expect(audit).toMatchObject({ targetType: "mentorship", ownerOrgId: orgA.id, actorId: mentee.id });
  expect(orgB.id).not.toBe(orgA.id);

  // The place is free again.
  expect((await askAgain()).status).toBe(302);

  // Nothing more changes in an ended pair, but each person reflects once.
  const lateGoal = await post(pair.id, mentor.id, { intent: "add-goal", goal: "Too late" });
  expect(lateGoal.status).toBe(409);
  expect((await post(pair.id, mentee.id, { intent: "reflect", reflection: "A second thought" })).status).toBe(409);
  expect((await post(pair.id, mentor.id, { intent: "reflect", reflection: "A pleasure to see the growth." })).status).toBe(302);
  expect((await post(pair.id, mentor.id, { intent: "reflect", reflection: "Once more" })).status).toBe(409);
  const reflections = await t.db.select().from(mentorshipReflections).where(eq(mentorshipReflections.mentorshipId, pair.id));
  expect(reflections.map((r) => r.text).sort()).toEqual(["A pleasure to see the growth.", "I learned to say no kindly."]);
  const page = mainText(await (await get(`/mentoring/${pair.id}`, mentee.id)).text());
  expect(page).toContain("I learned to say no kindly.");
  expect(page).toContain("A pleasure to see the growth.");
  expect(mainText(await (await get("/mentoring", mentor.id)).text())).toContain("Ended");
});

test("an ended pair cannot be ended twice", async () => {
  const org = await createOrg(t.db);
  const mentor = await createUser(t.db, { orgId: org.id, roles: ["alumnus"] });
  const mentee = await createUser(t.db, { orgId: org.id });
  const pair = await createPair(t.db, mentor, mentee, { status: "ended", endedAt: new Date() });
  const res = await post(pair.id, mentor.id, { intent: "end", reflection: "Again" });
  expect(res.status).toBe(409);
  expect(mainText(await res.text())).toContain("This mentoring has already ended.");
});

test("ending the mentoring cancels the check-ins still to come like any cancellation: each audited, their invitations no longer waiting, the other told in one notice", async () => {
  const { mentor, mentee, pair } = await runningPair();
  const first = await scheduleCheckIn(t.db, mentor, pair.id, { date: `${nextYear}-02-15`, startTime: "10:00", endTime: "11:00", timeZone: "UTC", location: "Café", onlineUrl: null, count: 2 }, "en");
  const [invitation] = await t.db.select().from(notifications).where(and(eq(notifications.userId, mentee.id), eq(notifications.link, `/reunions/${first}`)));
  expect(invitation!.readAt).toBeNull();

  expect((await post(pair.id, mentor.id, { intent: "end", reflection: "We reached the goals." })).status).toBe(302);
  const checkIns = await t.db.select().from(reunions).where(eq(reunions.mentorshipId, pair.id));
  const cancelled = await t.db
    .select()
    .from(auditEvents)
    .where(and(inArray(auditEvents.targetId, checkIns.map((c) => c.id)), eq(auditEvents.action, "reunion.cancelled")));
  expect(cancelled).toHaveLength(2);
  // The reason is a message, said in the audit log's reader's language; so is the label.
  expect(cancelled.every((a) => a.reason === "audit:reasons.mentoringEnded" && messageIn("en", a.reason) === "The mentoring ended." && occasionLabelIn("en", a.targetLabel)?.startsWith("Mentoring check-in:"))).toBe(true);
  const [after] = await t.db.select().from(notifications).where(eq(notifications.id, invitation!.id));
  expect(after!.readAt).not.toBeNull();
  const told = await t.db.select().from(notifications).where(eq(notifications.userId, mentee.id));
  expect(told.filter((n) => n.title.startsWith("Cancelled:"))).toHaveLength(0);
  expect(told.find((n) => n.kind === "mentoring" && n.title.endsWith("ended your mentoring"))!.body).toContain("The 2 check-ins still to come are cancelled.");
});

test("the same check-in planned twice at one time is refused, naming the one already planned", async () => {
  const { mentor, mentee, pair } = await runningPair();
  const input = { date: `${nextYear}-03-15`, startTime: "10:00", endTime: "11:00", timeZone: "UTC", location: "Café", onlineUrl: null, count: 1 };
  await scheduleCheckIn(t.db, mentor, pair.id, input, "en");
  const refused = await scheduleCheckIn(t.db, mentee, pair.id, input, "en").catch((e: InputError) => e);
  expect(refused).toMatchObject({ status: 400 });
  expect(nestedMessageIn("en", (refused as InputError).fieldErrors.date!)).toMatch(/^You already have a check-in at this time: “Mentoring check-in: .*”, \d{1,2} [A-Z][a-z]{2} \d{4}, 10:00 \(UTC\)\. Choose another date or time, or change that check-in instead\.$/);
  expect(await t.db.select().from(reunions).where(eq(reunions.mentorshipId, pair.id))).toHaveLength(1);
});
