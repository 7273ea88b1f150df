// The diagnostics against a real database, one shared setting: a person
// answers only their own open self-assessment and reads only their own
// answers; another organisation's cycle is a 404; the organisation sees
// self-assessments and ARC indicators only in aggregate, from 5 people, under
// every filter.
import { NotFoundError } from "../../app/domain/http-errors";
import { InputError } from "../../app/domain/input-error";
import { answerDiagnostic, loadMyDiagnostics } from "../../app/domain/diagnostics/my-diagnostics.server";
import { eq, inArray } from "drizzle-orm";
import { cohorts, departments, groups, users } from "../../db/schema";
import { loadArcReport } from "../../app/domain/insights/arc-indicators.server";
import { loadDiagnosticsReport, loadThemesReport } from "../../app/domain/insights/diagnostics-report.server";
import { createUser } from "../support/factories";
import { createCohort, createCycle, createProgrammeGroup, monthlyMeetings, programmeSetting } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const DAY = 86_400_000;
const now = new Date();
const answers = (v: number) => ({ a1: v, a2: v, a3: v, a4: v, r1: v, r2: v, r3: v, c1: v, c2: v, c3: v });

let t: TestDatabase;
let s: Awaited<ReturnType<typeof programmeSetting>>;
let running: { id: string };

beforeAll(async () => {
  t = await createTestDatabase();
  s = await programmeSetting(t.db, { members: 6 });
  const made = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 2, now), startedAt: new Date(now.getTime() - 40 * DAY) });
  running = made.cycle;
});
afterAll(async () => t?.drop());

describe("a person's own self-assessment", () => {
  it("a member of a running cycle finds the start open, answers it once, and then sees their scores and next steps", async () => {
    const [me] = s.people;
    const before = await loadMyDiagnostics(t.db, me!, now);
    expect(before.cycles.map((c) => c.open)).toEqual([["start"]]);
    await answerDiagnostic(t.db, me!, { cycleId: running.id, moment: "start", answers: answers(4) }, now);
    const after = await loadMyDiagnostics(t.db, me!, now);
    expect(after.cycles[0]!.open).toEqual([]);
    expect(after.cycles[0]!.answered).toEqual([{ moment: "start", answeredAt: now.toISOString(), scores: { agency: 4, responsiveness: 4, connectivity: 4 } }]);
    expect(after.nextSteps.length).toBeGreaterThanOrEqual(2);
    await expect(answerDiagnostic(t.db, me!, { cycleId: running.id, moment: "start", answers: answers(1) }, now)).rejects.toMatchObject({ status: 409 });
  });

  it("a moment that is not open is refused and nothing is stored", async () => {
    const err = await answerDiagnostic(t.db, s.people[1]!, { cycleId: running.id, moment: "end", answers: answers(3) }, now).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((await loadMyDiagnostics(t.db, s.people[1]!, now)).cycles[0]!.answered).toEqual([]);
  });

  it("only one's own answers are read: a colleague of the same group sees none of them", async () => {
    const colleague = await loadMyDiagnostics(t.db, s.people[2]!, now);
    expect(colleague.cycles[0]!.answered).toEqual([]);
    expect(colleague.nextSteps).toEqual([]);
  });

  it("someone outside the group, and another organisation, get a 404 for the cycle", async () => {
    for (const outsider of [s.outsider, s.outsiderAdmin, s.admin, s.facilitator]) {
      const err = await answerDiagnostic(t.db, outsider, { cycleId: running.id, moment: "start", answers: answers(3) }, now).catch((e) => e);
      expect(err).toBeInstanceOf(NotFoundError);
    }
  });
});

