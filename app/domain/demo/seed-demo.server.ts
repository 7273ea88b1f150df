// Creates the demo organisations and accounts on the first start of an empty
// database outside production. A second start finds the marker and does nothing.
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { commentOnProposal } from "../proposals/discuss-proposal.server";
import { createProposal } from "../proposals/create-proposal.server";
import { setSupport } from "../proposals/support-proposal.server";
import { createReunion } from "../reunions/create-reunion.server";
import { addMonthsToLocalDate, instantToLocal, localToInstant } from "../reunions/zoned-time";
import { ARC_INSTRUMENT } from "../diagnostics/arc-self-assessment";
import { demoDiagnostics } from "./demo-diagnostics";
import { generateCompany, type CohortPlan, type CompanySpec, type FixedPerson, type GeneratedCompany } from "./generate-company";
import { writeCompany } from "./seed-company.server";
import { seedDemoExperiment } from "./demo-experiment.server";
import { DEMO_SATISFACTION } from "./generate-kpis";
import { seedDemoInsights } from "./seed-demo-insights.server";
import {
  appMeta,
  cohortMembers,
  cohorts,
  departments,
  diagnosticResponses,
  directoryProfiles,
  groupMembers,
  groups,
  mentorOffers,
  moduleAuthors,
  modules,
  organisations,
  programmeModules,
  sites,
  userRoles,
  users,
  type Role,
} from "../../../db/schema";
import { hashPassword } from "../accounts/password.server";
import { ROLE_LABELS } from "../roles";
import { importAllContent, loadAllContent, type ImportSummary } from "../content/import-content-modules.server";

export const DEMO_PASSWORD = "roundtable-demo";
const SEEDED_KEY = "demo_seeded_at";

type DemoOrg = { key: "a" | "b"; name: string; slug: string; domain: string | null; departments: string[]; sites: string[] };

const ORGS: DemoOrg[] = [
  {
    key: "a",
    name: "Harbourline Utilities",
    slug: "harbourline-utilities",
    domain: "demo.test",
    departments: ["Operations", "Maintenance", "Finance", "Customer Service", "People & Culture", "Logistics", "IT", "Procurement"],
    sites: ["Rotterdam", "Leeds", "Lyon", "Hamburg"],
  },
  {
    key: "b",
    name: "Northfield Health Group",
    slug: "northfield-health-group",
    domain: null,
    departments: ["Nursing", "Facilities", "Finance"],
    sites: ["Aberdeen", "Gdańsk"],
  },
];

