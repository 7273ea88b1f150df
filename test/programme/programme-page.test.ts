// /programme: a member sees their group's cycle and their own part in it, a
// facilitator sees how each group is doing, someone outside the programme
// reads a friendly empty state, and nobody sees another group's meetings.
import { eq } from "drizzle-orm";
import { loadProgrammePage } from "~/domain/programme/programme-page.server";
import { cohorts, cycleMeetings, meetingEvaluationReceipts, meetingEvaluations, meetingModuleVotes, takeaways } from "../../db/schema";
import { countingQueries } from "../support/counting-queries";
import { createPublishedModule, createUser, sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
import { createCycle, createProgrammeGroup, monthlyMeetings, programmeSetting, recordAttendanceRows } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

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

async function page(userId: string, path = "/programme") {
  const res = await server.request(path, { headers: { Cookie: await sessionCookieFor(t.db, userId) } });
  expect(res.status).toBe(200);
  const html = await res.text();
  return { html, text: mainText(html) };
}

/** A group two meetings into a six-meeting cycle, the first two attended by everyone, with a module to vote on for the third. */
async function groupInItsThirdMeeting() {
  const s = await programmeSetting(t.db);
  const author = await createUser(t.db, { orgId: s.org.id, roles: ["thought_leader"] });
  const module = await createPublishedModule(t.db, { authorId: author.id, title: "Where does the week go" });
  const { cycle, meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 2).map((m, i) => ({ ...m, moduleId: i <= 2 ? module.id : null })) });
  const everyone = (status: "present" | "absent") => Object.fromEntries(s.people.map((p) => [p.id, status]));
  await recordAttendanceRows(t.db, meetings[0]!.id, everyone("present"), s.facilitator.id);
  await recordAttendanceRows(t.db, meetings[1]!.id, { ...everyone("present"), [s.people[5]!.id]: "absent" }, s.facilitator.id);
  return { ...s, module, cycle, meetings };
}

describe("a member's programme", () => {
  test("shows their group, the cycle's meetings with their own attendance, the next meeting with its calendar file and module vote", async () => {
    const s = await groupInItsThirdMeeting();
    const me = s.people[0]!;
    const { participant, facilitator } = await loadProgrammePage(t.db, me);
    expect(facilitator).toEqual([]);
    expect(participant).toHaveLength(1);
    const g = participant[0]!;
    expect(g.id).toBe(s.group.id);
    expect(g.meetings.map((m) => m.attendance)).toEqual(["present", "present", null, null, null, null]);
    expect(g.next?.id).toBe(s.meetings[2]!.id);
    expect(g.voteToCast?.id).toBe(s.meetings[2]!.id);
    expect(g.goalToWrite).toBe(true);

    const { html, text } = await page(me.id);
    expect(html).toContain(`href="/groups/${s.group.id}/cycle"`);
    expect(html).toContain(`href="/reunions/${s.meetings[2]!.id}.ics"`);
    expect(html).toContain(`href="/programme/meetings/${s.meetings[2]!.id}"`);
    expect(text).toContain("Vote for the module");
    expect(text).toContain("You were there");
    // The site's navigation leads participants and facilitators here.
    expect(html).toMatch(/<a[^>]*href="\/programme"[^>]*>Programme<\/a>/);

    await t.db.insert(meetingModuleVotes).values({ reunionId: s.meetings[2]!.id, userId: me.id, moduleId: s.module.id });
    expect((await page(me.id)).text).toContain("you voted for Where does the week go");
    expect((await loadProgrammePage(t.db, me)).participant[0]!.voteToCast).toBeNull();
  });

  test("asks for the evaluation of a meeting the person was present at, until they have given it; never for one they missed", async () => {
    const s = await groupInItsThirdMeeting();
    const absentee = s.people[5]!;
    const evaluations = (await loadProgrammePage(t.db, absentee)).participant[0]!.evaluationsToGive;
    expect(evaluations.map((m) => m.number)).toEqual([1]);
    const me = s.people[0]!;
    expect((await loadProgrammePage(t.db, me)).participant[0]!.evaluationsToGive.map((m) => m.number)).toEqual([1, 2]);
    expect((await page(me.id)).html).toContain(`href="/programme/meetings/${s.meetings[1]!.id}/evaluate"`);
    await t.db.insert(meetingEvaluationReceipts).values({ reunionId: s.meetings[1]!.id, userId: me.id });
    expect((await loadProgrammePage(t.db, me)).participant[0]!.evaluationsToGive.map((m) => m.number)).toEqual([1]);
  });

  test("another group's meetings and figures are never shown", async () => {
    const s = await groupInItsThirdMeeting();
    const elsewhere = await createUser(t.db, { orgId: s.org.id, roles: ["participant"] });
    const otherFacilitator = await createUser(t.db, { orgId: s.org.id, roles: ["facilitator"] });
    const other = await createProgrammeGroup(t.db, { orgId: s.org.id, cohortId: s.cohort.id, facilitatorId: otherFacilitator.id, memberIds: [elsewhere.id], name: "Circle of elsewhere" });
    await createCycle(t.db, { group: other, facilitatorId: otherFacilitator.id, meetings: monthlyMeetings(6, 1) });
    const mine = await loadProgrammePage(t.db, s.people[0]!);
    expect(mine.participant.map((g) => g.id)).toEqual([s.group.id]);
    const theirs = await loadProgrammePage(t.db, elsewhere);
    expect(theirs.participant.map((g) => g.id)).toEqual([other.id]);
    expect(theirs.participant[0]!.meetings.every((m) => !s.meetings.some((x) => x.id === m.id))).toBe(true);
    const { text, html } = await page(elsewhere.id);
    expect(text).not.toContain(s.group.name);
    expect(html).not.toContain(s.meetings[2]!.id);
    // The other facilitator sees only their own group.
    expect((await loadProgrammePage(t.db, otherFacilitator)).facilitator.map((g) => g.id)).toEqual([other.id]);
  });
});

