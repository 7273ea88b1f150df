// The programme end to end in Chromium: an organisation admin creates a
// cohort and enrols people, forms two groups; the facilitator schedules the
// cycle; the group votes a module and the facilitator confirms it; the first
// meeting runs in session mode, where ticking who is here records attendance;
// members give the one-minute evaluation; after the last meeting the continue
// vote carries and the members who came often enough become alumni.
//
// This file runs its own server in-process on a fresh database (not the
// shared demo server), because it moves the meetings through time: the
// meetings' dates are shifted in the database and the programme's timed
// work runs with an explicit `now`, as the job would a month later.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { runProgrammeJobs } from "../../app/domain/programme/programme-jobs.server";
import { cohorts, cycleMeetings, cycles, groups, meetingAttendance, meetingEvaluations, programmeModules, reunions, userRoles } from "../../db/schema";
import { createOrg, createPublishedModule, createUser, sessionCookieFor } from "../support/factories";
import { createCycle, monthlyMeetings, programmeSetting } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { expectVisible, launchBrowser, pageWithSession, waitForHydration } from "./support/browser";

const MINUTE = 60_000;
const DAY = 86_400_000;

let t: TestDatabase;
let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startTestServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.stop();
  await t?.drop();
});

/** A signed-in page for this person on the in-process server. */
async function pageAs(userId: string): Promise<Page> {
  return pageWithSession(browser, server.services.config.publicOrigin, await sessionCookieFor(t.db, userId), { contexts, pageErrors });
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await waitForHydration(page);
}

/** Submits a form (a POST) and waits for its answer and the page's data that follows it. */
async function submitAndWait(page: Page, click: () => Promise<void>) {
  const answered = page.waitForResponse((response) => response.request().method() === "POST");
  await click();
  await answered;
  await page.waitForLoadState("networkidle");
  await waitForHydration(page);
}

/** Moves a meeting so it starts `startOffset` from now and lasts 90 minutes. */
async function moveMeeting(reunionId: string, startOffset: number) {
  const startsAt = new Date(Date.now() + startOffset);
  await t.db
    .update(reunions)
    .set({ startsAt, endsAt: new Date(startsAt.getTime() + 90 * MINUTE) })
    .where(eq(reunions.id, reunionId));
}

