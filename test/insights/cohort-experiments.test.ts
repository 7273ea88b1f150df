// Cohort experiments at /org/insights/experiments: describe, pre-register
// (locked in the domain and in the database), assign at random within size
// bands from a recorded seed, and the difference-in-differences result with
// the privacy floor.
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, cohortMembers, departments, diagnosticResponses, experiments, insightUnits, kpiValues, unitHeadcounts } from "../../db/schema";
import { createExperiment } from "../../app/domain/insights/experiments/save-experiment.server";
import { registerExperiment } from "../../app/domain/insights/experiments/register-experiment.server";
import { REGISTERED_TEXT, updateExperiment } from "../../app/domain/insights/experiments/save-experiment.server";
import { findExperiment } from "../../app/domain/insights/experiments/find-experiment.server";
import { assignExperiment } from "../../app/domain/insights/experiments/assign-experiment.server";
import { assignArms } from "../../app/domain/insights/experiments/assign-arms";
import { experimentResult } from "../../app/domain/insights/experiments/experiment-result";
import { loadExperimentResult } from "../../app/domain/insights/experiments/experiment-result.server";
import { addMonths } from "../../app/domain/insights/period";
import { createOrg, createUser, sessionCookieFor } from "../support/factories";
import { createCohort, createCycle, createProgrammeGroup } from "../support/programme-factories";
import { ARC_INSTRUMENT, ARC_STATEMENTS } from "../../app/domain/diagnostics/arc-self-assessment";
import { seedDemoExperiment } from "../../app/domain/demo/demo-experiment.server";
import { mainText, postForm } from "../support/http-helpers";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";
import { InputError } from "../../app/domain/input-error";
import { messageIn } from "../../app/domain/i18n/translators";

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
async function orgWithUnits(headcounts: number[], value: (unit: number, month: number) => number = () => 100, monthCount = BASELINE + OUTCOME) {
  const org = await createOrg(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
  const units: string[] = [];
  for (const [i, headcount] of headcounts.entries()) {
    const [d] = await t.db.insert(departments).values({ orgId: org.id, name: `Dept ${String(i).padStart(2, "0")}` }).returning();
    const [u] = await t.db.insert(insightUnits).values({ orgId: org.id, kind: "department", departmentId: d!.id }).returning();
    units.push(u!.id);
    const months = Array.from({ length: monthCount }, (_, m) => addMonths(START, m - BASELINE));
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
    expect(mainText(await res.text())).toContain(messageIn("en", REGISTERED_TEXT));
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
      [{ outcomeKind: "diagnostic" }, "Choose an ARC dimension (diagnostic) from the list."],
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

describe("assignment", () => {
  test("units are assigned once registered, balanced within size bands, and the seed reproduces the assignment", async () => {
    const sizes = [8, 9, 10, 11, 30, 31, 32, 33, 60, 61, 62];
    const { org, admin, units, cookie } = await orgWithUnits(sizes);
    const e = await createExperiment(t.db, admin, org.id, input(units, { strata: 3 }));
    const unregistered = await assignExperiment(t.db, admin, e.id).catch((error: unknown) => error);
    expect(messageIn("en", (unregistered as InputError).fieldErrors.form!)).toContain("Register the experiment before assigning it");
    await registerExperiment(t.db, admin, e.id);
    expect((await postForm(server, `/org/insights/experiments/${e.id}`, { intent: "assign" }, cookie)).status).toBe(302);
    const assigned = await findExperiment(t.db, admin, e.id);
    const assignment = assigned.assignment!;
    expect(assigned.seed).toBeGreaterThan(0);

    // Reproduced from the recorded seed and sizes, by the same pure function.
    expect(assignArms(assignment.map(({ unitId, size }) => ({ unitId, size })), 3, assigned.seed!)).toEqual(assignment);
    // A different seed gives a different draw (for these 11 units the chance of the same one is tiny).
    expect(assignArms(assignment.map(({ unitId, size }) => ({ unitId, size })), 3, assigned.seed! + 1)).not.toEqual(assignment);

    // Bands of sizes: the smallest four, the next four, the largest three; each split as evenly as it can be.
    const band = (b: number) => assignment.filter((a) => a.stratum === b);
    expect([1, 2, 3].map((b) => band(b).map((a) => a.size).sort((x, y) => x - y))).toEqual([[8, 9, 10, 11], [30, 31, 32, 33], [60, 61, 62]]);
    for (const b of [1, 2, 3]) {
      const treated = band(b).filter((a) => a.arm === "treatment").length;
      expect(Math.abs(2 * treated - band(b).length)).toBeLessThanOrEqual(1);
    }
    const treated = assignment.filter((a) => a.arm === "treatment").length;
    expect(Math.abs(2 * treated - assignment.length)).toBeLessThanOrEqual(1);

    // Recorded in the audit log with its seed; made once, in the domain and in the database.
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.ownerOrgId, org.id), eq(auditEvents.action, "experiment.assigned")));
    expect(audit!.details).toEqual({ seed: assigned.seed, assignment });
    await expect(assignExperiment(t.db, admin, e.id)).rejects.toMatchObject({ status: 409 });
    expect(messages(await t.db.update(experiments).set({ seed: 7 }).where(eq(experiments.id, e.id)).catch((error: unknown) => error))).toContain("an experiment is assigned once");
    expect(mainText(await (await server.request(`/org/insights/experiments/${e.id}`, { headers: { cookie } })).text())).toContain(`seed ${assigned.seed}`);
  });
});

