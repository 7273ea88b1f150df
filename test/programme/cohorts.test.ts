// Cohorts: created with the programme's defaults and checked ranges, and
// people of the organisation enrolled by picking, by department or site, or
// from a CSV that is imported all or nothing with a report row by row.
import { and, eq } from "drizzle-orm";
import { auditEvents, cohortMembers, cohorts, departments, meetingEvaluationReceipts, meetingEvaluations, sites, userRoles, users } from "../../db/schema";
import { cohortSettingsSchema, COHORT_DEFAULTS } from "~/domain/programme/cohorts/cohort-fields";
import { createCohort } from "~/domain/programme/cohorts/create-cohort.server";
import { enrolFromCsv, enrolPeople } from "~/domain/programme/cohorts/enrol-people.server";
import { listCohorts } from "~/domain/programme/cohorts/list-cohorts.server";
import { loadCohortPage } from "~/domain/programme/cohorts/cohort-page.server";
import { InputError } from "~/domain/input-error";
import { ForbiddenError, NotFoundError } from "~/domain/http-errors";
import { createOrg, createUser } from "../support/factories";
import { createCohort as createCohortRow, createCycle, monthlyMeetings, programmeSetting, recordAttendanceRows } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { i18nFor, messageIn } from "~/domain/i18n/translators";
import { translateNestedMessage } from "~/domain/i18n/nested-message";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
const settings = (overrides: Record<string, unknown> = {}) => cohortSettingsSchema.parse({ name: "Spring 2027", timeZone: "Europe/Amsterdam", ...COHORT_DEFAULTS, ...overrides });
const enrolledIds = async (cohortId: string) => (await t.db.select({ userId: cohortMembers.userId }).from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId))).map((r) => r.userId).sort();

async function setting() {
  const org = await createOrg(t.db);
  const other = await createOrg(t.db);
  const admin = await createUser(t.db, { orgId: org.id, roles: ["org_admin"] });
  const [finance] = await t.db.insert(departments).values({ orgId: org.id, name: "Finance" }).returning();
  const [lyon] = await t.db.insert(sites).values({ orgId: org.id, name: "Lyon" }).returning();
  const people = await Promise.all(Array.from({ length: 4 }, () => createUser(t.db, { orgId: org.id, roles: [] })));
  const outsider = await createUser(t.db, { orgId: other.id, roles: [] });
  const cohort = await createCohortRow(t.db, { orgId: org.id, createdBy: admin.id });
  return { org, other, admin, finance: finance!, lyon: lyon!, people, outsider, cohort };
}

test("an admin creates a cohort with the programme's defaults; the name is unique in the organisation", async () => {
  const s = await setting();
  const cohort = await createCohort(t.db, s.admin, s.org.id, settings({ name: "Autumn leaders" }));
  expect(cohort).toMatchObject({ meetingsPerCycle: 6, intervalMonths: 1, meetingMinutes: 90, groupSizeMin: 5, groupSizeMax: 8, alumniThreshold: 4, handoverFromMeeting: 4, timeZone: "Europe/Amsterdam" });
  const again = await refusal(createCohort(t.db, s.admin, s.org.id, settings({ name: "autumn LEADERS" })));
  expect(messageIn("en", (again as InputError).fieldErrors.name!)).toMatch(/already a cohort called/);
  // Another organisation may use the same name.
  const otherAdmin = await createUser(t.db, { orgId: s.other.id, roles: ["org_admin"] });
  await createCohort(t.db, otherAdmin, s.other.id, settings({ name: "Autumn leaders" }));
  const participant = await createUser(t.db, { orgId: s.org.id, roles: ["participant"] });
  expect(await refusal(createCohort(t.db, participant, s.org.id, settings({ name: "Mine" })))).toBeInstanceOf(ForbiddenError);
  const list = await listCohorts(t.db, s.admin, s.org.id);
  expect(list.map((c) => c.name)).toContain("Autumn leaders");
  expect(list.find((c) => c.name === "Autumn leaders")).toMatchObject({ enrolled: 0, groups: 0, sponsored: true });
  const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "cohort.created"), eq(auditEvents.targetId, cohort.id)));
  expect(audit?.actorId).toBe(s.admin.id);
});

