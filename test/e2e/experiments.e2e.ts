// A cohort experiment, end to end in Chromium: the organisation admin
// describes it, registers it (the page then offers no edit), and assigns it
// at random; the seed is shown.
import type { BrowserContext, Page } from "playwright-core";
import { departments, insightUnits, kpiValues, unitHeadcounts } from "../../db/schema";
import { addMonths } from "../../app/domain/insights/period";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
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

test("describe, register and assign an experiment", async () => {
  const org = await createOrg(t.db, { name: "Harbour Logistics (test)" });
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
  const names = ["Finance", "Sales", "Operations", "People", "IT", "Logistics"];
  const depts = await t.db.insert(departments).values(names.map((name) => ({ orgId: org.id, name }))).returning();
  const units = await t.db.insert(insightUnits).values(depts.map((d) => ({ orgId: org.id, kind: "department" as const, departmentId: d.id }))).returning();
  const months = Array.from({ length: 12 }, (_, m) => addMonths("2024-01-01", m));
  await t.db.insert(kpiValues).values(units.flatMap((u, i) => months.map((period, m) => ({ orgId: org.id, unitId: u.id, period, metric: "revenue", value: 100 + i + m }))));
  await t.db.insert(unitHeadcounts).values(units.flatMap((u, i) => months.map((period) => ({ orgId: org.id, unitId: u.id, period, headcount: 10 + i }))));

  const page: Page = await pageWithSession(browser, server.services.config.publicOrigin, await sessionCookieFor(t.db, admin.id), { contexts, pageErrors });
  await page.goto("/org/insights/experiments");
  await waitForHydration(page);
  await page.getByLabel("Title", { exact: true }).fill("Alumni get a mentor");
  await page.getByLabel("The initiative", { exact: true }).fill("Alumni in treated departments get a mentor for six months.");
  await page.getByLabel("Hypothesis").fill("Revenue rises by about 2%.");
  await page.getByRole("radio", { name: "Departments" }).check();
  for (const name of names) await page.getByRole("checkbox", { name }).check();
  await page.getByLabel("Primary outcome").selectOption("revenue");
  await page.getByLabel("The initiative starts in").fill("2024-07");
  await page.getByLabel("Size bands (strata)").fill("3");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expectVisible(page.getByText("The draft is saved."));

  await page.getByRole("button", { name: "Register" }).click();
  await expectVisible(page.getByText("The experiment is registered."));
  // Registered today (UTC), written as an English reader expects, e.g. "7 Dec 2026".
  const today = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date());
  await expectVisible(page.getByText(`Registered on ${today}; locked since.`));
  expect(await page.getByRole("button", { name: "Save changes" }).count()).toBe(0);

  await page.getByRole("button", { name: "Assign at random" }).click();
  await expectVisible(page.getByText("The units are assigned."));
  const arms = await page.getByRole("table", { name: "Assignment" }).locator("tbody tr td:nth-child(4)").allTextContents();
  expect(arms.filter((a) => a === "Treated arm")).toHaveLength(3);
  expect(arms.filter((a) => a === "Control arm")).toHaveLength(3);
  await expectVisible(page.getByRole("table", { name: "Raw trends" }));
  expect(pageErrors).toEqual([]);
});
