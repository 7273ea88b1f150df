// The demo data created on the first start of an empty database outside
// production, and never twice or in production.
import fs from "node:fs";
import path from "node:path";
import { and, eq, inArray, ne } from "drizzle-orm";
import {
  appMeta,
  auditEvents,
  cohortMembers,
  cohorts,
  cycleMeetings,
  cycles,
  departments,
  diagnosticResponses,
  experiments,
  groupConversions,
  groupMembers,
  groups,
  insightUnits,
  kpiValues,
  meetingAttendance,
  meetingEvaluationReceipts,
  meetingEvaluations,
  moduleRevisions,
  modules,
  organisations,
  programmeModules,
  reunions,
  sites,
  surveyScores,
  takeaways,
  userRoles,
  users,
} from "../db/schema";
import { DEMO_EXPERIMENT_TITLE } from "../app/domain/demo/demo-experiment.server";
import { loadExperimentResult } from "../app/domain/insights/experiments/experiment-result.server";
import { loadMyDiagnostics } from "../app/domain/diagnostics/my-diagnostics.server";
import { loadProgrammePage } from "../app/domain/programme/programme-page.server";
import { verifyPassword } from "../app/domain/accounts/password.server";
import { DEMO_ACCOUNTS, DEMO_COAUTHORED, DEMO_PASSWORD, describeDemoAccount, seedDemo } from "../app/domain/demo/seed-demo.server";
import { ROLES } from "../app/domain/roles";
import { DEMO_MARGIN, DEMO_SATISFACTION } from "../app/domain/demo/generate-kpis";
import { findDraftBySlug } from "../app/domain/modules/module-draft.server";
import type { Database } from "../db/database";
import { ROOT_DIR } from "../server/http-app";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

const contentDir = path.join(ROOT_DIR, "content");

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

async function counts(db: Database) {
  return {
    organisations: await db.$count(organisations),
    users: await db.$count(users),
    userRoles: await db.$count(userRoles),
    departments: await db.$count(departments),
    sites: await db.$count(sites),
    appMeta: await db.$count(appMeta),
    modules: await db.$count(modules),
    moduleRevisions: await db.$count(moduleRevisions),
    cohorts: await db.$count(cohorts),
    groups: await db.$count(groups),
    cycles: await db.$count(cycles),
    reunions: await db.$count(reunions),
    meetingAttendance: await db.$count(meetingAttendance),
    meetingEvaluations: await db.$count(meetingEvaluations),
    takeaways: await db.$count(takeaways),
    auditEvents: await db.$count(auditEvents),
  };
}

async function accountsByEmail(db: Database) {
  const rows = await db
    .select({ email: users.email, org: organisations.name, passwordHash: users.passwordHash, role: userRoles.role })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id));
  const byEmail = new Map<string, { org: string; roles: string[]; passwordHash: string }>();
  for (const r of rows) {
    const entry = byEmail.get(r.email) ?? { org: r.org, roles: [], passwordHash: r.passwordHash };
    if (r.role) entry.roles.push(r.role);
    byEmail.set(r.email, entry);
  }
  return byEmail;
}