describe("take-aways from the last meeting", () => {
  test("a member answers “did you try it?” right on the page; a bad answer keeps the page and changes nothing", async () => {
    const s = await groupInItsThirdMeeting();
    const me = s.people[1]!;
    const [mine] = await t.db.insert(takeaways).values({ userId: me.id, moduleId: s.module.id, meetingId: s.meetings[1]!.id, text: "Protect Thursday mornings" }).returning();
    const [someoneElses] = await t.db.insert(takeaways).values({ userId: s.people[2]!.id, moduleId: s.module.id, meetingId: s.meetings[1]!.id, text: "Call Logistics first" }).returning();
    const cookie = await sessionCookieFor(t.db, me.id);

    const { text } = await page(me.id);
    expect(text).toContain("From your last meeting: did you try it?");
    expect(text).toContain("Protect Thursday mornings");
    expect(text).not.toContain("Call Logistics first");

    const bad = await postForm(server, "/programme", { intent: "takeaway-follow-up", takeawayId: mine!.id, followUp: "maybe" }, cookie);
    expect(bad.status).toBe(400);
    expect(mainText(await bad.text())).toContain("Say whether you tried it, not yet, or dropped it.");
    const notMine = await postForm(server, "/programme", { intent: "takeaway-follow-up", takeawayId: someoneElses!.id, followUp: "tried" }, cookie);
    expect(notMine.status).toBe(400);
    const [untouched] = await t.db.select().from(takeaways).where(eq(takeaways.id, someoneElses!.id));
    expect(untouched!.followUp).toBeNull();

    const ok = await postForm(server, "/programme", { intent: "takeaway-follow-up", takeawayId: mine!.id, followUp: "tried" }, cookie);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toContain("/programme?saved=follow-up");
    const [saved] = await t.db.select().from(takeaways).where(eq(takeaways.id, mine!.id));
    expect(saved!.followUp).toBe("tried");
    expect(saved!.followedUpAt).not.toBeNull();
    expect((await page(me.id, "/programme?saved=follow-up")).text).toContain("Your answer is saved.");
  });
});

