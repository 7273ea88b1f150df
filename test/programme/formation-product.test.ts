// Forming a cohort's groups with the engine, end to end below the pages: the
// set-up, a run in a worker, the plan it proposes, adjusting it, publishing
// it, and the three kinds of run (form, re-form, late joiners). Every hard
// rule is checked on the groups that end up in the database.
import { translateNestedMessage } from "~/domain/i18n/nested-message";
import { i18nFor } from "~/domain/i18n/translators";
import { and, eq, inArray } from "drizzle-orm";
import path from "node:path";
import { auditEvents, cohortMembers, cohorts, departments, formationPlans, groupMembers, groups, notifications, sites, users } from "../../db/schema";
import { defaultSettings } from "~/domain/formation/formation-settings";
import { NotFoundError } from "~/domain/http-errors";
import { InputError } from "~/domain/input-error";
import { FormationRunner } from "~/domain/programme/forming/formation-runner.server";
import { applyFormation } from "~/domain/programme/cohorts/apply-formation.server";
import { loadFormationScreen } from "~/domain/programme/cohorts/load-formation.server";
import {
  cancelFormation,
  editFormationPairs,
  editFormationPlan,
  proposeFormation,
  publishFormation,
  readPlan,
  saveFormationSetup,
} from "~/domain/programme/forming/formation-plans.server";
import { findCohortForFormation, readFormationContext } from "~/domain/programme/forming/formation-context.server";
import { loadFormationPlan, loadFormationSetup } from "~/domain/programme/forming/formation-pages.server";
import { createOrg, createUser } from "../support/factories";
import { createCohort, createCycle, createProgrammeGroup, monthlyMeetings } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/** Messages are catalogue keys with values: the English an admin reads. */
const english = (message: string) => translateNestedMessage(i18nFor("en"), message);

let t: TestDatabase;
let runner: FormationRunner;
beforeAll(async () => {
  t = await createTestDatabase();
  runner = new FormationRunner(t.db);
});
afterAll(async () => {
  await runner.stop();
  await t.drop();
});

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

/** An organisation with `n` enrolled people over three departments and two sites, and one manager with two reports. */
async function company(n: number, { cohortOverrides = {} } = {}) {
  const org = await createOrg(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
  const depts = await t.db.insert(departments).values(["Finance", "Sales", "Operations"].map((name) => ({ orgId: org.id, name }))).returning();
  const siteRows = await t.db.insert(sites).values(["North", "South"].map((name) => ({ orgId: org.id, name }))).returning();
  const people = [];
  for (let i = 0; i < n; i++) {
    const p = await createUser(t.db, { orgId: org.id, roles: ["participant"], name: `Person ${String(i).padStart(2, "0")}` });
    await t.db.update(users).set({ departmentId: depts[i % 3]!.id, siteId: siteRows[i % 2]!.id }).where(eq(users.id, p.id));
    people.push(p);
  }
  // Person 00 manages 03 and 06 (all in Finance).
  if (n > 6) await t.db.update(users).set({ managerId: people[0]!.id }).where(inArray(users.id, [people[3]!.id, people[6]!.id]));
  const cohort = await createCohort(t.db, { orgId: org.id, createdBy: admin.id, groupSizeMin: 4, groupSizeMax: 6, ...cohortOverrides });
  if (n) await t.db.insert(cohortMembers).values(people.map((p) => ({ cohortId: cohort.id, userId: p.id })));
  return { org, admin, people, cohort, depts };
}

async function settings(c: Awaited<ReturnType<typeof company>>, overrides: Partial<ReturnType<typeof defaultSettings>> = {}) {
  await saveFormationSetup(t.db, c.admin, c.cohort.id, { ...defaultSettings(c.cohort), seconds: 1, ...overrides });
}

async function proposal(c: Awaited<ReturnType<typeof company>>, options: { from?: string } = {}) {
  const planId = await proposeFormation(t.db, runner, c.admin, c.cohort.id, options);
  await runner.settled(planId);
  const cohort = await findCohortForFormation(t.db, c.admin, c.cohort.id);
  return readPlan(t.db, cohort, planId);
}

async function groupsOf(cohortId: string) {
  const rows = await t.db
    .select({ groupId: groups.id, name: groups.name, userId: groupMembers.userId, role: groupMembers.role, department: users.departmentId, managerId: users.managerId })
    .from(groups)
    .innerJoin(groupMembers, eq(groupMembers.groupId, groups.id))
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groups.cohortId, cohortId));
  const byGroup = new Map<string, typeof rows>();
  for (const r of rows) byGroup.set(r.groupId, [...(byGroup.get(r.groupId) ?? []), r]);
  return byGroup;
}