test("a cohort from enrolment to alumni, through the pages people use", async () => {
  const origin = server.services.config.publicOrigin;
  const org = await createOrg(t.db, { name: "Kestrel Foods (test)" });
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"], name: "Ines Admin" });
  const facilitator = await createUser(t.db, { orgId: org.id, roles: ["facilitator"], name: "Farid Facilitator" });
  const members = await Promise.all(
    ["Amara", "Bruno", "Chen", "Dora", "Emil", "Fenna"].map((first) => createUser(t.db, { orgId: org.id, roles: [], name: `${first} Kestrel` })),
  );
  const author = await createUser(t.db, { orgId: org.id, roles: ["thought_leader"] });
  const listening = await createPublishedModule(t.db, { authorId: author.id, title: "Listening before answering" });
  const feedback = await createPublishedModule(t.db, { authorId: author.id, title: "Feedback that lands" });
  await t.db.insert(programmeModules).values([listening, feedback].map((m) => ({ orgId: org.id, moduleId: m.id })));

  // 1. The admin creates the cohort and enrols the six by picking them.
  const adminPage = await pageAs(admin.id);
  await open(adminPage, "/org/cohorts");
  await adminPage.getByLabel("Name", { exact: true }).fill("Spring 2027, Kestrel operations");
  await submitAndWait(adminPage, () => adminPage.getByRole("button", { name: "Create cohort" }).click());
  await adminPage.waitForURL(/\/org\/cohorts\/[0-9a-f-]{36}/);
  const cohortId = new URL(adminPage.url()).pathname.split("/")[3]!;
  await expectVisible(adminPage.getByRole("heading", { name: /Spring 2027, Kestrel operations/ }).first());

  await adminPage.getByLabel("Find people by name or email").fill("Kestrel");
  await Promise.all([adminPage.waitForURL(/q=Kestrel/), adminPage.getByRole("button", { name: "Find" }).click()]);
  for (const m of members) await adminPage.getByRole("checkbox", { name: new RegExp(m.name) }).check();
  await submitAndWait(adminPage, () => adminPage.getByRole("button", { name: "Enrol the people ticked" }).click());
  const enrolled = await t.db.select().from(userRoles).where(and(eq(userRoles.role, "participant"), inArray(userRoles.userId, members.map((m) => m.id))));
  expect(enrolled).toHaveLength(6);

  // 2. Two groups, formed by hand, each with the facilitator.
  await open(adminPage, `/org/cohorts/${cohortId}/groups`);
  for (const name of ["Circle North", "Circle South"]) {
    await adminPage.getByLabel("New group's name").fill(name);
    await submitAndWait(adminPage, () => adminPage.getByRole("button", { name: "Add a group" }).click());
    await expectVisible(adminPage.getByRole("heading", { name: new RegExp(name) }));
  }
  for (const [i, m] of members.entries()) {
    await adminPage.getByLabel(`Move ${m.name} to`).selectOption({ label: i < 3 ? "Circle North" : "Circle South" });
    await submitAndWait(adminPage, () => adminPage.getByRole("button", { name: `Move ${m.name}` }).click());
  }
  for (const name of ["Circle North", "Circle South"]) {
    const section = adminPage.locator("section.card", { has: adminPage.getByRole("heading", { name: new RegExp(name) }) });
    await section.getByLabel("Facilitator").selectOption({ label: facilitator.name });
    await submitAndWait(adminPage, () => section.getByRole("button", { name: "Set facilitator" }).click());
  }
  const [north] = await t.db.select().from(groups).where(and(eq(groups.cohortId, cohortId), eq(groups.name, "Circle North")));
  expect(north).toBeTruthy();
  const northMembers = members.slice(0, 3);
  await expectVisible(adminPage.getByRole("heading", { name: /Not in a group \(0\)/ }));

  // 3. The facilitator schedules the cycle: six monthly meetings.
  const facilitatorPage = await pageAs(facilitator.id);
  await open(facilitatorPage, `/groups/${north!.id}/cycle`);
  const firstDate = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
  await facilitatorPage.getByLabel("Date of the first meeting").fill(firstDate);
  await facilitatorPage.getByLabel("Start time").fill("17:30");
  await facilitatorPage.getByLabel("Place", { exact: true }).fill("Room 4, Kestrel head office");
  await submitAndWait(facilitatorPage, () => facilitatorPage.getByRole("button", { name: "Schedule the meetings" }).click());
  const [cycle] = await t.db.select().from(cycles).where(eq(cycles.groupId, north!.id));
  const meetingRows = await t.db.select().from(cycleMeetings).where(eq(cycleMeetings.cycleId, cycle!.id)).orderBy(asc(cycleMeetings.number));
  expect(meetingRows.map((m) => m.number)).toEqual([1, 2, 3, 4, 5, 6]);
  const meetingIds = meetingRows.map((m) => m.reunionId);
  // A member sees the cycle but not the scheduling controls.
  const memberPages = await Promise.all(northMembers.map((m) => pageAs(m.id)));
  await open(memberPages[0]!, `/groups/${north!.id}/cycle`);
  expect(await memberPages[0]!.getByRole("button", { name: "Schedule the meetings" }).count()).toBe(0);

  // 4. The group votes the first meeting's module; the facilitator confirms the winner.
  for (const page of memberPages.slice(0, 2)) {
    await open(page, `/programme/meetings/${meetingIds[0]}`);
    await submitAndWait(page, () => page.getByRole("button", { name: "Vote for Listening before answering" }).click());
    await expectVisible(page.getByText("· your vote"));
  }
  await open(memberPages[2]!, `/programme/meetings/${meetingIds[0]}`);
  await submitAndWait(memberPages[2]!, () => memberPages[2]!.getByRole("button", { name: "Vote for Feedback that lands" }).click());
  await open(facilitatorPage, `/programme/meetings/${meetingIds[0]}`);
  await submitAndWait(facilitatorPage, () => facilitatorPage.getByRole("button", { name: "Confirm Listening before answering" }).click());
  await expectVisible(facilitatorPage.getByText(/Confirmed:/));

  // 5. The first meeting begins; the facilitator runs it in session mode and ticks who is here.
  await moveMeeting(meetingIds[0]!, -10 * MINUTE);
  await runProgrammeJobs(t.db, { origin });
  await open(facilitatorPage, `/programme/meetings/${meetingIds[0]}`);
  await Promise.all([facilitatorPage.waitForURL(/\/session\?/), facilitatorPage.getByRole("link", { name: "Run it in session mode" }).click()]);
  await expectVisible(facilitatorPage.getByRole("heading", { name: "Who is here?" }));
  for (const m of northMembers) await facilitatorPage.getByRole("checkbox", { name: m.name }).check();
  await submitAndWait(facilitatorPage, () => facilitatorPage.getByRole("button", { name: "Record who is here and start with page 1" }).click());
  const firstAttendance = await t.db.select().from(meetingAttendance).where(eq(meetingAttendance.reunionId, meetingIds[0]!));
  expect(firstAttendance.filter((a) => a.status === "present").map((a) => a.userId).sort()).toEqual(northMembers.map((m) => m.id).sort());

  // 6. The meeting ends; each member is asked for the one-minute evaluation and answers it.
  await moveMeeting(meetingIds[0]!, -3 * 60 * MINUTE);
  await runProgrammeJobs(t.db, { origin });
  for (const [i, page] of memberPages.entries()) {
    await open(page, `/programme/meetings/${meetingIds[0]}/evaluate`);
    await page.getByRole("group", { name: /How useful/ }).getByLabel(String(4 + (i % 2)), { exact: true }).check();
    await page.getByRole("group", { name: /How safe/ }).getByLabel("4", { exact: true }).check();
    await page.getByRole("group", { name: /Will you try/ }).getByLabel("Yes", { exact: true }).check();
    await submitAndWait(page, () => page.getByRole("button", { name: "Send my answer" }).click());
    await expectVisible(page.getByText(/your answer is saved, without your name/));
  }
  // A second answer is refused, and nothing is stored twice.
  await open(memberPages[0]!, `/programme/meetings/${meetingIds[0]}/evaluate`);
  await expectVisible(memberPages[0]!.getByText(/already/i).first());
  expect(await t.db.select().from(meetingEvaluations).where(eq(meetingEvaluations.reunionId, meetingIds[0]!))).toHaveLength(3);
  // The facilitator sees averages (three answers), never who said what.
  await open(facilitatorPage, `/programme/meetings/${meetingIds[0]}`);
  await expectVisible(facilitatorPage.getByText(/Usefulness 4\.3 of 5 · safety 4\.0 of 5/));
  for (const m of northMembers) expect(await facilitatorPage.locator("#evaluation").getByText(m.name).count()).toBe(0);

  // 7. Meetings 2 to 6 happen; the facilitator records attendance on each meeting's page.
  //    Chen comes only to the first two, Amara and Bruno to all six.
  for (let n = 2; n <= 6; n++) {
    await moveMeeting(meetingIds[n - 1]!, -(8 - n) * DAY);
    await open(facilitatorPage, `/programme/meetings/${meetingIds[n - 1]}`);
    for (const [i, m] of northMembers.entries()) {
      await facilitatorPage.getByLabel(`Attendance of ${m.name}`).selectOption(i === 2 && n > 2 ? "absent" : "present");
    }
    await submitAndWait(facilitatorPage, () => facilitatorPage.getByRole("button", { name: "Save attendance" }).click());
    await expectVisible(facilitatorPage.getByLabel(`Attendance of ${northMembers[0]!.name}`));
  }

  // 8. The last meeting is over: the continue vote opens; two of three vote to continue.
  await runProgrammeJobs(t.db, { origin });
  const [evaluating] = await t.db.select().from(cycles).where(eq(cycles.id, cycle!.id));
  expect(evaluating!.state).toBe("evaluating");
  for (const [i, page] of memberPages.entries()) {
    await open(page, `/groups/${north!.id}/cycle`);
    await page.getByRole("group", { name: /Should the group continue/ }).getByRole("radio").nth(i < 2 ? 0 : 1).check();
    await submitAndWait(page, () => page.getByRole("button", { name: "Vote", exact: true }).click());
  }
  await runProgrammeJobs(t.db, { origin });

  // 9. The vote carried: the next cycle is planned, and those present at four or more meetings are alumni.
  const groupCycles = await t.db.select().from(cycles).where(eq(cycles.groupId, north!.id)).orderBy(asc(cycles.number));
  expect(groupCycles.map((c) => [c.number, c.state])).toEqual([
    [1, "continued"],
    [2, "planned"],
  ]);
  const alumni = await t.db.select({ userId: userRoles.userId }).from(userRoles).where(and(eq(userRoles.role, "alumnus"), inArray(userRoles.userId, northMembers.map((m) => m.id))));
  expect(alumni.map((a) => a.userId).sort()).toEqual([northMembers[0]!.id, northMembers[1]!.id].sort());
  // Amara sees it in the browser: the notification says so.
  await open(memberPages[0]!, "/notifications");
  await expectVisible(memberPages[0]!.getByText("You are now an alumnus of the programme"));
  // The cohort page shows the group's progress to the admin, in aggregate.
  await open(adminPage, `/org/cohorts/${cohortId}`);
  await expectVisible(adminPage.getByText("Circle North").first());
  const [cohort] = await t.db.select().from(cohorts).where(eq(cohorts.id, cohortId));
  expect(cohort!.alumniThreshold).toBe(4);

  expect(pageErrors, "uncaught errors in the browser").toEqual([]);
}, 240_000);