describe("a facilitator's programme", () => {
  test("shows each group's next meeting and module, the evaluations waiting as a count, and a group ready to run itself", async () => {
    const s = await groupInItsThirdMeeting();
    // Meetings 1 and 2 felt safe: three evaluations each, from the first three members.
    const evaluation = { usefulness: 5, safety: 5, willTry: true };
    await t.db.insert(meetingEvaluations).values([1, 2, 3].map(() => ({ reunionId: s.meetings[0]!.id, ...evaluation })));
    await t.db.insert(meetingEvaluations).values([1, 2, 3].map(() => ({ reunionId: s.meetings[1]!.id, ...evaluation })));
    await t.db.insert(meetingEvaluationReceipts).values(s.people.slice(0, 3).flatMap((p) => s.meetings.slice(0, 2).map((m) => ({ reunionId: m.id, userId: p.id }))));
    // The handover may happen from meeting 3 on in this cohort.
    await t.db.update(cohorts).set({ handoverFromMeeting: 3 }).where(eq(cohorts.id, s.cohort.id));
    await t.db.update(cycleMeetings).set({ moduleConfirmedAt: new Date() }).where(eq(cycleMeetings.reunionId, s.meetings[2]!.id));

    const { facilitator, participant } = await loadProgrammePage(t.db, s.facilitator);
    expect(participant).toEqual([]);
    const g = facilitator[0]!;
    expect(g.next?.number).toBe(3);
    expect(g.next?.module?.title).toBe("Where does the week go");
    // Meeting 1: 6 present, 3 answered; meeting 2: 5 present, 3 answered.
    expect(g.evaluationsWaiting).toBe(3 + 2);
    expect(g.stepBack?.suggest).toBe(true);
    expect(g.risk.atRisk).toBe(false);

    const { text, html } = await page(s.facilitator.id);
    expect(text).toContain("Groups you facilitate (1)");
    expect(text).toContain("1 group ready to run itself");
    expect(text).toContain("5 evaluations waiting");
    expect(text).toContain("Where does the week go (confirmed)");
    expect(html).toContain(`href="/programme/meetings/${s.meetings[2]!.id}"`);
  });

  test("a group whose attendance collapsed is at risk, with the reason", async () => {
    const s = await programmeSetting(t.db);
    const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 2) });
    await recordAttendanceRows(t.db, meetings[0]!.id, Object.fromEntries(s.people.map((p) => [p.id, "present"])));
    await recordAttendanceRows(t.db, meetings[1]!.id, Object.fromEntries(s.people.map((p, i) => [p.id, i < 2 ? "present" : "absent"])));
    const g = (await loadProgrammePage(t.db, s.facilitator)).facilitator[0]!;
    expect(g.risk.atRisk).toBe(true);
    expect((await page(s.facilitator.id)).text).toContain("Only 33% came to meeting 2.");
  });
});

test("someone with no part in the programme reads a friendly empty state", async () => {
  const s = await programmeSetting(t.db);
  const { text, html } = await page(s.admin.id);
  expect(text).toContain("You are not in a programme group yet.");
  expect(html).not.toMatch(/<a[^>]*href="\/programme"[^>]*>Programme<\/a>/);
  expect(await loadProgrammePage(t.db, s.outsider)).toEqual({ participant: [], facilitator: [] });
});

test("the page costs the same few queries for a facilitator of one group as of six", async () => {
  const s = await groupInItsThirdMeeting();
  const measure = async () => {
    const counting = countingQueries(t.db);
    const page = await loadProgrammePage(counting.db, s.facilitator);
    return { queries: counting.count(), groups: page.facilitator.length };
  };
  const one = await measure();
  for (let i = 0; i < 5; i++) {
    const members = await Promise.all([0, 1, 2, 3].map(() => createUser(t.db, { orgId: s.org.id, roles: ["participant"] })));
    const group = await createProgrammeGroup(t.db, { orgId: s.org.id, cohortId: s.cohort.id, facilitatorId: s.facilitator.id, memberIds: members.map((m) => m.id) });
    const { meetings } = await createCycle(t.db, { group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 2) });
    await recordAttendanceRows(t.db, meetings[0]!.id, Object.fromEntries(members.map((m) => [m.id, "present"])));
  }
  const six = await measure();
  expect([one.groups, six.groups]).toEqual([1, 6]);
  expect(six.queries).toBe(one.queries);
  expect(six.queries).toBeLessThanOrEqual(8);
});