test("a cohort is formed, published, and every hard rule holds on the groups in the database", async () => {
  const c = await company(20);
  await settings(c, { maxPerDepartment: 2 });
  const plan = await proposal(c);
  expect(plan.status).toBe("proposed");
  expect(plan.kind).toBe("form");
  // 20 people in groups of 4 to 6: four groups of five.
  expect(plan.groupIds).toHaveLength(4);
  expect(plan.assignment).toHaveLength(20);
  expect(plan.value).toBeGreaterThan(0);

  const result = await publishFormation(t.db, c.admin, c.cohort.id, plan.id);
  expect(result.created).toBe(4);
  const formed = await groupsOf(c.cohort.id);
  expect(formed.size).toBe(4);
  const placed = [...formed.values()].flat();
  expect(new Set(placed.map((m) => m.userId)).size).toBe(20);
  for (const members of formed.values()) {
    expect(members.length).toBe(5);
    const ids = new Set(members.map((m) => m.userId));
    // The manager and their reports never share a group.
    for (const m of members) if (m.managerId) expect(ids.has(m.managerId)).toBe(false);
    // At most two of one department.
    const perDept = new Map<string, number>();
    for (const m of members) perDept.set(m.department!, (perDept.get(m.department!) ?? 0) + 1);
    expect(Math.max(...perDept.values())).toBeLessThanOrEqual(2);
  }
  const [published] = await t.db.select().from(formationPlans).where(eq(formationPlans.id, plan.id));
  expect(published).toMatchObject({ status: "published", publishedBy: c.admin.id });
  const audits = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "cohort.formation_published"), eq(auditEvents.targetId, c.cohort.id)));
  expect(audits).toHaveLength(1);
  const notices = await t.db.select().from(notifications).where(inArray(notifications.userId, c.people.map((p) => p.id)));
  expect(notices.filter((n) => n.title.startsWith("You are in"))).toHaveLength(20);

  // Publishing twice is refused; the plan is kept, so a later formation knows who met.
  expect(english(((await refusal(publishFormation(t.db, c.admin, c.cohort.id, plan.id))) as InputError).fieldErrors.form!)).toMatch(/already published/);
  const cohort = await findCohortForFormation(t.db, c.admin, c.cohort.id);
  const ctx = await readFormationContext(t.db, cohort);
  // 4 groups of 5: 4 × 10 pairs met, from the memberships and the kept plan alike.
  expect(ctx.metBefore).toHaveLength(40);
});

test("the plan page compares the proposal with a random split and a split by department", async () => {
  const c = await company(18);
  await settings(c);
  const plan = await proposal(c);
  const page = await loadFormationPlan(t.db, { ...c.admin, timeZone: "UTC" }, c.cohort.id, plan.id);
  expect("stale" in page ? page.stale : null).toBeNull();
  expect(page.plan.status).toBe("proposed");
  expect(page.proposal).not.toBeNull();
  const rows = page.proposal!.rows;
  expect(rows.map((r) => english(r.label))).toEqual(["Proposal", "Random split", "By department"]);
  // Cutting a department-ordered list keeps departments together: it makes fewer cross-department ties than the proposal.
  expect(rows[0]!.crossDepartmentTies).toBeGreaterThan(rows[2]!.crossDepartmentTies);
  expect(rows[0]!.violations).toBe(0);
  expect(rows[0]!.objective).toBeCloseTo(plan.value!, 6);
  expect(page.proposal!.chart).toMatch(/^data:image\/svg\+xml;base64,/);
  expect(Buffer.from(page.proposal!.chart.split(",")[1]!, "base64").toString()).toContain("Random split");
});