export type DemoAccount = {
  email: string;
  name: string;
  jobTitle: string;
  org: "a" | "b";
  roles: Role[];
  department?: string;
  site?: string;
  timeZone: string;
  // In the alumni directory: what they know and a line about them.
  expertise?: string[];
  bio?: string;
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "leader@demo.test", name: "Dr. Imke Vos", jobTitle: "Professor of Management Practice", org: "a", roles: ["thought_leader"], timeZone: "Europe/Amsterdam" },
  {
    email: "alumna@demo.test", name: "Priya Raman", jobTitle: "Maintenance Team Lead", org: "a", roles: ["alumnus"], department: "Maintenance", site: "Rotterdam", timeZone: "Europe/Amsterdam",
    expertise: ["asset maintenance", "shift planning", "first-time team lead"],
    bio: "Leads a maintenance crew of fourteen across two shifts. Happy to talk about moving from engineer to manager.",
  },
  {
    email: "alumnus2@demo.test", name: "Tomasz Nowak", jobTitle: "Facilities Manager", org: "b", roles: ["alumnus"], department: "Facilities", site: "Gdańsk", timeZone: "Europe/Warsaw",
    expertise: ["facilities", "maintenance planning", "contractor management"],
    bio: "Keeps three hospital buildings running. Interested in how other sectors plan preventive maintenance.",
  },
  { email: "participant@demo.test", name: "Grace Mensah", jobTitle: "Customer Service Manager", org: "a", roles: ["participant"], department: "Customer Service", site: "Leeds", timeZone: "Europe/London" },
  { email: "facilitator@demo.test", name: "Luc Moreau", jobTitle: "Programme Facilitator", org: "a", roles: ["facilitator"], department: "People & Culture", site: "Lyon", timeZone: "Europe/Paris" },
  { email: "moderator@demo.test", name: "Sofia Lindqvist", jobTitle: "Learning Programme Editor", org: "a", roles: ["moderator"], department: "People & Culture", site: "Rotterdam", timeZone: "Europe/Amsterdam" },
  { email: "orgadmin@demo.test", name: "Daniel Okoro", jobTitle: "Head of Leadership Development", org: "a", roles: ["org_admin"], department: "People & Culture", site: "Leeds", timeZone: "Europe/London" },
  { email: "admin@demo.test", name: "Ada Keller", jobTitle: "Roundtable Platform Admin", org: "a", roles: ["platform_admin"], timeZone: "UTC" },
  // Extra thought leaders, so the catalogue has several authors.
  { email: "leader2@demo.test", name: "Prof. Marcus Adeyemi", jobTitle: "Author and Organisational Researcher", org: "a", roles: ["thought_leader"], timeZone: "Europe/London" },
  { email: "leader3@demo.test", name: "Dr. Elena Sorensen", jobTitle: "Leadership Educator", org: "a", roles: ["thought_leader"], timeZone: "America/Toronto" },
  // More alumni, so the directory, group suggestions and mentoring have people in them.
  {
    email: "maarten@demo.test", name: "Maarten de Boer", jobTitle: "Reliability Engineer Lead", org: "a", roles: ["alumnus"], department: "Operations", site: "Rotterdam", timeZone: "Europe/Amsterdam",
    expertise: ["reliability", "asset maintenance", "root cause analysis"],
    bio: "Runs the reliability programme for the pumping stations.",
  },
  {
    email: "chloe@demo.test", name: "Chloé Martin", jobTitle: "Customer Operations Manager", org: "a", roles: ["alumnus"], department: "Customer Service", site: "Lyon", timeZone: "Europe/Paris",
    expertise: ["customer escalations", "difficult conversations", "remote teams"],
    bio: "Manages a contact centre team split between Lyon and home working.",
  },
  {
    email: "oskar@demo.test", name: "Oskar Lind", jobTitle: "Maintenance Planner", org: "b", roles: ["alumnus"], department: "Facilities", site: "Aberdeen", timeZone: "Europe/London",
    expertise: ["maintenance planning", "asset maintenance", "budgeting"],
    bio: "Plans maintenance for two hospitals and a laundry.",
  },
];

// Directory profiles, a mentoring offer and a peer group across both organisations.
const DEMO_LISTED = ["alumna@demo.test", "alumnus2@demo.test", "maarten@demo.test", "chloe@demo.test", "oskar@demo.test"];
const DEMO_MENTOR = { email: "chloe@demo.test", topics: ["difficult conversations", "customer escalations", "first-time team lead"], capacity: 2, format: "A video call once a month, 45 minutes" };
const DEMO_PEER_GROUP = {
  name: "Maintenance practitioners guild",
  field: "Asset maintenance and reliability",
  charter: "Maintenance leads from different sectors compare how they plan, prioritise and learn from breakdowns. We meet online once a month for an hour.",
  convener: "maarten@demo.test",
  members: ["oskar@demo.test"],
};

// The demo programme group: people who meet monthly and read modules together.
const DEMO_GROUP = { name: "Harbourline Circle 1", members: ["participant@demo.test", "alumna@demo.test", "facilitator@demo.test", "moderator@demo.test", "orgadmin@demo.test"] };
// The generated company around the demo accounts (generate-company.ts): Harbourline's
// people, two cohorts and their history. Seeded, so every first start builds the same company.
export const DEMO_COMPANY = { people: 240, seed: 2026, cohorts: { finished: "Pioneer cohort", running: "Second cohort", toForm: "Autumn cohort" }, toFormEnrolled: 48 };
const SITE_ZONES: Record<string, string> = { Rotterdam: "Europe/Amsterdam", Leeds: "Europe/London", Lyon: "Europe/Paris", Hamburg: "Europe/Berlin" };
const PROGRAMME_ZONE = "Europe/Amsterdam";
// Demo accounts placed into that history. The alumni among them are keen (at every meeting held),
// so they are alumni by the rule, like everyone else: their alumnus role is never set by hand.
const PLACED: Record<string, Omit<FixedPerson, "id" | "departmentIndex" | "siteIndex">> = {
  "alumna@demo.test": { cohortKey: "finished", groupIndex: 0, keen: true },
  "maarten@demo.test": { cohortKey: "finished", groupIndex: 1, keen: true },
  "chloe@demo.test": { cohortKey: "finished", groupIndex: 2, keen: true },
  "participant@demo.test": { cohortKey: "running", groupIndex: 0, keen: true },
  "facilitator@demo.test": { facilitates: [["running", 0], ["running", 1], ["running", 2]] },
};
const earnsAlumnusInHistory = (email: string) => Boolean(PLACED[email]?.keen && PLACED[email]?.cohortKey === "finished");
const circleName = (cohort: string, index: number) => `${cohort} · Circle ${index + 1}`;

