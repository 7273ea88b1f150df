// Importing insights data at /org/insights/data: KPIs, headcounts and survey
// scores, all or nothing, row-by-row problems, idempotent re-import.
import { and, eq } from "drizzle-orm";
import { auditEvents, departments, insightUnits, kpiValues, sites, surveyScores, unitHeadcounts } from "../../db/schema";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { decodeEntities, mainText, postForm } from "../support/http-helpers";
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

async function orgWithAdmin() {
  const org = await createOrg(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
  await t.db.insert(departments).values([
    { orgId: org.id, name: "Finance" },
    { orgId: org.id, name: "Operations" },
  ]);
  await t.db.insert(sites).values({ orgId: org.id, name: "Rotterdam" });
  return { org, admin, cookie: await sessionCookieFor(t.db, admin.id) };
}

const importRows = (cookie: string, intent: string, csv: string, level = "department") => postForm(server, "/org/insights/data", { intent, level, csv }, cookie);

function problemRows(html: string): [number, string][] {
  const table = /<table aria-label="Rows that were not imported">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "";
  return [...table.matchAll(/<tr><td>(\d+)<\/td><td>([\s\S]*?)<\/td><\/tr>/g)].map((m) => [Number(m[1]), decodeEntities(m[2]!.replace(/<!-- -->/g, ""))]);
}

const kpisOf = async (orgId: string) =>
  (await t.db.select().from(kpiValues).where(eq(kpiValues.orgId, orgId))).map((r) => `${r.period} ${r.metric} ${r.value}`).sort();

describe("importing KPIs", () => {
  test("a good file is imported, and the report counts new rows", async () => {
    const { org, cookie } = await orgWithAdmin();
    const res = await importRows(cookie, "kpis", "unit,period,metric,value\nFinance,2025-01,revenue,100.5\nfinance,2025-02-01,revenue,120\nOperations,2025-01,revenue,-3e2\n");
    expect(res.status).toBe(200);
    expect(mainText(await res.text())).toContain("Imported 3 rows: 3 new, 0 replaced, 0 unchanged.");
    expect(await kpisOf(org.id)).toEqual(["2025-01-01 revenue -300", "2025-01-01 revenue 100.5", "2025-02-01 revenue 120"]);
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.ownerOrgId, org.id), eq(auditEvents.action, "insights.kpis_imported")));
    expect(audit?.reason).toBe("3 rows: 3 new, 0 replaced, 0 unchanged.");
  });

  test("importing the same file again changes nothing; a changed value replaces the old one", async () => {
    const { org, cookie } = await orgWithAdmin();
    const file = "Finance,2025-01,revenue,100\nFinance,2025-01,margin,0.2\n";
    await importRows(cookie, "kpis", file);
    const again = await importRows(cookie, "kpis", file);
    expect(mainText(await again.text())).toContain("Imported 2 rows: 0 new, 0 replaced, 2 unchanged.");
    expect(await kpisOf(org.id)).toEqual(["2025-01-01 margin 0.2", "2025-01-01 revenue 100"]);
    const changed = await importRows(cookie, "kpis", "Finance,2025-01,revenue,150\nFinance,2025-02,revenue,1\n");
    expect(mainText(await changed.text())).toContain("Imported 2 rows: 1 new, 1 replaced, 0 unchanged.");
    expect(await kpisOf(org.id)).toEqual(["2025-01-01 margin 0.2", "2025-01-01 revenue 150", "2025-02-01 revenue 1"]);
  });

  test("a file with bad rows is reported line by line and nothing of it is imported", async () => {
    const { org, cookie } = await orgWithAdmin();
    const csv = [
      "unit,period,metric,value", // 1
      "Finance,2025-01,revenue,100", // 2: good
      "Marketing,2025-01,revenue,5", // 3: unknown department
      "Finance,2025-13,revenue,5", // 4: not a month
      "Finance,2025-01-15,revenue,5", // 5: not the first day
      "Finance,1985-01,revenue,5", // 6: too early
      "Finance,2999-01,revenue,5", // 7: in the future
      "Finance,2025-02,revenue,lots", // 8: not a number
      "Finance,2025-02,revenue,1.234,5", // 9: too many values
      "Finance,2025-01,revenue,7", // 10: a duplicate of line 2
      ",2025-03,revenue,1", // 11: no unit
      "Finance,2025-03,,1", // 12: no metric
    ].join("\n");
    const res = await importRows(cookie, "kpis", csv);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(mainText(html)).toContain("Nothing was imported: 10 rows need attention.");
    expect(problemRows(html)).toEqual([
      [3, 'unit: there is no department called "Marketing". Known departments: Finance and Operations.'],
      [4, 'period: "2025-13" is not a month. Write it as 2026-03 or 2026-03-01.'],
      [5, 'period: "2025-01-15" is not a month. Write it as 2026-03 or 2026-03-01.'],
      [6, expect.stringMatching(/^period: 1985-01 is outside the range: give a month from 1990-01 to \d{4}-\d{2}\.$/)],
      [7, expect.stringMatching(/^period: 2999-01 is outside the range/)],
      [8, 'value: "lots" is not a number. Write it with a point for decimals and no thousands separator, for example 1234.5.'],
      [9, "This row has 5 values; expected 4: unit, period, metric, value."],
      [10, "The same unit, month and metric is already on line 2; give each once."],
      [11, "unit: give the unit's name."],
      [12, "metric: give the metric's name."],
    ]);
    expect(await kpisOf(org.id)).toEqual([]);
    expect(await t.db.select().from(insightUnits).where(eq(insightUnits.orgId, org.id))).toEqual([]);
  });

  test("stores are created by the import; sites must exist", async () => {
    const { org, cookie } = await orgWithAdmin();
    const res = await importRows(cookie, "kpis", "Harbour Store,2025-01,sales,10\nharbour store,2025-02,sales,11\nCentral,2025-01,sales,3\n", "store");
    expect(mainText(await res.text())).toContain("New stores: Harbour Store, Central.");
    const stores = await t.db.select({ name: insightUnits.storeName }).from(insightUnits).where(eq(insightUnits.orgId, org.id));
    expect(stores.map((s) => s.name).sort()).toEqual(["Central", "Harbour Store"]);
    const bad = await importRows(cookie, "kpis", "Utrecht,2025-01,sales,1\n", "site");
    expect(problemRows(await bad.text())).toEqual([[1, 'unit: there is no site called "Utrecht". Known sites: Rotterdam.']]);
  });

  test("another organisation's departments are unknown here, and its figures are untouched", async () => {
    const a = await orgWithAdmin();
    const b = await orgWithAdmin();
    await t.db.insert(departments).values({ orgId: b.org.id, name: "Only In B" });
    await importRows(b.cookie, "kpis", "Finance,2025-01,revenue,999\n");
    const res = await importRows(a.cookie, "kpis", "Only In B,2025-01,revenue,1\n");
    expect(problemRows(await res.text())[0]![1]).toBe('unit: there is no department called "Only In B". Known departments: Finance and Operations.');
    await importRows(a.cookie, "kpis", "Finance,2025-01,revenue,1\n");
    expect(await kpisOf(b.org.id)).toEqual(["2025-01-01 revenue 999"]);
    expect(await kpisOf(a.org.id)).toEqual(["2025-01-01 revenue 1"]);
  });
});