test("adjusting a proposal: move, swap, pin, and a re-run keeps the pinned people where they were", async () => {
  const c = await company(16);
  await settings(c, { maxPerDepartment: null, managerApart: false });
  const plan = await proposal(c);
  const a = plan.people[0]!;
  const b = plan.people.find((id, i) => plan.assignment![i] !== plan.assignment![0])!;
  const groupOf = async (planId: string, userId: string) => {
    const [row] = await t.db.select().from(formationPlans).where(eq(formationPlans.id, planId));
    return row!.assignment![row!.people.indexOf(userId)]!;
  };
  const gA = await groupOf(plan.id, a);
  const gB = await groupOf(plan.id, b);
  await editFormationPlan(t.db, c.admin, c.cohort.id, plan.id, { intent: "swap", userId: a, otherId: b });
  expect(await groupOf(plan.id, a)).toBe(gB);
  expect(await groupOf(plan.id, b)).toBe(gA);
  await editFormationPlan(t.db, c.admin, c.cohort.id, plan.id, { intent: "move", userId: a, toGroup: gA });
  expect(await groupOf(plan.id, a)).toBe(gA);
  await editFormationPlan(t.db, c.admin, c.cohort.id, plan.id, { intent: "pin", userId: a, pinned: true });
  await editFormationPlan(t.db, c.admin, c.cohort.id, plan.id, { intent: "pin", userId: b, pinned: true });
  const error = (await refusal(editFormationPlan(t.db, c.admin, c.cohort.id, plan.id, { intent: "move", userId: a, toGroup: 99 }))) as InputError;
  expect(english(error.fieldErrors.toGroup!)).toMatch(/Choose a group/);

  const rerun = await proposal(c, { from: plan.id });
  expect(rerun.status).toBe("proposed");
  expect(rerun.pins).toEqual({ [a]: gA, [b]: gA });
  expect(await groupOf(rerun.id, a)).toBe(gA);
  expect(await groupOf(rerun.id, b)).toBe(gA);
});

test("bad input: sizes that cannot split the cohort, an empty cohort, contradictory rules; each changes nothing", async () => {
  const c = await company(7);
  await settings(c, { groupSizeMin: 4, groupSizeMax: 4 });
  const sizes = (await refusal(proposeFormation(t.db, runner, c.admin, c.cohort.id))) as InputError;
  expect(sizes).toBeInstanceOf(InputError);
  expect(english(sizes.fieldErrors.form!)).toBe("7 people cannot be split into groups of 4 to 4: 1 groups hold at most 4, and 2 groups need at least 8.");
  expect(await t.db.select().from(formationPlans).where(eq(formationPlans.cohortId, c.cohort.id))).toHaveLength(0);

  const empty = await company(0);
  const none = (await refusal(proposeFormation(t.db, runner, empty.admin, empty.cohort.id))) as InputError;
  expect(english(none.fieldErrors.form!)).toMatch(/Nobody is enrolled in this cohort yet/);

  const [x, y] = [c.people[1]!.id, c.people[2]!.id];
  await editFormationPairs(t.db, c.admin, c.cohort.id, { intent: "add-pair", rule: "together", a: x, b: y });
  const contradiction = (await refusal(editFormationPairs(t.db, c.admin, c.cohort.id, { intent: "add-pair", rule: "apart", a: y, b: x }))) as InputError;
  expect(english(contradiction.fieldErrors.pair!)).toMatch(/cannot be kept together and kept apart/);
  const setup = await loadFormationSetup(t.db, { ...c.admin, timeZone: "UTC" }, c.cohort.id);
  expect(setup.pairs.map((p) => p.rule)).toEqual(["together"]);
  const self = (await refusal(editFormationPairs(t.db, c.admin, c.cohort.id, { intent: "add-pair", rule: "apart", a: x, b: x }))) as InputError;
  expect(english(self.fieldErrors.pair!)).toMatch(/two different people/);
});

test("rules that cannot all hold give a plan that says which rule and which people, not a bad plan", async () => {
  const c = await company(12);
  // Twelve people, three departments of four, at most one per department in a group of 4 to 6: two groups hold two per department.
  await settings(c, { maxPerDepartment: 1, managerApart: false });
  const plan = await proposal(c);
  expect(plan.status).toBe("failed");
  expect(plan.problems!.map((p) => english(p.message)).join(" ")).toMatch(/Finance has 4 people, but at most 1 per group in 2 groups holds 2\./);
  expect(plan.problems![0]!.people.length).toBe(4);
  expect(plan.assignment).toBeNull();
});