describe("the organisation's aggregates", () => {
  let small: Awaited<ReturnType<typeof createUser>>[];
  beforeAll(async () => {
    // Two departments, and a second cohort of two people, both in D2.
    const [d1, d2] = await t.db.insert(departments).values([{ orgId: s.org.id, name: "Finance" }, { orgId: s.org.id, name: "Sales" }]).returning();
    small = await Promise.all([0, 1].map(() => createUser(t.db, { orgId: s.org.id, roles: ["participant"] })));
    await t.db.update(users).set({ departmentId: d1!.id }).where(inArray(users.id, s.people.slice(0, 4).map((p) => p.id)));
    await t.db.update(users).set({ departmentId: d2!.id }).where(inArray(users.id, [...s.people.slice(4).map((p) => p.id), ...small.map((p) => p.id)]));
    const cohort2 = await createCohort(t.db, { orgId: s.org.id, name: "Small cohort" });
    const group2 = await createProgrammeGroup(t.db, { orgId: s.org.id, cohortId: cohort2.id, facilitatorId: s.facilitator.id, memberIds: small.map((p) => p.id) });
    const { cycle } = await createCycle(t.db, { group: group2, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 2, now), startedAt: new Date(now.getTime() - 40 * DAY) });
    // People 1–4 of the first cohort join person 0's start; both of the small cohort answer theirs: 7 at the start in all.
    for (const [i, p] of s.people.slice(1, 5).entries()) await answerDiagnostic(t.db, p, { cycleId: running.id, moment: "start", answers: answers(i + 1) }, now);
    for (const p of small) await answerDiagnostic(t.db, p, { cycleId: cycle.id, moment: "start", answers: answers(2) }, now);
  });

  it("no figure on any page, under any filter, rests on fewer than 5 people", async () => {
    const cohortIds = (await t.db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.orgId, s.org.id))).map((c) => c.id);
    for (const level of ["cohort", "department"] as const) {
      const report = await loadDiagnosticsReport(t.db, s.admin, s.org.id, level);
      const rows = report.moments.flatMap((m) => m.rows);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.respondents, `${level} ${r.name}`).toBeGreaterThanOrEqual(5);
      // The small cohort's two and the four of Finance are never a row of their own.
      expect(rows.map((r) => r.name)).not.toContain("Small cohort");
      for (const matrixCohortId of [null, ...cohortIds]) {
        const arc = await loadArcReport(t.db, s.admin, s.org.id, { level, matrixCohortId }, now);
        for (const r of arc.rows) {
          expect(r.people).toBeGreaterThanOrEqual(5);
          for (const f of [r.agency, r.diagnosticsCompleted, r.reunionAttendance, r.newTiesPerPerson, r.crossDepartmentShare]) if (f.shown) expect(f.people).toBeGreaterThanOrEqual(5);
        }
        for (const cell of [...arc.matrix.before.flat(), ...arc.matrix.after.flat()]) if (cell.shown) expect(cell.people).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it("the small cohort is merged with the other one (complementary), so neither can be read off by subtraction", async () => {
    const report = await loadDiagnosticsReport(t.db, s.admin, s.org.id, "cohort");
    const start = report.moments.find((m) => m.moment === "start")!;
    // 5 in the first cohort and 2 in the small one: one "Other" row of 7, whose agency mean is (4+1+2+3+4+2+2)/7 = 18/7.
    expect(start.rows.map((r) => [r.id, r.respondents])).toEqual([["other", 7]]);
    expect(start.rows[0]!.dimensions.agency.mean).toBeCloseTo(18 / 7);
    const arc = await loadArcReport(t.db, s.admin, s.org.id, { level: "cohort", matrixCohortId: null }, now);
    // 8 enrolled: the first cohort (6) and the small one (2) merge into Other; 7 of 8 due starts answered.
    expect(arc.rows.map((r) => [r.id, r.people])).toEqual([["other", 8]]);
    expect(arc.rows[0]!.diagnosticsCompleted.value).toBeCloseTo(7 / 8);
  });

  it("the company-wide view counts everyone together; without open spaces it has no themes", async () => {
    const reader = { read: async () => new Uint8Array() };
    const themes = await loadThemesReport(t.db, reader, s.admin, s.org.id, now);
    expect(themes.diagnostics.map((m) => [m.moment, m.rows[0]!.respondents])).toEqual([["start", 7]]);
    expect(themes.themes).toEqual([]);
  });

  it("only the organisation's admins see them; another organisation's admin sees none of it", async () => {
    for (const who of [s.people[0]!, s.facilitator, s.outsiderAdmin]) {
      await expect(loadDiagnosticsReport(t.db, who, s.org.id, "cohort")).rejects.toMatchObject({ status: 403 });
      await expect(loadArcReport(t.db, who, s.org.id, { level: "cohort", matrixCohortId: null }, now)).rejects.toMatchObject({ status: 403 });
    }
    const theirs = await loadDiagnosticsReport(t.db, s.outsiderAdmin, s.other.id, "cohort");
    expect(theirs.moments).toEqual([]);
    const theirArc = await loadArcReport(t.db, s.outsiderAdmin, s.other.id, { level: "cohort", matrixCohortId: null }, now);
    expect(theirArc.rows).toEqual([]);
  });

  it("a group that carried on as a peer group keeps its cycles' self-assessments", async () => {
    await t.db.update(groups).set({ kind: "peer" }).where(eq(groups.id, s.group.id));
    const last = s.people[5]!;
    expect((await loadMyDiagnostics(t.db, last, now)).cycles[0]!.open).toEqual(["start"]);
    await answerDiagnostic(t.db, last, { cycleId: running.id, moment: "start", answers: answers(3) }, now);
  });
});