describe("importing headcounts and survey scores", () => {
  test("headcounts must be whole numbers of people; re-import replaces", async () => {
    const { org, cookie } = await orgWithAdmin();
    const bad = await importRows(cookie, "headcounts", "Finance,2025-01,12.5\nFinance,2025-02,-1\nFinance,2025-01,3\nFinance,2025-01,4\n");
    expect(problemRows(await bad.text())).toEqual([
      [1, "headcount: a headcount is a whole number of people, 0 or more."],
      [2, "headcount: a headcount is a whole number of people, 0 or more."],
      [4, "The same unit and month is already on line 3; give each once."],
    ]);
    expect(await t.db.select().from(unitHeadcounts).where(eq(unitHeadcounts.orgId, org.id))).toEqual([]);
    await importRows(cookie, "headcounts", "Finance,2025-01,12\n");
    const res = await importRows(cookie, "headcounts", "Finance,2025-01,14\n");
    expect(mainText(await res.text())).toContain("Imported 1 row: 0 new, 1 replaced, 0 unchanged.");
    expect((await t.db.select().from(unitHeadcounts).where(eq(unitHeadcounts.orgId, org.id))).map((r) => r.headcount)).toEqual([14]);
  });

  test("survey scores: an unknown email and another organisation's email get the same words, and nothing is imported", async () => {
    const a = await orgWithAdmin();
    const b = await orgWithAdmin();
    const mine = await createUser(t.db, { orgId: a.org.id });
    const theirs = await createUser(t.db, { orgId: b.org.id });
    const res = await importRows(a.cookie, "survey_scores", `email,period,instrument,score\n${mine.email.toUpperCase()},2025-01,engagement,4.2\n${theirs.email},2025-01,engagement,3\nnobody@example.test,2025-01,engagement,3\n`);
    expect(problemRows(await res.text())).toEqual([
      [3, "email: no one in your organisation has this email."],
      [4, "email: no one in your organisation has this email."],
    ]);
    expect(await t.db.select().from(surveyScores).where(eq(surveyScores.orgId, a.org.id))).toEqual([]);
    const ok = await importRows(a.cookie, "survey_scores", `${mine.email},2025-01,engagement,4.2\n`);
    expect(mainText(await ok.text())).toContain("Imported 1 row: 1 new, 0 replaced, 0 unchanged.");
    expect((await t.db.select().from(surveyScores).where(eq(surveyScores.orgId, a.org.id))).map((r) => [r.userId, r.score])).toEqual([[mine.id, 4.2]]);
  });

  test("a file that is not CSV, or empty, is refused with one message", async () => {
    const { cookie } = await orgWithAdmin();
    const res = await importRows(cookie, "kpis", 'Finance,2025-01,"revenue,1\n');
    expect(res.status).toBe(400);
    expect(mainText(await res.text())).toContain("A quoted value that starts on line 1 is never closed.");
    const empty = await importRows(cookie, "kpis", "  \n");
    expect(mainText(await empty.text())).toContain("Choose a CSV file or paste its rows.");
  });
});