/**
 * The demo company's plan relative to `now`: a cohort whose first cycle
 * finished about eight months ago (three groups went on to a second cycle,
 * cut short when the sponsorship ended; one of them carried on as a peer
 * group), and a cohort whose groups are about to hold their third meeting.
 */
export function demoCompanySpec(now: Date, placed: FixedPerson[], modules: { id: string; mindset: string }[], orgAccounts: number): CompanySpec {
  const DAY = 86_400_000;
  const at = (monthsBack: number, daysForward: number) =>
    localToInstant({ date: addMonthsToLocalDate(instantToLocal(new Date(now.getTime() + daysForward * DAY), PROGRAMME_ZONE).date, -monthsBack), time: "09:30" }, PROGRAMME_ZONE);
  const common = {
    meetingsPerCycle: 6,
    intervalMonths: 1,
    meetingMinutes: 90,
    alumniThreshold: 4,
    handoverFromMeeting: 4,
    groupSizeMin: 5,
    groupSizeMax: 8,
    timeZone: PROGRAMME_ZONE,
  };
  const cohorts: CohortPlan[] = [
    {
      ...common,
      key: "finished",
      name: DEMO_COMPANY.cohorts.finished,
      enrol: 56,
      groups: 8,
      firstMeetingAt: at(13, -15),
      continueChance: 0.5,
      carries: (groupIndex, cycleNumber) => (cycleNumber === 1 ? groupIndex < 3 : undefined),
      sponsorshipEndsAt: new Date(now.getTime() - 100 * DAY),
      converts: (groupIndex) => groupIndex === 1,
      stepBackChance: 0.5,
    },
    { ...common, key: "running", name: DEMO_COMPANY.cohorts.running, enrol: 56, groups: 8, firstMeetingAt: at(2, 12), continueChance: 0.6, stepBackChance: 0.3 },
  ];
  const harbourline = ORGS[0]!;
  return {
    seed: DEMO_COMPANY.seed,
    now,
    people: DEMO_COMPANY.people - orgAccounts + placed.length,
    departments: harbourline.departments,
    sites: harbourline.sites.map((name) => ({ name, timeZone: SITE_ZONES[name] ?? PROGRAMME_ZONE })),
    emailDomain: "demo.test",
    fixed: placed,
    facilitators: 8,
    cohorts,
    modules,
    continueVote: { rule: "majority_of_votes", quorumPercent: 50, windowDays: 14 },
  };
}

// A module the lead author writes with an alumna, so co-authoring can be tried with two demo accounts.
// The lead is the author named in content/when-everything-is-urgent.md.
export const DEMO_COAUTHORED = { slug: "when-everything-is-urgent", title: "When everything is urgent", lead: "leader@demo.test", coauthor: "alumna@demo.test" };
// Harbourline's programme: the first module of each mindset, in content/ order.
const PROGRAMME_PER_MINDSET = 2;

/**
 * One line about a demo account, in the app's words: its roles, then what the
 * seed gives it to try. The start prints these and README's table lists them,
 * so the two cannot drift apart (test/demo-seed.test.ts).
 */
