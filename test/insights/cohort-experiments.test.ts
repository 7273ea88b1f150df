// Cohort experiments at /org/insights/experiments: describe, pre-register
// (locked in the domain and in the database), assign at random within size
// bands from a recorded seed, and the difference-in-differences result with
// the privacy floor.
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, departments, experiments, insightUnits, kpiValues, unitHeadcounts } from "../../db/schema";
import { createExperiment } from "../../app/domain/insights/experiments/save-experiment.server";
import { registerExperiment } from "../../app/domain/insights/experiments/register-experiment.server";
import { REGISTERED_TEXT, updateExperiment } from "../../app/domain/insights/experiments/save-experiment.server";
import { findExperiment } from "../../app/domain/insights/experiments/find-experiment.server";
import { addMonths } from "../../app/domain/insights/period";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { mainText, postForm } from "../support/http-helpers";
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

/** An error's message with its causes': the database's words sit in the cause of drizzle's error. */
function messages(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) parts.push(String(e.message));
  return parts.join(" | ");
}

const START = "2024-07-01";
const BASELINE = 6;
const OUTCOME = 6;

/** An organisation with an admin and departments of the given headcounts, each with a monthly KPI `revenue` from `value(unit index, month index)`. */
async function orgWithUnits(headcounts: number[], value: (unit: number, month: number) => number = () => 100) {
  const org = await createOrg(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
  const units: string[] = [];
  for (const [i, headcount] of headcounts.entries()) {
    const [d] = await t.db.insert(departments).values({ orgId: org.id, name: `Dept ${String(i).padStart(2, "0")}` }).returning();
    const [u] = await t.db.insert(insightUnits).values({ orgId: org.id, kind: "department", departmentId: d!.id }).returning();
    units.push(u!.id);
    const months = Array.from({ length: BASELINE + OUTCOME }, (_, m) => addMonths(START, m - BASELINE));
    await t.db.insert(unitHeadcounts).values(months.map((period) => ({ orgId: org.id, unitId: u!.id, period, headcount })));
    await t.db.insert(kpiValues).values(months.map((period, m) => ({ orgId: org.id, unitId: u!.id, period, metric: "revenue", value: value(i, m) })));
  }
  return { org, admin, units, cookie: await sessionCookieFor(t.db, admin.id) };
}

const input = (units: string[], overrides: Record<string, unknown> = {}) => ({
  title: "Alumni get a mentor",
  initiative: "Every alumnus in a treated department gets a mentor for six months.",
  hypothesis: "Revenue per month rises in treated departments.",
  unitKind: "department" as const,
  eligible: units,
  outcomeKind: "kpi" as const,
  outcome: "revenue",
  startsOn: START,
  baselineMonths: BASELINE,
  outcomeMonths: OUTCOME,
  strata: 2,
  ...overrides,
});

const formOf = (units: string[], overrides: Record<string, string | string[]> = {}) => ({
  title: "Alumni get a mentor",
  initiative: "Every alumnus in a treated department gets a mentor.",
  hypothesis: "Revenue rises.",
  unitKind: "department",
  eligible: units,
  outcomeKind: "kpi",
  outcome: "revenue",
  startsOn: START.slice(0, 7),
  baselineMonths: String(BASELINE),
  outcomeMonths: String(OUTCOME),
  strata: "2",
  ...overrides,
});

describe("describing and registering", () => {
  test("an admin describes a draft on the page, changes it, and registers it with an audit entry", async () => {
    const { org, units, cookie } = await orgWithUnits([10, 12, 14, 16, 18, 20]);
    const created = await postForm(server, "/org/insights/experiments", formOf(units), cookie);
    expect(created.status).toBe(302);
    const url = created.headers.get("location")!.replace(/\?.*$/, "");
    const changed = await postForm(server, url, { intent: "save", ...formOf(units, { title: "Alumni get a mentor, v2" }) }, cookie);
    expect(changed.status).toBe(302);
    const page = mainText(await (await server.request(url, { headers: { cookie } })).text());
    expect(page).toContain("Alumni get a mentor, v2");
    expect(page).toContain("A draft: not registered yet");
    expect((await postForm(server, url, { intent: "register" }, cookie)).status).toBe(302);
    const [row] = await t.db.select().from(experiments).where(eq(experiments.orgId, org.id));
    expect(row!.registeredAt).not.toBeNull();
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.ownerOrgId, org.id), eq(auditEvents.action, "experiment.registered")));
    expect(audit!.details).toMatchObject({ hypothesis: "Revenue rises.", outcome: "revenue", baselineMonths: BASELINE, eligible: units });
  });

  test("a registered experiment cannot be edited: the page says so and nothing changes, in the domain and in the database", async () => {
    const { org, admin, units, cookie } = await orgWithUnits([10, 12, 14, 16, 18, 20]);
    const e = await createExperiment(t.db, admin, org.id, input(units));
    await registerExperiment(t.db, admin, e.id);
    const before = await findExperiment(t.db, admin, e.id);

    const res = await postForm(server, `/org/insights/experiments/${e.id}`, { intent: "save", ...formOf(units, { hypothesis: "Anything goes." }) }, cookie);
    expect(res.status).toBe(409);
    expect(mainText(await res.text())).toContain(REGISTERED_TEXT);
    await expect(updateExperiment(t.db, admin, e.id, input(units, { hypothesis: "Anything goes." }))).rejects.toMatchObject({ fieldErrors: { form: REGISTERED_TEXT } });
    await expect(registerExperiment(t.db, admin, e.id)).rejects.toMatchObject({ fieldErrors: { form: REGISTERED_TEXT } });
    // Straight at the database, past the domain: the trigger refuses it.
    for (const change of [{ hypothesis: "Anything goes." }, { eligible: units.slice(1) }, { registeredAt: null }, { baselineMonths: 3 }])
      expect(messages(await t.db.update(experiments).set(change).where(eq(experiments.id, e.id)).catch((error: unknown) => error))).toContain("a registered experiment cannot be changed");
    expect(await findExperiment(t.db, admin, e.id)).toEqual(before);
  });

  test("bad input gets a message per field, keeps what was typed, and saves nothing", async () => {
    const { org, units, cookie } = await orgWithUnits([10, 12, 14, 16, 18, 20]);
    const other = await orgWithUnits([10, 10, 10, 10, 10, 10]);
    const cases: [Record<string, string | string[]>, string][] = [
      [{ title: "" }, "Write a title."],
      [{ eligible: units.slice(0, 3) }, "Choose at least 6, so that each arm has 3."],
      [{ eligible: other.units }, "Choose units of the kind chosen above, from the list."],
      [{ eligible: [...units.slice(0, 5), "not-an-id"] }, "Choose units from the list."],
      [{ outcome: "profit" }, "Choose a business figure that has been imported"],
      [{ startsOn: "2024-13" }, "Enter the month the initiative starts"],
      [{ baselineMonths: "0" }, "The baseline window must be between 1 and 24."],
      [{ outcomeMonths: "many" }, "Enter the outcome window as a number."],
      [{ strata: "4" }, "With 6 units there can be at most 3 size bands"],
      [{ unitKind: "cohort" }, "measure cohorts by a diagnostic score"],
      [{ outcomeKind: "diagnostic" }, "Diagnostic scores are not available yet"],
    ];
    for (const [fields, message] of cases) {
      const res = await postForm(server, "/org/insights/experiments", formOf(units, fields), cookie);
      expect(res.status, message).toBe(400);
      const page = mainText(await res.text());
      expect(page, message).toContain(message);
      expect(page, message).toContain("Every alumnus in a treated department gets a mentor.");
    }
    expect(await t.db.select().from(experiments).where(eq(experiments.orgId, org.id))).toEqual([]);
  });

  test("another organisation's experiment is not found, to read or to change", async () => {
    const { org, admin, units } = await orgWithUnits([10, 12, 14, 16, 18, 20]);
    const e = await createExperiment(t.db, admin, org.id, input(units));
    const other = await orgWithUnits([5]);
    for (const res of [
      await server.request(`/org/insights/experiments/${e.id}`, { headers: { cookie: other.cookie } }),
      await postForm(server, `/org/insights/experiments/${e.id}`, { intent: "register" }, other.cookie),
      await server.request(`/org/insights/experiments/${e.id}/trends.csv`, { headers: { cookie: other.cookie } }),
    ])
      expect(res.status).toBe(404);
    await expect(registerExperiment(t.db, other.admin, e.id)).rejects.toMatchObject({ status: 404 });
    expect((await findExperiment(t.db, admin, e.id)).registeredAt).toBeNull();
  });
});