test("a member answers their self-assessment: a missing answer is named and the others kept, then their scores and next steps show", async () => {
  const s = await programmeSetting(t.db);
  await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 1), startedAt: new Date(Date.now() - 10 * DAY) });
  const page = await pageAs(s.people[0]!.id);
  await open(page, "/programme");
  await page.getByRole("link", { name: /Your self-assessment/ }).click();
  await expectVisible(page.getByRole("heading", { name: /Start of the cycle/ }));
  const statement = (n: number) => page.getByRole("group", { name: new RegExp(`^${n}\\. `) });
  for (let n = 1; n <= 9; n++) await statement(n).getByLabel(n % 2 ? "4" : "5 · Very much like me", { exact: true }).check();
  await submitAndWait(page, () => page.getByRole("button", { name: "Save my answers" }).click());
  await expectVisible(page.getByText("Answer statement 10: all ten are needed."));
  expect(await statement(1).getByLabel("4", { exact: true }).isChecked()).toBe(true);
  expect(await statement(2).getByLabel("5 · Very much like me", { exact: true }).isChecked()).toBe(true);
  await statement(10).getByLabel("2", { exact: true }).check();
  await submitAndWait(page, () => page.getByRole("button", { name: "Save my answers" }).click());
  await expectVisible(page.getByText("Your answers are saved. Thank you."));
  await expectVisible(page.getByRole("heading", { name: "Before and after" }));
  await expectVisible(page.getByRole("heading", { name: "Suggested next steps" }));
  expect(pageErrors).toEqual([]);
});