describe("cohorts", () => {
  test("cohorts measured by a diagnostic score are banded by the people enrolled, and the estimate comes from their answers", async () => {
    const { org, admin } = await orgWithUnits([]);
    const cohortIds: string[] = [];
    const membersOf = new Map<string, string[]>();
    for (const size of [5, 5, 6, 6, 9, 9]) {
      const cohort = await createCohort(t.db, { orgId: org.id });
      const people = await Promise.all(Array.from({ length: size }, () => createUser(t.db, { orgId: org.id })));
      await t.db.insert(cohortMembers).values(people.map((p) => ({ cohortId: cohort.id, userId: p.id })));
      cohortIds.push(cohort.id);
      membersOf.set(cohort.id, people.map((p) => p.id));
    }
    const e = await createExperiment(t.db, admin, org.id, input(cohortIds, { unitKind: "cohort", outcomeKind: "diagnostic", outcome: "agency", strata: 3 }));
    await registerExperiment(t.db, admin, e.id);
    const { assignment } = await assignExperiment(t.db, admin, e.id, { seed: 5 });
    expect([1, 2, 3].map((b) => assignment!.filter((a) => a.stratum === b).map((a) => a.size))).toEqual([[5, 5], [6, 6], [9, 9]]);
    expect([1, 2, 3].map((b) => assignment!.filter((a) => a.stratum === b && a.arm === "treatment").length)).toEqual([1, 1, 1]);
    expect((await loadExperimentResult(t.db, admin, e.id))!.outcome).toMatchObject({ kind: "no result" });

    // Everyone answers in March (every statement 3) and in September (4 in the treated cohorts, 3 in the others): agency moves by exactly 1.
    const group = await createProgrammeGroup(t.db, { orgId: org.id, cohortId: cohortIds[0]!, facilitatorId: admin.id, memberIds: [] });
    const { cycle } = await createCycle(t.db, { group, facilitatorId: admin.id, meetings: [] });
    const answers = (score: number) => Object.fromEntries(ARC_STATEMENTS.map((st) => [st.id, score]));
    const treated = new Set(assignment!.filter((a) => a.arm === "treatment").map((a) => a.unitId));
    for (const [cohortId, people] of membersOf)
      await t.db.insert(diagnosticResponses).values(
        people.flatMap((userId) => [
          { userId, cycleId: cycle.id, moment: "start" as const, instrument: ARC_INSTRUMENT, answers: answers(3), answeredAt: new Date("2024-03-10T10:00:00Z") },
          { userId, cycleId: cycle.id, moment: "end" as const, instrument: ARC_INSTRUMENT, answers: answers(treated.has(cohortId) ? 4 : 3), answeredAt: new Date("2024-09-10T10:00:00Z") },
        ]),
      );
    const result = (await loadExperimentResult(t.db, admin, e.id))!;
    expect(result.units.map((u) => [u.status, u.before, u.after])).toEqual(assignment!.map((a) => ["analysed", 3, treated.has(a.unitId) ? 4 : 3]));
    expect(result.outcome).toMatchObject({ kind: "estimate", estimate: { estimate: 1, treatedUnits: 3, controlUnits: 3 } });
    expect(result.trends.find((tr) => tr.month === "2024-09-01")).toMatchObject({ treatment: 4, control: 3 });
  });
});