export function describeDemoAccount(account: DemoAccount): string {
  const notes: string[] = [];
  if (account.org !== ORGS[0]!.key) notes.push(`in the other organisation, ${ORGS.find((o) => o.key === account.org)!.name}`);
  if (account.email === DEMO_COAUTHORED.lead) notes.push(`lead author of “${DEMO_COAUTHORED.title}”`);
  if (account.email === DEMO_COAUTHORED.coauthor) notes.push(`co-writes “${DEMO_COAUTHORED.title}”`);
  if (account.email === DEMO_PEER_GROUP.convener) notes.push(`convenes the ${DEMO_PEER_GROUP.name}`);
  if (DEMO_PEER_GROUP.members.includes(account.email)) notes.push(`member of the ${DEMO_PEER_GROUP.name}`);
  if (account.email === DEMO_MENTOR.email) notes.push("offers mentoring");
  const placed = PLACED[account.email];
  if (placed && earnsAlumnusInHistory(account.email)) notes.push(`finished a cycle in ${circleName(DEMO_COMPANY.cohorts.finished, placed.groupIndex!)}`);
  else if (placed?.cohortKey) notes.push(`in ${circleName(DEMO_COMPANY.cohorts.running, placed.groupIndex!)}, before its third meeting`);
  if (placed?.facilitates) notes.push(`facilitates ${placed.facilitates.map(([, i]) => `Circle ${i + 1}`).join(", ")} of the ${DEMO_COMPANY.cohorts.running}`);
  if (DEMO_GROUP.members.includes(account.email)) notes.push(`in ${DEMO_GROUP.name}`);
  const roles = account.roles.map((r) => ROLE_LABELS[r]).join(", ");
  return notes.length ? `${roles} · ${notes.join(", ")}` : roles;
}

export type SeedResult = { seeded: boolean; accounts: DemoAccount[]; imported: ImportSummary | null };