test("a run can be cancelled, and a crash in the worker is a failed plan while the process goes on", async () => {
  const c = await company(40);
  await settings(c, { seconds: 30 });
  const started = Date.now();
  const planId = await proposeFormation(t.db, runner, c.admin, c.cohort.id);
  await new Promise((r) => setTimeout(r, 300));
  await cancelFormation(t.db, runner, c.admin, c.cohort.id, planId);
  await runner.settled(planId);
  expect(Date.now() - started).toBeLessThan(10_000);
  const cohort = await findCohortForFormation(t.db, c.admin, c.cohort.id);
  const cancelled = await readPlan(t.db, cohort, planId);
  expect(cancelled.error).toBeNull();
  expect(cancelled.status).toBe("cancelled");
  expect(runner.running).toBe(0);

  const crashing = new FormationRunner(t.db, path.resolve("test/support/crashing-formation-worker.ts"));
  const crashed = await proposeFormation(t.db, crashing, c.admin, c.cohort.id);
  await crashing.settled(crashed);
  const failed = await readPlan(t.db, cohort, crashed);
  expect(failed.status).toBe("failed");
  expect(english(failed.error!)).toMatch(/The formation run failed: the worker fell over/);
});

test("a proposal made before someone enrolled is refused on publish, and nothing changes", async () => {
  const c = await company(10);
  await settings(c);
  const plan = await proposal(c);
  const late = await createUser(t.db, { orgId: c.org.id, roles: ["participant"] });
  await t.db.insert(cohortMembers).values({ cohortId: c.cohort.id, userId: late.id });
  const error = (await refusal(publishFormation(t.db, c.admin, c.cohort.id, plan.id))) as InputError;
  expect(english(error.fieldErrors.form!)).toMatch(/Since this proposal was made, 1 person has joined\. Propose the groups again/);
  expect((await groupsOf(c.cohort.id)).size).toBe(0);
  const [row] = await t.db.select().from(formationPlans).where(eq(formationPlans.id, plan.id));
  expect(row!.status).toBe("proposed");
});

test("late joiners join the meeting groups and nobody else moves", async () => {
  const c = await company(10);
  const facilitator = await createUser(t.db, { orgId: c.org.id, roles: ["facilitator"] });
  const g1 = await createProgrammeGroup(t.db, { orgId: c.org.id, cohortId: c.cohort.id, facilitatorId: facilitator.id, memberIds: c.people.slice(0, 5).map((p) => p.id), name: "Circle A" });
  const g2 = await createProgrammeGroup(t.db, { orgId: c.org.id, cohortId: c.cohort.id, facilitatorId: facilitator.id, memberIds: c.people.slice(5, 10).map((p) => p.id), name: "Circle B" });
  for (const g of [g1, g2]) await createCycle(t.db, { group: g, facilitatorId: facilitator.id, meetings: monthlyMeetings(6, 2) });
  const newcomers = await Promise.all([0, 1].map(() => createUser(t.db, { orgId: c.org.id, roles: ["participant"] })));
  await t.db.insert(cohortMembers).values(newcomers.map((p) => ({ cohortId: c.cohort.id, userId: p.id })));
  await settings(c);
  const plan = await proposal(c);
  expect(plan.kind).toBe("late_joiners");
  expect(plan.groupIds).toEqual([g1.id, g2.id]);
  await publishFormation(t.db, c.admin, c.cohort.id, plan.id);
  const formed = await groupsOf(c.cohort.id);
  const members = (id: string) => formed.get(id)!.filter((m) => m.role === "member").map((m) => m.userId);
  for (const p of c.people.slice(0, 5)) expect(members(g1.id)).toContain(p.id);
  for (const p of c.people.slice(5, 10)) expect(members(g2.id)).toContain(p.id);
  expect(members(g1.id).length + members(g2.id).length).toBe(12);
});