describe("the result", () => {
  test("matches the difference in differences worked out by hand on a planted data set, with trends, a CSV and a verdict", async () => {
    // 12 departments; each month's revenue is 100 + 3 × unit + a small wobble; the treated arm gets +20 in the outcome window.
    const wobble = (i: number, m: number) => (i * 7 + m * 3) % 5;
    const { org, admin, units, cookie } = await orgWithUnits([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21], (i, m) => 100 + 3 * i + wobble(i, m));
    // One more department of 3 people: below the floor, left out.
    const small = await orgWithUnitsIn(org.id, 3, (m) => 500 + m);
    const e = await createExperiment(t.db, admin, org.id, input([...units, small], { strata: 2 }));
    await registerExperiment(t.db, admin, e.id);
    const { assignment } = await assignExperiment(t.db, admin, e.id, { seed: 20240701 });
    const arm = new Map(assignment!.map((a) => [a.unitId, a.arm]));
    const outcomeMonths = Array.from({ length: OUTCOME }, (_, m) => addMonths(START, m));
    await t.db
      .update(kpiValues)
      .set({ value: sql`${kpiValues.value} + 20` })
      .where(and(eq(kpiValues.orgId, org.id), sql`${kpiValues.unitId} in (${sql.join(units.filter((u) => arm.get(u) === "treatment").map((u) => sql`${u}`), sql`, `)})`, sql`${kpiValues.period} >= ${START}`));

    // By hand: each unit's change is mean(outcome months) − mean(baseline months); the estimate is the treated mean change − the control mean change.
    const change = (i: number) =>
      (arm.get(units[i]!) === "treatment" ? 20 : 0) + outcomeMonths.reduce((s, _, k) => s + wobble(i, BASELINE + k), 0) / OUTCOME - Array.from({ length: BASELINE }, (_, k) => wobble(i, k)).reduce((s, x) => s + x, 0) / BASELINE;
    const armMean = (which: string) => {
      const xs = units.map((_, i) => i).filter((i) => arm.get(units[i]!) === which).map(change);
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    const expected = armMean("treatment") - armMean("control");

    const result = (await loadExperimentResult(t.db, admin, e.id, new Date("2026-01-15T12:00:00Z")))!;
    expect(result.interim).toBe(false);
    expect(result.outcome.kind).toBe("estimate");
    if (result.outcome.kind !== "estimate") return;
    expect(result.outcome.estimate.estimate).toBeCloseTo(expected, 10);
    expect(result.outcome.estimate.treatedUnits + result.outcome.estimate.controlUnits).toBe(12);
    expect(result.outcome.estimate.low).toBeLessThan(expected);
    expect(result.outcome.estimate.high).toBeGreaterThan(expected);
    expect(result.outcome.estimate.p).toBeLessThan(0.05);
    expect(result.outcome.estimate.verdict).toBe("increase");
    expect(result.units.find((u) => u.unitId === small)).toMatchObject({ status: "below the floor", before: null, after: null });
    // The same result again: the permutations and bootstrap draw from the recorded seed.
    expect(await loadExperimentResult(t.db, admin, e.id, new Date("2026-01-15T12:00:00Z"))).toEqual(result);

    // The page shows the verdict and the units left out; the CSV holds the chart's figures, month by month.
    const page = mainText(await (await server.request(`/org/insights/experiments/${e.id}`, { headers: { cookie } })).text());
    expect(page).toContain("A detectable increase: revenue changed by");
    expect(page).toContain("Dept 12 (fewer than 5 people)");
    const csv = await server.request(`/org/insights/experiments/${e.id}/trends.csv`, { headers: { cookie } });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe("month,window,treated_arm_mean,control_arm_mean");
    expect(lines).toHaveLength(1 + BASELINE + OUTCOME);
    const treatedJuly = units.map((_, i) => i).filter((i) => arm.get(units[i]!) === "treatment").map((i) => 120 + 3 * i + wobble(i, BASELINE));
    expect(lines[1 + BASELINE]).toBe(`2024-07,outcome,${Math.round((treatedJuly.reduce((s, x) => s + x, 0) / treatedJuly.length) * 100) / 100},${lines[1 + BASELINE]!.split(",")[3]}`);
  });

  test("an arm below the privacy floor gives no result, and too few units say not enough data", () => {
    const windows = { baseline: { from: "2024-01-01", to: "2024-03-01" }, outcome: { from: "2024-04-01", to: "2024-06-01" } };
    const observations = ["a", "b", "c", "d", "e", "f"].flatMap((unitId, i) => ["2024-01-01", "2024-04-01"].map((month, k) => ({ unitId, month, value: 10 * i + k })));
    const unit = (unitId: string, arm: "treatment" | "control", size: number) => ({ unitId, arm, size, stratum: 1 });
    const below = experimentResult(
      { assignment: [unit("a", "treatment", 9), unit("b", "treatment", 9), unit("c", "treatment", 9), unit("d", "control", 4), unit("e", "control", 3), unit("f", "control", 2)], windows, observations, seed: 1, thisMonth: "2025-01-01" },
      "revenue",
    );
    expect(below.outcome).toEqual({ kind: "no result", reason: expect.stringContaining("the control arm has fewer than 5 people") });
    expect(below.trends.every((t) => t.control === null)).toBe(true);
    expect(below.units.filter((u) => u.arm === "control").every((u) => u.before === null && u.after === null)).toBe(true);

    const few = experimentResult(
      { assignment: [unit("a", "treatment", 9), unit("b", "treatment", 9), unit("c", "control", 9), unit("d", "control", 9), unit("e", "control", 9)], windows, observations, seed: 1, thisMonth: "2024-05-01" },
      "revenue",
    );
    expect(few.outcome).toEqual({ kind: "no result", reason: expect.stringContaining("Not enough data: 2 treated and 3 control units") });
    expect(few.interim).toBe(true);

    // A diagnostic outcome is people's answers: a unit's mean needs 5 different people behind it in each window.
    const answers = (unitId: string, people: number, month: string, value: number) => Array.from({ length: people }, (_, p) => ({ unitId, month, value, person: `${unitId}-${p}` }));
    const diagnostic = experimentResult(
      {
        assignment: [unit("a", "treatment", 9), unit("b", "control", 9)],
        windows,
        observations: [...answers("a", 5, "2024-01-01", 3), ...answers("a", 5, "2024-04-01", 4), ...answers("b", 5, "2024-02-01", 3), ...answers("b", 4, "2024-05-01", 3)],
        seed: 1,
        thisMonth: "2025-01-01",
      },
      "the ARC agency score",
    );
    expect(diagnostic.units.map((u) => [u.unitId, u.status, u.before, u.after])).toEqual([
      ["a", "analysed", 3, 4],
      ["b", "too few answers", null, null],
    ]);
    expect(diagnostic.outcome.kind).toBe("no result");
  });
});

describe("the demo", () => {
  test("the demo experiment is registered before its start, assigned with its seed, and labelled synthetic demo data", async () => {
    const { org, admin, units } = await orgWithUnits([10, 12, 14, 16, 18, 20, 22], (i, m) => 100 + i + m, 30);
    expect(await seedDemoExperiment(t.db, org.id, admin.id)).toBe(true);
    const [e] = await t.db.select().from(experiments).where(eq(experiments.orgId, org.id));
    expect(e!.title).toContain("synthetic demo data");
    expect(e!.eligible.sort()).toEqual([...units].sort());
    expect(e!.startsOn).toBe(addMonths(START, 30 - BASELINE - 13));
    expect(e!.registeredAt!.getTime()).toBeLessThan(new Date(e!.startsOn).getTime());
    expect(e!.assignment).toHaveLength(7);
    const result = (await loadExperimentResult(t.db, admin, e!.id))!;
    expect(result.outcome).toMatchObject({ kind: "estimate" });
  });
});

/** One more department of `headcount` people in an existing organisation, with revenue `value(month index)`. */
async function orgWithUnitsIn(orgId: string, headcount: number, value: (m: number) => number) {
  const [d] = await t.db.insert(departments).values({ orgId, name: "Dept 12" }).returning();
  const [u] = await t.db.insert(insightUnits).values({ orgId, kind: "department", departmentId: d!.id }).returning();
  const months = Array.from({ length: BASELINE + OUTCOME }, (_, m) => addMonths(START, m - BASELINE));
  await t.db.insert(unitHeadcounts).values(months.map((period) => ({ orgId, unitId: u!.id, period, headcount })));
  await t.db.insert(kpiValues).values(months.map((period, m) => ({ orgId, unitId: u!.id, period, metric: "revenue", value: value(m) })));
  return u!.id;
}