test("the settings are checked: ranges, smallest not above largest, threshold and handover within the cycle", () => {
  const errors = (overrides: Record<string, unknown>) => {
    const parsed = cohortSettingsSchema.safeParse({ name: "X", timeZone: "Europe/Amsterdam", ...COHORT_DEFAULTS, ...overrides });
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), messageIn("en", i.message)]));
  };
  expect(errors({})).toEqual({});
  expect(errors({ name: "  " }).name).toBe("Give the cohort a name.");
  expect(errors({ meetingsPerCycle: "0" }).meetingsPerCycle).toMatch(/between 1 and 24/);
  expect(errors({ meetingsPerCycle: "six" }).meetingsPerCycle).toMatch(/as a number/);
  expect(errors({ groupSizeMin: 9, groupSizeMax: 6 }).groupSizeMax).toMatch(/cannot be below the smallest/);
  expect(errors({ alumniThreshold: 7 }).alumniThreshold).toMatch(/only 6 meetings/);
  expect(errors({ handoverFromMeeting: 8 }).handoverFromMeeting).toMatch(/only 6 meetings/);
  // The time zone rule is shared with the account forms and speaks through the catalogues.
  expect(errors({ timeZone: "Mars/Olympus" }).timeZone ?? "").toMatch(/time zone/);
});

test("enrolling by picking, by department and by site makes people participants; another organisation's person is refused", async () => {
  const s = await setting();
  await enrolPeople(t.db, s.admin, s.cohort.id, { by: "pick", userIds: [s.people[0]!.id] });
  await t.db.update(users).set({ departmentId: s.finance.id }).where(eq(users.id, s.people[1]!.id));
  await t.db.update(users).set({ siteId: s.lyon.id }).where(eq(users.id, s.people[2]!.id));
  expect(await enrolPeople(t.db, s.admin, s.cohort.id, { by: "department", departmentId: s.finance.id })).toBe(1);
  expect(await enrolPeople(t.db, s.admin, s.cohort.id, { by: "site", siteId: s.lyon.id })).toBe(1);
  // Enrolling again changes nothing.
  expect(await enrolPeople(t.db, s.admin, s.cohort.id, { by: "pick", userIds: [s.people[0]!.id] })).toBe(0);
  expect(await enrolledIds(s.cohort.id)).toEqual([s.people[0]!.id, s.people[1]!.id, s.people[2]!.id].sort());
  const roles = await t.db.select().from(userRoles).where(and(eq(userRoles.userId, s.people[1]!.id), eq(userRoles.role, "participant")));
  expect(roles).toHaveLength(1);

  const outsider = await refusal(enrolPeople(t.db, s.admin, s.cohort.id, { by: "pick", userIds: [s.people[3]!.id, s.outsider.id] }));
  expect(messageIn("en", (outsider as InputError).fieldErrors.userIds!)).toMatch(/people of your organisation/);
  expect(await enrolledIds(s.cohort.id)).not.toContain(s.people[3]!.id);
  const [otherDept] = await t.db.insert(departments).values({ orgId: s.other.id, name: "Sales" }).returning();
  const wrongDept = await refusal(enrolPeople(t.db, s.admin, s.cohort.id, { by: "department", departmentId: otherDept!.id }));
  expect(messageIn("en", (wrongDept as InputError).fieldErrors.departmentId!)).toMatch(/from the list/);
  // Another organisation's admin does not learn the cohort exists.
  const otherAdmin = await createUser(t.db, { orgId: s.other.id, roles: ["org_admin"] });
  expect(await refusal(enrolPeople(t.db, otherAdmin, s.cohort.id, { by: "pick", userIds: [s.outsider.id] }))).toBeInstanceOf(NotFoundError);
});

test("a CSV enrols everyone and sets department, site and manager as given", async () => {
  const s = await setting();
  const [a, b, manager] = s.people;
  const csv = ["email,department,site,manager", `${a!.email},finance,Lyon,${manager!.email}`, `${b!.email.toUpperCase()},,,`].join("\n");
  expect(await enrolFromCsv(t.db, s.admin, s.cohort.id, csv)).toEqual({ ok: true, enrolled: 2, rows: 2 });
  const [row] = await t.db.select().from(users).where(eq(users.id, a!.id));
  expect(row).toMatchObject({ departmentId: s.finance.id, siteId: s.lyon.id, managerId: manager!.id });
  expect(await enrolledIds(s.cohort.id)).toEqual([a!.id, b!.id].sort());
});

