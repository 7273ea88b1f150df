// Forming groups with the engine, end to end in Chromium: the organisation
// admin sets up, proposes (the run happens in a worker while the page shows
// its progress), compares the proposal with the baselines, drags one person
// into another group (the score and the groups' lines update at once and the
// move is saved), publishes, and that person finds their group on /programme.
import { eq, inArray } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { cohortMembers, departments, formationPlans, groupMembers, groups, sites, users } from "../../db/schema";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { createCohort } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { expectVisible, launchBrowser, pageWithSession, waitForHydration } from "./support/browser";

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

async function pageAs(userId: string): Promise<Page> {
  return pageWithSession(browser, server.services.config.publicOrigin, await sessionCookieFor(t.db, userId), { contexts, pageErrors });
}

test("set up, propose, drag one person, publish; the person sees their group", async () => {
  const org = await createOrg(t.db, { name: "Harbour Logistics (test)" });
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"], name: "Noor Admin" });
  const depts = await t.db.insert(departments).values(["Finance", "Sales", "Operations", "People"].map((name) => ({ orgId: org.id, name }))).returning();
  const siteRows = await t.db.insert(sites).values(["Quay", "Hill"].map((name) => ({ orgId: org.id, name }))).returning();
  const people = [];
  for (let i = 0; i < 16; i++) {
    const p = await createUser(t.db, { orgId: org.id, roles: ["participant"], name: `Member ${String.fromCharCode(65 + i)}` });
    await t.db.update(users).set({ departmentId: depts[i % 4]!.id, siteId: siteRows[i % 2]!.id }).where(eq(users.id, p.id));
    people.push(p);
  }
  const cohort = await createCohort(t.db, { orgId: org.id, createdBy: admin.id, name: "Spring intake", groupSizeMin: 4, groupSizeMax: 6 });
  await t.db.insert(cohortMembers).values(people.map((p) => ({ cohortId: cohort.id, userId: p.id })));

  const page = await pageAs(admin.id);
  await page.goto(`/org/cohorts/${cohort.id}`);
  await waitForHydration(page);
  await page.getByRole("link", { name: "Form the groups with the engine" }).click();
  await expectVisible(page.getByRole("heading", { name: "Form the groups of Spring intake" }));
  // Rule reach is shown before running: four departments of four, more than the cap of two.
  await expectVisible(page.getByText(/At most 2 from one department in a group: 16 people/));
  await page.getByLabel("Mix departments").selectOption("strongly");
  await page.getByLabel("Largest group").fill("4");
  await page.getByLabel("Seconds to search").fill("2");
  await page.getByRole("button", { name: "Save and propose groups" }).click();

  // The run page: progress first, then the proposal once the worker is done.
  await page.waitForURL(/\/formation\/[0-9a-f-]{36}$/);
  await expectVisible(page.getByRole("heading", { name: "Compared with two simple ways of splitting" }), 20_000);
  const planId = page.url().split("/").pop()!;
  await expectVisible(page.getByRole("row", { name: /Random split/ }));
  await expectVisible(page.getByRole("row", { name: /By department/ }));
  await expectVisible(page.locator('img[alt*="Proposal:"]'));
  // 16 people in groups of exactly 4: four groups, each with a line saying why it is mixed.
  await expect.poll(() => page.locator("section.formation-group").count()).toBe(4);
  expect(await page.getByTestId("group-line").first().textContent()).toMatch(/\d departments?, \d sites?, nobody has met before/);
  await waitForHydration(page);

  // Drag the first person of group 1 into group 2.
  const [plan] = await t.db.select().from(formationPlans).where(eq(formationPlans.id, planId));
  const mover = plan!.people.find((_, i) => plan!.assignment![i] === 0)!;
  const scoreBefore = await page.getByTestId("live-score").textContent();
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(planId));
  await page.dragAndDrop(`li[data-person="${mover}"]`, 'section[data-group="1"] h3');
  await saved;
  await expect.poll(() => page.locator('section[data-group="1"]').locator(`li[data-person="${mover}"]`).count()).toBe(1);
  expect(await page.locator('section[data-group="1"] h3').textContent()).toContain("(5)");
  // Five in one group and three in another breaks the sizes: the page says so at once, and the score moved.
  await expectVisible(page.getByRole("alert").filter({ hasText: /should have exactly 4/ }));
  expect(await page.getByTestId("live-score").textContent()).not.toBe(scoreBefore);
  await expect
    .poll(async () => {
      const [row] = await t.db.select().from(formationPlans).where(eq(formationPlans.id, planId));
      return row!.assignment![row!.people.indexOf(mover)];
    })
    .toBe(1);

  // A reload shows the move kept.
  await page.reload();
  await waitForHydration(page);
  expect(await page.locator('section[data-group="1"]').locator(`li[data-person="${mover}"]`).count()).toBe(1);

  await page.getByRole("button", { name: /Publish these 4 groups/ }).click();
  await page.waitForURL(/\/org\/cohorts\/[0-9a-f-]{36}\/groups\?saved=published/);
  const formed = await t.db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.cohortId, cohort.id));
  expect(formed).toHaveLength(4);
  const membership = await t.db.select().from(groupMembers).where(inArray(groupMembers.groupId, formed.map((g) => g.id)));
  expect(membership).toHaveLength(16);
  const moverGroup = formed.find((g) => g.id === membership.find((m) => m.userId === mover)!.groupId)!;
  expect(membership.filter((m) => m.groupId === moverGroup.id)).toHaveLength(5);

  // The person who was moved sees their group on /programme.
  const member = await pageAs(mover);
  await member.goto("/programme");
  await waitForHydration(member);
  await expectVisible(member.getByText(moverGroup.name).first());
  expect(pageErrors).toEqual([]);
});