test("on an empty database it creates the two demo organisations and the demo accounts with their roles", async () => {
  expect((await counts(t.db)).users).toBe(0);
  const result = await seedDemo(t.db, { isProduction: false, contentDir });
  expect(result.seeded).toBe(true);

  const orgs = await t.db.select().from(organisations);
  expect(orgs.map((o) => o.name).sort()).toEqual(["Harbourline Utilities", "Northfield Health Group"]);
  const harbourline = orgs.find((o) => o.name === "Harbourline Utilities")!;
  expect(harbourline).toMatchObject({ signupMode: "email_domain", allowedEmailDomain: "demo.test" });
  expect(orgs.find((o) => o.name === "Northfield Health Group")).toMatchObject({ signupMode: "invite_only", allowedEmailDomain: null });

  const accounts = await accountsByEmail(t.db);
  const expected: [string, string, string[]][] = [
    ["leader@demo.test", "Harbourline Utilities", ["thought_leader"]],
    ["alumna@demo.test", "Harbourline Utilities", ["alumnus"]],
    ["alumnus2@demo.test", "Northfield Health Group", ["alumnus"]],
    ["participant@demo.test", "Harbourline Utilities", ["participant"]],
    ["facilitator@demo.test", "Harbourline Utilities", ["facilitator"]],
    ["moderator@demo.test", "Harbourline Utilities", ["moderator"]],
    ["orgadmin@demo.test", "Harbourline Utilities", ["org_admin"]],
    ["admin@demo.test", "Harbourline Utilities", ["platform_admin"]],
  ];
  for (const [email, org, roles] of expected) {
    const account = accounts.get(email);
    expect(account, email).toBeDefined();
    expect({ email, org: account!.org, roles: account!.roles.sort() }).toEqual({ email, org, roles });
  }
  // Every demo account signs in with the documented password.
  expect(await verifyPassword(accounts.get("participant@demo.test")!.passwordHash, DEMO_PASSWORD)).toBe(true);
  // The accounts printed at start are the ones created; everyone else is a generated person of Harbourline.
  const printed = result.accounts.map((a) => a.email);
  expect(printed.filter((email) => !accounts.has(email))).toEqual([]);
  const others = [...accounts].filter(([email]) => !printed.includes(email));
  expect(others.every(([, a]) => a.org === "Harbourline Utilities")).toBe(true);
  expect(others.length).toBe(240 - DEMO_ACCOUNTS.filter((a) => a.org === "a").length);
});

test("the demo lead author and the demo alumna can edit one module's draft together", async () => {
  const [module] = await t.db.select().from(modules).where(eq(modules.slug, DEMO_COAUTHORED.slug));
  expect(module).toBeDefined();
  for (const email of ["leader@demo.test", "alumna@demo.test"]) {
    const [user] = await t.db.select().from(users).where(eq(users.email, email));
    const roles = (await t.db.select().from(userRoles).where(eq(userRoles.userId, user!.id))).map((r) => r.role);
    const draft = await findDraftBySlug(t.db, { id: user!.id, orgId: user!.orgId, roles }, module!.slug);
    expect(draft.access, email).toBe("edit");
  }
});

test("the demo has Japanese modules, published and searchable, two of them linked to the English modules they translate", async () => {
  const japanese = await t.db.select().from(modules).where(and(eq(modules.language, "ja"), eq(modules.status, "published")));
  expect(japanese.length).toBeGreaterThanOrEqual(5);
  const [urgent] = await t.db.select().from(modules).where(eq(modules.slug, DEMO_COAUTHORED.slug));
  const linked = japanese.filter((m) => m.translationOf !== null);
  expect(linked.length).toBeGreaterThanOrEqual(2);
  expect(linked.map((m) => m.translationOf)).toContain(urgent!.id);
  // Harbourline's programme keeps its English modules, one version of each.
  const [org] = await t.db.select().from(organisations).where(eq(organisations.name, "Harbourline Utilities"));
  const programme = await t.db.select({ language: modules.language }).from(programmeModules).innerJoin(modules, eq(modules.id, programmeModules.moduleId)).where(eq(programmeModules.orgId, org!.id));
  expect(programme.length).toBe(10);
  expect(programme.every((m) => m.language === "en")).toBe(true);
});