test("a CSV with any bad row enrols nobody, and the report names each problem by line", async () => {
  const s = await setting();
  const [a, b, c] = s.people;
  const csv = [
    "email,department,site,manager",
    `${a!.email},Finance,,`, // line 2: fine
    "nobody@example.test,,,", // 3: unknown email
    `${s.outsider.email},,,`, // 4: another organisation
    `${b!.email},Marketing,,`, // 5: unknown department
    `${c!.email},,Atlantis,`, // 6: unknown site
    `${a!.email},,,`, // 7: duplicate
    `${s.people[3]!.email},,,ghost@example.test`, // 8: unknown manager
  ].join("\n");
  const report = await enrolFromCsv(t.db, s.admin, s.cohort.id, csv);
  expect(report.ok).toBe(false);
  const errors = report.ok ? [] : report.errors;
  const at = (line: number) => errors.filter((e) => e.line === line).map((e) => translateNestedMessage(i18nFor("en"), e.message)).join(" ");
  expect(at(2)).toBe("");
  expect(at(3)).toMatch(/nobody of your organisation has the address nobody@example.test/);
  // Someone of another organisation gets the same words, so the file tells nothing about other organisations.
  expect(at(4)).toMatch(/nobody of your organisation has the address /);
  expect(at(5)).toMatch(/no department called "Marketing"/);
  expect(at(6)).toMatch(/no site called "Atlantis"/);
  expect(at(7)).toMatch(/appears earlier in the file, on line 2/);
  expect(at(8)).toMatch(/manager: nobody of your organisation has the address ghost@example.test/);
  expect(await enrolledIds(s.cohort.id)).toEqual([]);
  const [row] = await t.db.select().from(users).where(eq(users.id, a!.id));
  expect(row!.departmentId).toBeNull();

  const noEmail = await refusal(enrolFromCsv(t.db, s.admin, s.cohort.id, "name,site\nAnn,Lyon"));
  expect(messageIn("en", (noEmail as InputError).fieldErrors.csv!)).toMatch(/at least "email"/);
});

test("the cohort page shows attendance by department only from three people, and the groups' progress", async () => {
  const s = await programmeSetting(t.db, { members: 5 });
  const [ops] = await t.db.insert(departments).values({ orgId: s.org.id, name: "Operations" }).returning();
  const [legal] = await t.db.insert(departments).values({ orgId: s.org.id, name: "Legal" }).returning();
  for (const [i, p] of s.people.entries()) await t.db.update(users).set({ departmentId: i < 3 ? ops!.id : legal!.id }).where(eq(users.id, p.id));
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 2) });
  for (const m of meetings.slice(0, 2)) await recordAttendanceRows(t.db, m.id, Object.fromEntries(s.people.map((p, i) => [p.id, i === 0 ? "absent" : "present"])));
  const page = await loadCohortPage(t.db, s.admin, s.cohort.id);
  expect(page.enrolled).toBe(5);
  expect(page.groups).toEqual([expect.objectContaining({ name: s.group.name, facilitator: s.facilitator.name, members: 5, cycle: expect.objectContaining({ held: 2, planned: 6 }) })]);
  const ops_ = page.attendance.byDepartment.find((d) => d.name === "Operations")!;
  expect(ops_.rate).toEqual({ shown: true, people: 3, value: 67 });
  expect(page.attendance.byDepartment.find((d) => d.name === "Legal")!.rate.shown).toBe(false);
  expect(page.evaluations.shown).toBe(false);
  expect(await refusal(loadCohortPage(t.db, s.outsiderAdmin, s.cohort.id))).toBeInstanceOf(NotFoundError);
  expect(await refusal(loadCohortPage(t.db, s.admin, "not-a-uuid"))).toBeInstanceOf(NotFoundError);
  const [row] = await t.db.select().from(cohorts).where(eq(cohorts.id, s.cohort.id));
  expect(row!.sponsorshipEndedAt).toBeNull();
});

test("the cohort's comments come only from meetings with three answers or more, in the order of their words", async () => {
  const s = await programmeSetting(t.db, { members: 5 });
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 2) });
  const answer = async (reunionId: string, userId: string, comment: string) => {
    await t.db.insert(meetingEvaluations).values({ reunionId, usefulness: 4, safety: 4, willTry: true, comment });
    await t.db.insert(meetingEvaluationReceipts).values({ reunionId, userId });
  };
  // The first meeting: three answers, two with comments. The second: one answer, whose comment would point at its author.
  await answer(meetings[0]!.id, s.people[0]!.id, "zebra crossings of ideas");
  await answer(meetings[0]!.id, s.people[1]!.id, "");
  await answer(meetings[0]!.id, s.people[2]!.id, "apples and pears");
  await answer(meetings[1]!.id, s.people[3]!.id, "only I answered this one");
  const page = await loadCohortPage(t.db, s.admin, s.cohort.id);
  expect(page.evaluations.shown).toBe(true);
  expect(page.evaluations.value!.comments).toEqual(["apples and pears", "zebra crossings of ideas"]);
});