export async function seedDemo(db: Database, opts: { isProduction: boolean; contentDir: string }): Promise<SeedResult> {
  if (opts.isProduction) return { seeded: false, accounts: [], imported: null };
  // Validate content first: a broken module should stop the start with a clear message.
  const content = (await loadAllContent(opts.contentDir)).filter((m) => m.language === "en");

  const [marker] = await db.select().from(appMeta).where(eq(appMeta.key, SEEDED_KEY));
  const [{ n: userCount }] = (await db.select({ n: count() }).from(users)) as [{ n: number }];
  if (marker || userCount > 0) {
    // Later starts pick up new or edited content; the import is idempotent.
    return { seeded: false, accounts: marker ? DEMO_ACCOUNTS : [], imported: marker ? await importAllContent(db, opts.contentDir) : null };
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, string>();
  await db.transaction(async (tx) => {
    const orgIds = new Map<string, string>();
    const unitIds = new Map<string, string>();
    for (const org of ORGS) {
      const [row] = await tx
        .insert(organisations)
        // Both demo organisations let their alumni meet, so groups and mentoring across them can be tried.
        .values({ name: org.name, slug: org.slug, signupMode: org.domain ? "email_domain" : "invite_only", allowedEmailDomain: org.domain, crossOrgConnections: true })
        .returning({ id: organisations.id });
      orgIds.set(org.key, row!.id);
      for (const name of org.departments) {
        const [d] = await tx.insert(departments).values({ orgId: row!.id, name }).returning({ id: departments.id });
        unitIds.set(`${org.key}:d:${name}`, d!.id);
      }
      for (const name of org.sites) {
        const [s] = await tx.insert(sites).values({ orgId: row!.id, name }).returning({ id: sites.id });
        unitIds.set(`${org.key}:s:${name}`, s!.id);
      }
    }
    for (const account of DEMO_ACCOUNTS) {
      const [user] = await tx
        .insert(users)
        .values({
          email: account.email,
          passwordHash,
          name: account.name,
          jobTitle: account.jobTitle,
          orgId: orgIds.get(account.org)!,
          departmentId: account.department ? unitIds.get(`${account.org}:d:${account.department}`) : null,
          siteId: account.site ? unitIds.get(`${account.org}:s:${account.site}`) : null,
          timeZone: account.timeZone,
          expertise: account.expertise ?? [],
          bio: account.bio ?? "",
        })
        .returning({ id: users.id });
      // An alumnus placed in the history earns the role there, by attendance.
      const roles = account.roles.filter((role) => !(role === "alumnus" && earnsAlumnusInHistory(account.email)));
      if (roles.length) await tx.insert(userRoles).values(roles.map((role) => ({ userId: user!.id, role })));
      userIds.set(account.email, user!.id);
    }
    const [group] = await tx.insert(groups).values({ orgId: orgIds.get("a")!, name: DEMO_GROUP.name, kind: "programme" }).returning({ id: groups.id });
    await tx.insert(groupMembers).values(DEMO_GROUP.members.map((email) => ({ groupId: group!.id, userId: userIds.get(email)! })));
    await tx.insert(directoryProfiles).values(
      DEMO_LISTED.map((email) => ({ userId: userIds.get(email)!, listed: true, showDepartment: true, showSite: true, showBio: true, showMentoring: true, showGroups: true, crossOrg: true })),
    );
    await tx.insert(mentorOffers).values({ userId: userIds.get(DEMO_MENTOR.email)!, topics: DEMO_MENTOR.topics, capacity: DEMO_MENTOR.capacity, format: DEMO_MENTOR.format, scope: "any_org" });
    const convenerId = userIds.get(DEMO_PEER_GROUP.convener)!;
    const [guild] = await tx
      .insert(groups)
      .values({
        orgId: orgIds.get("a")!,
        name: DEMO_PEER_GROUP.name,
        kind: "peer",
        field: DEMO_PEER_GROUP.field,
        charter: DEMO_PEER_GROUP.charter,
        joinPolicy: "open",
        crossOrg: true,
        sizeCap: 20,
        status: "active",
        founderId: convenerId,
        activatedAt: new Date(),
      })
      .returning({ id: groups.id });
    await tx.insert(groupMembers).values([
      { groupId: guild!.id, userId: convenerId, role: "convener" as const },
      ...DEMO_PEER_GROUP.members.map((email) => ({ groupId: guild!.id, userId: userIds.get(email)!, role: "member" as const })),
    ]);
    await tx.insert(appMeta).values({ key: SEEDED_KEY, value: new Date().toISOString() });
  });

  const imported = await importAllContent(db, opts.contentDir);
  const [orgA] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, ORGS[0]!.slug));
  const chosen = new Map<string, number>();
  const programme = content.filter((m) => {
    const n = chosen.get(m.mindset) ?? 0;
    chosen.set(m.mindset, n + 1);
    return n < PROGRAMME_PER_MINDSET;
  });
  for (const m of programme) {
    const [row] = await db.select({ id: modules.id }).from(modules).where(eq(modules.slug, m.slug));
    if (row) await db.insert(programmeModules).values({ orgId: orgA!.id, moduleId: row.id }).onConflictDoNothing();
  }
  const [coauthored] = await db.select({ id: modules.id }).from(modules).where(eq(modules.slug, DEMO_COAUTHORED.slug));
  const coauthorId = userIds.get(DEMO_COAUTHORED.coauthor);
  if (coauthored && coauthorId) {
    await db.insert(moduleAuthors).values({ moduleId: coauthored.id, userId: coauthorId, role: "coauthor" }).onConflictDoNothing();
  }
  await seedDemoCompany(db, orgA!.id, userIds);
  await seedDemoProposal(db, orgA!.id, userIds);
  await seedDemoReunions(db, orgA!.id, userIds);
  await seedDemoInsights(db, { id: userIds.get("orgadmin@demo.test")!, orgId: orgA!.id, roles: ["org_admin"] });
  // On the figure with no planted effect: the demo shows that "no detectable effect" is an answer too.
  await seedDemoExperiment(db, orgA!.id, userIds.get("orgadmin@demo.test")!, DEMO_SATISFACTION);
  return { seeded: true, accounts: DEMO_ACCOUNTS, imported };
}