describe("the generated company", () => {
  const harbourline = async () => (await t.db.select().from(organisations).where(eq(organisations.name, "Harbourline Utilities")))[0]!;
  const userId = async (email: string) => (await t.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;

  test("Harbourline has 240 people in 8 departments and 4 sites, with managers, and says its data is generated", async () => {
    const org = await harbourline();
    expect(org.demoData).toBe(true);
    expect(await t.db.$count(users, eq(users.orgId, org.id))).toBe(240);
    expect(await t.db.$count(departments, eq(departments.orgId, org.id))).toBe(8);
    expect(await t.db.$count(sites, eq(sites.orgId, org.id))).toBe(4);
    const people = await t.db.select({ managerId: users.managerId, departmentId: users.departmentId, siteId: users.siteId }).from(users).where(eq(users.orgId, org.id));
    expect(people.filter((p) => p.managerId).length).toBeGreaterThan(200);
    expect(new Set(people.map((p) => p.departmentId).filter(Boolean)).size).toBe(8);
    expect(new Set(people.map((p) => p.siteId).filter(Boolean)).size).toBe(4);
  });

  test("36 months of synthetic business figures per department and site, and a quarterly engagement survey, imported and audited", async () => {
    const org = await harbourline();
    const kpis = await t.db.select({ kind: insightUnits.kind, metric: kpiValues.metric, period: kpiValues.period }).from(kpiValues).innerJoin(insightUnits, eq(insightUnits.id, kpiValues.unitId)).where(eq(kpiValues.orgId, org.id));
    expect(new Set(kpis.map((k) => k.metric))).toEqual(new Set([DEMO_MARGIN, DEMO_SATISFACTION]));
    expect(new Set(kpis.map((k) => k.period)).size).toBe(36);
    // 8 departments and 4 sites, two metrics, 36 months.
    expect(kpis.filter((k) => k.kind === "department")).toHaveLength(8 * 2 * 36);
    expect(kpis.filter((k) => k.kind === "site")).toHaveLength(4 * 2 * 36);
    expect(await t.db.$count(surveyScores, eq(surveyScores.orgId, org.id))).toBe(240 * 12);
    expect(await t.db.$count(auditEvents, and(eq(auditEvents.ownerOrgId, org.id), eq(auditEvents.action, "insights.kpis_imported")))).toBe(2);
  });

  test("a cohort experiment on customer satisfaction, registered before it started and assigned, labelled synthetic demo data, with a finished result", async () => {
    const org = await harbourline();
    const [e] = await t.db.select().from(experiments).where(eq(experiments.orgId, org.id));
    expect(e).toMatchObject({ title: DEMO_EXPERIMENT_TITLE, outcome: DEMO_SATISFACTION, unitKind: "department" });
    expect(e!.eligible).toHaveLength(8);
    expect(e!.registeredAt!.getTime()).toBeLessThan(new Date(e!.startsOn).getTime());
    const admin = { id: await userId("orgadmin@demo.test"), orgId: org.id, roles: ["org_admin" as const] };
    const result = (await loadExperimentResult(t.db, admin, e!.id))!;
    expect(result.interim).toBe(false);
    expect(result.outcome.kind).toBe("estimate");
  });

  test("three cohorts: one finished with a group carried on as a peer group, one whose groups are at their third meeting with the demo participant in it, one to form", async () => {
    const org = await harbourline();
    const rows = await t.db.select().from(cohorts).where(eq(cohorts.orgId, org.id));
    expect(rows.map((c) => c.name).sort()).toEqual(["Autumn cohort", "Pioneer cohort", "Second cohort"]);
    // The cohort to form: 48 enrolled, in no other cohort, and no groups yet.
    const toForm = rows.find((c) => c.name === "Autumn cohort")!;
    const enrolled = await t.db.select({ userId: cohortMembers.userId }).from(cohortMembers).where(eq(cohortMembers.cohortId, toForm.id));
    expect(enrolled).toHaveLength(48);
    const elsewhere = await t.db.select({ userId: cohortMembers.userId }).from(cohortMembers).where(and(inArray(cohortMembers.userId, enrolled.map((e) => e.userId)), ne(cohortMembers.cohortId, toForm.id)));
    expect(elsewhere).toEqual([]);
    expect(await t.db.$count(groups, eq(groups.cohortId, toForm.id))).toBe(0);
    const finished = rows.find((c) => c.name === "Pioneer cohort")!;
    expect(finished.sponsorshipEndedAt).not.toBeNull();
    const converted = await t.db.select({ kind: groups.kind }).from(groupConversions).innerJoin(groups, eq(groups.id, groupConversions.groupId)).where(eq(groupConversions.status, "converted"));
    expect(converted.map((g) => g.kind)).toEqual(["peer"]);
    // Some groups of the finished cohort went on to a second cycle.
    const second = await t.db.select({ id: cycles.id }).from(cycles).innerJoin(groups, eq(groups.id, cycles.groupId)).where(and(eq(groups.cohortId, finished.id), eq(cycles.number, 2)));
    expect(second.length).toBeGreaterThan(0);

    const participant = await userId("participant@demo.test");
    const running = rows.find((c) => c.name === "Second cohort")!;
    expect(await t.db.$count(cohortMembers, and(eq(cohortMembers.cohortId, running.id), eq(cohortMembers.userId, participant)))).toBe(1);
    const me = { id: participant, orgId: org.id, roles: ["participant" as const] };
    const page = await loadProgrammePage(t.db, me);
    expect(page.participant).toHaveLength(1);
    expect(page.participant[0]!.cycle?.state).toBe("running");
    expect(page.participant[0]!.next?.number).toBe(3);
    expect(page.participant[0]!.meetings.filter((m) => m.over).map((m) => m.attendance)).toEqual(["present", "present"]);
    // Their last meeting's evaluation is still to give.
    expect(page.participant[0]!.evaluationsToGive.map((m) => m.number)).toContain(2);
  });

  test("synthetic self-assessments: the demo participant has the start open, the demo alumna her before and after with the follow-up open", async () => {
    const org = await harbourline();
    const actor = async (email: string) => ({ id: await userId(email), orgId: org.id, roles: ["participant" as const] });
    const participant = await loadMyDiagnostics(t.db, await actor("participant@demo.test"));
    expect(participant.cycles.flatMap((c) => c.open)).toEqual(["start"]);
    const alumna = await loadMyDiagnostics(t.db, await actor("alumna@demo.test"));
    expect(alumna.cycles[0]!.answered.map((a) => a.moment)).toEqual(["start", "end"]);
    expect(alumna.cycles.flatMap((c) => c.open)).toEqual(["six_months"]);
    expect(await t.db.$count(diagnosticResponses)).toBeGreaterThan(100);
  });

  test("the demo facilitator facilitates three groups, each showing on their programme page", async () => {
    const facilitator = await userId("facilitator@demo.test");
    expect(await t.db.$count(groupMembers, and(eq(groupMembers.userId, facilitator), eq(groupMembers.role, "facilitator")))).toBe(3);
    const org = await harbourline();
    const page = await loadProgrammePage(t.db, { id: facilitator, orgId: org.id, roles: ["facilitator"] });
    expect(page.facilitator).toHaveLength(3);
    expect(page.facilitator.every((g) => g.next?.number === 3)).toBe(true);
  });

  test("every alumnus of Harbourline earned it by the rule: recomputed from attendance, present at least the cohort's threshold in one cycle", async () => {
    const org = await harbourline();
    const alumni = await t.db.select({ userId: userRoles.userId }).from(userRoles).innerJoin(users, eq(users.id, userRoles.userId)).where(and(eq(userRoles.role, "alumnus"), eq(users.orgId, org.id)));
    expect(alumni.length).toBeGreaterThan(20);
    const present = await t.db
      .select({ userId: meetingAttendance.userId, cycleId: cycleMeetings.cycleId, threshold: cohorts.alumniThreshold })
      .from(meetingAttendance)
      .innerJoin(cycleMeetings, eq(cycleMeetings.reunionId, meetingAttendance.reunionId))
      .innerJoin(cycles, eq(cycles.id, cycleMeetings.cycleId))
      .innerJoin(groups, eq(groups.id, cycles.groupId))
      .innerJoin(cohorts, eq(cohorts.id, groups.cohortId))
      .where(and(eq(meetingAttendance.status, "present"), inArray(cycles.state, ["continued", "ended"])));
    const perCycle = new Map<string, { n: number; threshold: number }>();
    for (const p of present) {
      const key = `${p.userId}:${p.cycleId}`;
      perCycle.set(key, { n: (perCycle.get(key)?.n ?? 0) + 1, threshold: p.threshold });
    }
    const earned = new Set([...perCycle].filter(([, v]) => v.n >= v.threshold).map(([key]) => key.split(":")[0]!));
    expect(alumni.map((a) => a.userId).filter((id) => !earned.has(id))).toEqual([]);
    // And everyone who reached the threshold is one.
    expect([...earned].filter((id) => !alumni.some((a) => a.userId === id))).toEqual([]);
    const alumna = await userId("alumna@demo.test");
    expect(earned.has(alumna)).toBe(true);
    expect(await t.db.$count(auditEvents, and(eq(auditEvents.action, "person.alumnus_earned"), eq(auditEvents.targetId, alumna)))).toBe(1);
  });

  test("evaluations are stored without people and improve over a cycle; receipts never outnumber those present", async () => {
    const byNumber = await t.db
      .select({ number: cycleMeetings.number, safety: meetingEvaluations.safety })
      .from(meetingEvaluations)
      .innerJoin(cycleMeetings, eq(cycleMeetings.reunionId, meetingEvaluations.reunionId))
      .innerJoin(cycles, eq(cycles.id, cycleMeetings.cycleId))
      .where(eq(cycles.number, 1));
    const mean = (n: number) => {
      const xs = byNumber.filter((r) => r.number === n).map((r) => r.safety);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(mean(6)).toBeGreaterThan(mean(1));
    const present = await t.db.$count(meetingAttendance, eq(meetingAttendance.status, "present"));
    expect(await t.db.$count(meetingEvaluationReceipts)).toBeLessThanOrEqual(present);
    expect(await t.db.$count(meetingEvaluations)).toBe(await t.db.$count(meetingEvaluationReceipts));
  });
});

test("running it again creates nothing new", async () => {
  const before = await counts(t.db);
  expect(before.users).toBeGreaterThanOrEqual(8);
  const result = await seedDemo(t.db, { isProduction: false, contentDir });
  expect(result.seeded).toBe(false);
  expect(await counts(t.db)).toEqual(before);
});

test("in production an empty database stays empty", async () => {
  const empty = await createTestDatabase();
  try {
    const result = await seedDemo(empty.db, { isProduction: true, contentDir });
    expect(result).toEqual({ seeded: false, accounts: [], imported: null });
    expect(Object.values(await counts(empty.db)).every((n) => n === 0)).toBe(true);
  } finally {
    await empty.drop();
  }
});

test("a database that already has people is not seeded", async () => {
  const other = await createTestDatabase();
  try {
    const [org] = await other.db.insert(organisations).values({ name: "Real Org", slug: "real-org" }).returning();
    await other.db.insert(users).values({ email: "real@example.test", name: "Real Person", orgId: org!.id, passwordHash: "x" });
    const before = await counts(other.db);
    const result = await seedDemo(other.db, { isProduction: false, contentDir });
    expect(result.seeded).toBe(false);
    expect(result.accounts).toEqual([]);
    expect(await counts(other.db)).toEqual(before);
  } finally {
    await other.drop();
  }
});

/** README's table of demo sign-ins: the rows after the line about the password. */
function readmeDemoAccounts(): { email: string; description: string }[] {
  const readme = fs.readFileSync(path.join(ROOT_DIR, "README.md"), "utf8");
  const after = readme.slice(readme.indexOf(`Every demo account uses the password \`${DEMO_PASSWORD}\``));
  const table = after.slice(0, after.indexOf("\n\n", after.indexOf("\n|")) + 1);
  return table
    .split("\n")
    .filter((line) => /^\| `/.test(line))
    .map((line) => {
      const [, email, description] = /^\| `([^`]+)` \| (.*) \|$/.exec(line) ?? [];
      return { email: email ?? line, description: description ?? "" };
    });
}

test("README's table of demo sign-ins lists exactly the seeded accounts, described as the start prints them", () => {
  expect(readmeDemoAccounts()).toEqual(DEMO_ACCOUNTS.map((a) => ({ email: a.email, description: describeDemoAccount(a) })));
});

test("the sign-in list speaks the app's words for roles, never the codes", () => {
  for (const account of DEMO_ACCOUNTS) {
    const line = describeDemoAccount(account);
    for (const code of ROLES.filter((r) => r.includes("_"))) expect(line, account.email).not.toContain(code);
  }
  expect(describeDemoAccount(DEMO_ACCOUNTS.find((a) => a.email === "leader@demo.test")!)).toMatch(/^Thought leader\b/);
});