test("re-forming: a group that continues stays, and the people of a finished group meet new people", async () => {
  const c = await company(15, { cohortOverrides: { groupSizeMin: 3, groupSizeMax: 5 } });
  const facilitator = await createUser(t.db, { orgId: c.org.id, roles: ["facilitator"] });
  const ids = c.people.map((p) => p.id);
  const stays = await createProgrammeGroup(t.db, { orgId: c.org.id, cohortId: c.cohort.id, facilitatorId: facilitator.id, memberIds: ids.slice(0, 5), name: "Stays" });
  const endedA = await createProgrammeGroup(t.db, { orgId: c.org.id, cohortId: c.cohort.id, facilitatorId: facilitator.id, memberIds: ids.slice(5, 10), name: "Ended A" });
  const endedB = await createProgrammeGroup(t.db, { orgId: c.org.id, cohortId: c.cohort.id, facilitatorId: facilitator.id, memberIds: ids.slice(10, 15), name: "Ended B" });
  await createCycle(t.db, { group: stays, facilitatorId: facilitator.id, meetings: monthlyMeetings(6, 6), state: "continued" });
  await createCycle(t.db, { group: stays, facilitatorId: facilitator.id, number: 2, meetings: monthlyMeetings(6, 0), state: "planned" });
  for (const g of [endedA, endedB]) await createCycle(t.db, { group: g, facilitatorId: facilitator.id, meetings: monthlyMeetings(6, 6), state: "ended" });
  // The hand-made screen shows the finished groups apart; their people count as not in a group.
  const screen = await loadFormationScreen(t.db, c.admin, c.cohort.id);
  expect(screen.finished.map((g) => [g.name, g.members]).sort()).toEqual([["Ended A", 5], ["Ended B", 5]]);
  expect(screen.unplaced).toHaveLength(10);
  await settings(c, { groupSizeMin: 3, groupSizeMax: 5, maxPerDepartment: null, managerApart: false, mix: { department: "off", site: "off", newTies: "strongly" } });
  const plan = await proposal(c);
  expect(plan.problems ?? plan.error).toBeNull();
  expect(plan.kind).toBe("re_form");
  expect([...plan.people].sort()).toEqual(ids.slice(5, 15).sort());
  await publishFormation(t.db, c.admin, c.cohort.id, plan.id);
  const formed = await groupsOf(c.cohort.id);
  // The continuing group is untouched; the finished ones keep their history; two new groups mix A and B.
  expect(formed.get(stays.id)!.filter((m) => m.role === "member").map((m) => m.userId).sort()).toEqual(ids.slice(0, 5).sort());
  expect(formed.get(endedA.id)!.length).toBe(6);
  const fresh = [...formed.entries()].filter(([id]) => ![stays.id, endedA.id, endedB.id].includes(id));
  // Ten people in groups of 3 to 5: three groups (3, 3 and 4), the middle of the range.
  expect(fresh.map(([, m]) => m.length).sort()).toEqual([3, 3, 4]);
  const fromA = new Set(ids.slice(5, 10));
  let repeats = 0;
  for (const [, members] of fresh) {
    const a = members.filter((m) => fromA.has(m.userId)).length;
    const b = members.length - a;
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    repeats += (a * (a - 1)) / 2 + (b * (b - 1)) / 2;
  }
  // By hand: a group of 3 from two old groups repeats at least 1 pair, a group of 4 at least 2; 1 + 1 + 2 is the fewest.
  expect(repeats).toBe(4);
});

test("after sponsorship ends, no formation is saved or proposed, by hand or by the engine", async () => {
  const c = await company(10);
  await settings(c);
  await t.db.update(cohorts).set({ sponsorshipEndedAt: new Date() }).where(eq(cohorts.id, c.cohort.id));
  const byHand = (await refusal(applyFormation(t.db, c.admin, c.cohort.id, { groups: [{ groupId: null, name: "Late", facilitatorId: null, memberIds: [c.people[0]!.id] }] }))) as InputError;
  expect(english(byHand.fieldErrors.form!)).toMatch(/no longer sponsors this cohort/);
  const engine = (await refusal(proposeFormation(t.db, runner, c.admin, c.cohort.id))) as InputError;
  expect(english(engine.fieldErrors.form!)).toMatch(/no longer sponsors this cohort/);
  expect((await groupsOf(c.cohort.id)).size).toBe(0);
});

test("only the cohort's own organisation admins can form its groups; everyone else gets a 404", async () => {
  const c = await company(6);
  const other = await createOrg(t.db);
  const outsider = await createUser(t.db, { orgId: other.id, roles: ["org_admin"] });
  const platform = await createUser(t.db, { orgId: other.id, roles: ["platform_admin"] });
  const facilitator = await createUser(t.db, { orgId: c.org.id, roles: ["facilitator"] });
  for (const who of [outsider, platform, facilitator, c.people[0]!]) {
    expect(await refusal(findCohortForFormation(t.db, who, c.cohort.id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(proposeFormation(t.db, runner, who, c.cohort.id))).toBeInstanceOf(NotFoundError);
  }
  expect(await refusal(findCohortForFormation(t.db, c.admin, "not-a-uuid"))).toBeInstanceOf(NotFoundError);
});