/** Harbourline's generated people and programme history, written in bulk; both demo organisations are marked as generated. */
async function seedDemoCompany(db: Database, orgId: string, userIds: Map<string, string>) {
  const harbourline = ORGS[0]!;
  const [units, programme, [admin]] = await Promise.all([
    Promise.all([db.select().from(departments).where(eq(departments.orgId, orgId)), db.select().from(sites).where(eq(sites.orgId, orgId))]),
    db.select({ id: modules.id, mindset: modules.mindset }).from(programmeModules).innerJoin(modules, eq(modules.id, programmeModules.moduleId)).where(eq(programmeModules.orgId, orgId)).orderBy(modules.slug),
    db.select({ id: users.id }).from(users).where(and(eq(users.orgId, orgId), eq(users.email, "orgadmin@demo.test"))),
  ]);
  const [departmentRows, siteRows] = units;
  const departmentIds = harbourline.departments.map((name) => departmentRows.find((d) => d.name === name)!.id);
  const siteIds = harbourline.sites.map((name) => siteRows.find((s) => s.name === name)!.id);
  const placed: FixedPerson[] = Object.entries(PLACED).map(([email, place]) => {
    const account = DEMO_ACCOUNTS.find((a) => a.email === email)!;
    return { id: userIds.get(email)!, departmentIndex: Math.max(0, harbourline.departments.indexOf(account.department ?? "")), siteIndex: Math.max(0, harbourline.sites.indexOf(account.site ?? "")), ...place };
  });
  const orgAccounts = DEMO_ACCOUNTS.filter((a) => a.org === harbourline.key).length;
  const company = generateCompany(demoCompanySpec(new Date(), placed, programme, orgAccounts));
  leaveEvaluationToGive(company, userIds.get("participant@demo.test")!);
  const [{ passwordHash }] = (await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, admin!.id))) as [{ passwordHash: string }];
  await db.transaction(async (tx) => {
    await writeCompany(tx, company, { orgId, departmentIds, siteIds, passwordHash, adminId: admin?.id ?? null });
    await enrolCohortToForm(tx, orgId, admin?.id ?? null);
    await writeDemoDiagnostics(tx, company, userIds);
    await tx.update(organisations).set({ demoData: true }).where(inArray(organisations.slug, ORGS.map((o) => o.slug)));
  });
}

/** Synthetic self-assessments (demo-diagnostics.ts), so the insights' diagnostic aggregates show numbers. */
async function writeDemoDiagnostics(db: Database, company: GeneratedCompany, userIds: Map<string, string>) {
  const membersOf = new Map(company.groups.map((g) => [g.id, g.memberIds]));
  const rows = demoDiagnostics(
    company.cycles.map((c) => ({ id: c.id, memberIds: membersOf.get(c.groupId) ?? [], startedAt: c.startedAt, finishedAt: c.voteOpenedAt ?? c.endedAt })),
    new Date(),
    { seed: DEMO_COMPANY.seed, leaveOpenFor: new Set([userIds.get("participant@demo.test")!, userIds.get("alumna@demo.test")!]) },
  );
  for (let i = 0; i < rows.length; i += 500) {
    await db.insert(diagnosticResponses).values(rows.slice(i, i + 500).map((r) => ({ ...r, instrument: ARC_INSTRUMENT })));
  }
}

/**
 * A third cohort, enrolled and not yet split into groups, so the formation
 * engine can be tried on real-looking people: the first people by e-mail who
 * are in no cohort and facilitate nothing (not the demo accounts).
 */
async function enrolCohortToForm(db: Database, orgId: string, adminId: string | null) {
  const candidates = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.orgId, orgId),
        sql`not exists (select 1 from ${cohortMembers} where ${cohortMembers.userId} = ${users.id})`,
        sql`not exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = 'facilitator')`,
      ),
    )
    .orderBy(asc(users.email));
  const accounts = new Set(DEMO_ACCOUNTS.map((a) => a.email));
  const chosen = candidates.filter((c) => !accounts.has(c.email)).slice(0, DEMO_COMPANY.toFormEnrolled);
  const [cohort] = await db
    .insert(cohorts)
    .values({ orgId, name: DEMO_COMPANY.cohorts.toForm, timeZone: PROGRAMME_ZONE, createdBy: adminId })
    .returning({ id: cohorts.id });
  await db.insert(cohortMembers).values(chosen.map((c) => ({ cohortId: cohort!.id, userId: c.id, enrolledBy: adminId })));
}

/**
 * The demo participant has not yet answered the evaluation of their group's
 * last meeting, so their pages show one to give. Answers carry no person: any
 * one answer of that meeting goes with the receipt.
 */
function leaveEvaluationToGive(company: GeneratedCompany, participantId: string) {
  const lastHeld = company.meetings.filter((m) => m.held && company.groups.some((g) => g.id === m.groupId && g.kind === "programme" && g.memberIds.includes(participantId))).at(-1);
  const receipt = company.receipts.findIndex((r) => r.meetingId === lastHeld?.id && r.userId === participantId);
  const answer = company.evaluations.findIndex((e) => e.meetingId === lastHeld?.id);
  if (receipt < 0 || answer < 0) return;
  company.receipts.splice(receipt, 1);
  company.evaluations.splice(answer, 1);
}

