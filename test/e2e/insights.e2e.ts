// Insights end to end in Chromium: an org admin imports a KPI file (a bad one
// first: a row report, nothing imported, the rows kept in the box), opens the
// analysis, reads the scatter's table, and downloads it as CSV.
import { inArray } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { departments, kpiValues, users } from "../../db/schema";
import { addMonths, periodOf } from "../../app/domain/insights/period";
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

async function pageAs(userId: string): Promise<Page> {
  return pageWithSession(browser, server.services.config.publicOrigin, await sessionCookieFor(t.db, userId), { contexts, pageErrors });
}

test("import a KPI file, open the analysis, read the scatter's table and download it", async () => {
  const org = await createOrg(t.db, { name: "Quayside Stores (test)" });
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"], name: "Ines Admin" });
  const names = ["Bakery", "Dairy", "Fresh", "Frozen", "Tills", "Stockroom"];
  const depts = await t.db.insert(departments).values(names.map((name) => ({ orgId: org.id, name }))).returning();
  // Six people in each department (the admin among Bakery's), so every department is above the floor of 5 and no one is outside them.
  for (const [i, d] of depts.entries()) {
    const people = await Promise.all(Array.from({ length: i === 0 ? 5 : 6 }, () => createUser(t.db, { orgId: org.id })));
    await t.db.update(users).set({ departmentId: d.id }).where(inArray(users.id, [...people.map((p) => p.id), ...(i === 0 ? [admin.id] : [])]));
  }
  const months = [addMonths(periodOf(new Date()), -2), addMonths(periodOf(new Date()), -1)].map((m) => m.slice(0, 7));
  const good = ["unit,period,metric,value", ...names.flatMap((n, i) => months.map((m) => `${n},${m},Waste (%),${(4 + i * 0.5).toFixed(1)}`))].join("\n");
  const bad = `${good}\nCheese,${months[0]},Waste (%),3\nBakery,${months[1]},Waste (%),lots`;

  const page = await pageAs(admin.id);
  await page.goto("/org/insights/data");
  await waitForHydration(page);
  const kpis = page.getByRole("region", { name: "Business figures (KPIs)" });
  await kpis.getByLabel("Unit level").selectOption("department");
  await kpis.getByLabel(/or paste the rows here/).fill(bad);
  await kpis.getByRole("button", { name: /Import business figures/ }).click();
  await expectVisible(page.getByText(/there is no department called "Cheese"/));
  await expectVisible(page.getByText(/"lots" is not a number/));
  expect(await t.db.$count(kpiValues)).toBe(0);
  // The rows are still there to correct.
  await expectVisible(kpis.getByText(/Nothing was imported: 2 rows need attention/));
  const kept = kpis.getByLabel(/or paste the rows here/);
  expect(await kept.inputValue()).toContain("Cheese");
  await kept.fill(good);
  await kpis.getByRole("button", { name: /Import business figures/ }).click();
  await expectVisible(kpis.getByText("Imported 12 rows: 12 new, 0 replaced, 0 unchanged."));

  await page.goto(`/org/insights?level=department&from=${months[0]}&to=${months[1]}`);
  await expectVisible(page.getByRole("heading", { name: "Density against Waste (%)" }));
  await expectVisible(page.getByText("Correlation is not causation", { exact: false }));
  const scatter = page.getByRole("table", { name: "Active share and Waste (%) per unit" });
  await expectVisible(scatter);
  const rows = await scatter.locator("tbody tr").allInnerTexts();
  expect(rows).toHaveLength(6);
  expect(rows[0]!.split("\t")).toEqual(["Bakery", "2", "0", "4"]);
  expect(rows[5]!.split("\t")).toEqual(["Tills", "2", "0", "6"]);
  await expectVisible(page.getByRole("img", { name: /Scatter chart of Waste \(%\) against the mean active share/ }));
  // Nobody took part, so the share never varies: "not enough data", not a number.
  await expectVisible(page.getByText(/Not enough data: this needs at least 5 departments with both a shown active share and a figure for Waste \(%\), and the figures must vary/));

  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("section", { has: scatter }).getByRole("link", { name: "Download this table (CSV)" }).first().click()]);
  const csv = await (await download.createReadStream())!.toArray();
  const text = Buffer.concat(csv).toString("utf8");
  expect(text.split("\r\n")[0]).toBe("Unit,Months,Mean active share (%),Mean Waste (%)");
  expect(text).toContain("Bakery,2,0,4\r\n");
  expect(pageErrors).toEqual([]);
});