/** An open proposal, supported and discussed, so /proposals and the moderator's queue have something in them. */
async function seedDemoProposal(db: Database, orgId: string, userIds: Map<string, string>) {
  const person = (email: string) => {
    const account = DEMO_ACCOUNTS.find((a) => a.email === email)!;
    return { id: userIds.get(email)!, orgId, roles: account.roles, name: account.name };
  };
  const proposer = person("alumna@demo.test");
  const supporter = person("facilitator@demo.test");
  const proposalId = await createProposal(db, proposer, {
    title: "Handing over a team you built",
    challenge: "I am moving to a new role and leaving a team I hired and grew. How do I hand it over so it keeps working well without me, and without my successor feeling second-best?",
    mindset: "collaboration",
    questions: [
      "What does your team rely on you for that nobody has written down?",
      "Which of your habits should your successor not inherit?",
      "How will you step back once you have left?",
    ],
    suggestedMode: "open",
    visibility: "organisation",
  });
  await setSupport(db, supporter, proposalId, true);
  await commentOnProposal(db, supporter, proposalId, { parentId: null, body: "Several people in my last cohort faced exactly this. A page on the first week after the handover would help." });
}

/** Two reunions of the demo group: an open space with a date, and a classic one still finding its date. */
async function seedDemoReunions(
  db: Database,
  orgId: string,
  userIds: Map<string, string>
) {
  const [group] = await db
    .select({ id: groups.id })
    .from(groups)
    .where(eq(groups.name, DEMO_GROUP.name));
  if (!group) return;
  const person = (email: string) => ({
    id: userIds.get(email)!,
    orgId,
    roles: DEMO_ACCOUNTS.find((a) => a.email === email)!.roles,
  });
  const daysAhead = (days: number, zone: string) =>
    instantToLocal(new Date(Date.now() + days * 86_400_000), zone).date;
  const blankSlots = Object.fromEntries(
    [1, 2, 3, 4, 5, 6].flatMap((n) =>
      [`slot${n}Date`, `slot${n}Start`, `slot${n}End`, `slot${n}Zone`].map(
        (k) => [k, ""]
      )
    )
  );
  const common = {
    groupIds: [group.id],
    wholeOrganisation: false,
    inviteEmails: "",
    deadline: "",
    repeatEveryMonths: null,
    repeatCount: null,
    date: "",
    startTime: "",
    endTime: "",
    ...blankSlots,
  };
  await createReunion(db, person("alumna@demo.test"), {
    ...common,
    title: "Lessons from our first year as leads",
    description:
      "A year on from our last session. Bring one thing that went better than expected and one you would do differently; we build the agenda together on the day.",
    format: "open_space",
    location: "Harbourline offices, Rotterdam, room Maas",
    onlineUrl: null,
    capacity: 12,
    timeZone: "Europe/Amsterdam",
    schedule: "fixed",
    date: daysAhead(21, "Europe/Amsterdam"),
    startTime: "14:00",
    endTime: "17:30",
  });
  await createReunion(db, person("facilitator@demo.test"), {
    ...common,
    title: "Circle 1 catch-up call",
    description:
      "An hour online to hear how everyone is getting on since the programme ended.",
    format: "classic",
    location: "",
    onlineUrl: "https://meet.example.com/circle-1",
    capacity: null,
    timeZone: "Europe/Paris",
    schedule: "poll",
    deadline: `${daysAhead(10, "Europe/Paris")}T18:00`,
    // Spread in: the slot fields are numbered form fields.
    ...({
      slot1Date: daysAhead(14, "Europe/Paris"),
      slot1Start: "12:30",
      slot1End: "13:30",
      slot1Zone: "Europe/Paris",
      slot2Date: daysAhead(16, "Europe/Paris"),
      slot2Start: "17:00",
      slot2End: "18:00",
      slot2Zone: "Europe/Paris",
      slot3Date: daysAhead(20, "Europe/Paris"),
      slot3Start: "08:30",
      slot3End: "09:30",
      slot3Zone: "Europe/Paris",
    } as Record<string, string>),
  });
}
