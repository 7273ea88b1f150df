// Enrolling people of the organisation in a cohort: by picking them, by
// department or site, or from a CSV. Enrolling makes a person a participant
// (the role); people already enrolled are left as they are.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cohortMembers, departments, sites, userRoles, users } from "../../../../db/schema";
import { emailField } from "../../accounts/account-fields";
import { recordAudit } from "../../audit/record-audit.server";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import { parseCsv } from "../../orgs/parse-csv";
import type { Actor } from "../../policy";
import { findCohort } from "./find-cohort.server";
import { message } from "../../i18n/message";
import { nestedMessage } from "../../i18n/nested-message";

export type Cohort = Awaited<ReturnType<typeof findCohort>>;
export type EnrolBy = { by: "pick"; userIds: string[] } | { by: "department"; departmentId: string } | { by: "site"; siteId: string };

export const ENROL_CSV_COLUMNS = ["email", "department", "site", "manager"] as const;
export const MAX_ENROL_ROWS = 5000;

/** Writes the enrolment of these people (all of the cohort's organisation); returns how many were new. */
async function enrol(tx: Database, actor: Actor, cohort: Cohort, userIds: string[], how: { by: "hand" | "department" | "site" | "csv"; name?: string }) {
  if (userIds.length === 0) return 0;
  const added = await tx
    .insert(cohortMembers)
    .values(userIds.map((userId) => ({ cohortId: cohort.id, userId, enrolledBy: actor.id })))
    .onConflictDoNothing()
    .returning({ userId: cohortMembers.userId });
  const ids = added.map((a) => a.userId);
  if (ids.length === 0) return 0;
  await tx.insert(userRoles).values(ids.map((userId) => ({ userId, role: "participant" as const }))).onConflictDoNothing();
  await recordAudit(tx, {
    actorId: actor.id,
    action: "cohort.enrolled",
    targetType: "cohort",
    targetId: cohort.id,
    targetLabel: cohort.name,
    ownerOrgId: cohort.orgId,
    reason: message(`audit:reasons.enrolled.${how.by}`, { count: ids.length, ...(how.name ? { name: how.name } : {}) }),
    details: { userIds: ids },
  });
  await notify(
    tx,
    ids,
    { kind: "programme", title: message("notifications:texts.enrolled", { cohort: cohort.name }), body: "notifications:texts.enrolledBody", link: "/programme" },
    { actorId: actor.id },
  );
  return ids.length;
}

/** Enrols by picking, by department or by site; returns how many were newly enrolled. */
export async function enrolPeople(db: Database, actor: Actor, cohortId: string, choice: EnrolBy) {
  const cohort = await findCohort(db, actor, cohortId);
  return db.transaction(async (tx) => {
    if (choice.by === "pick") {
      const ids = [...new Set(choice.userIds)];
      if (ids.length === 0) throw new InputError({ userIds: "cohorts:enrol.errors.nobodyChosen" });
      const found = await tx.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), eq(users.orgId, cohort.orgId)));
      if (found.length !== ids.length) throw new InputError({ userIds: "cohorts:enrol.errors.peopleFromList" });
      return enrol(tx, actor, cohort, ids, { by: "hand" });
    }
    const unit = choice.by === "department" ? departments : sites;
    const unitId = choice.by === "department" ? choice.departmentId : choice.siteId;
    const [row] = await tx.select({ name: unit.name }).from(unit).where(and(eq(unit.id, unitId), eq(unit.orgId, cohort.orgId)));
    if (!row) throw new InputError(choice.by === "department" ? { departmentId: "cohorts:enrol.errors.departmentFromList" } : { siteId: "cohorts:enrol.errors.siteFromList" });
    const column = choice.by === "department" ? users.departmentId : users.siteId;
    const people = await tx.select({ id: users.id }).from(users).where(and(eq(users.orgId, cohort.orgId), eq(column, unitId)));
    if (people.length === 0) throw new InputError({ [choice.by === "department" ? "departmentId" : "siteId"]: message("cohorts:enrol.errors.emptyUnit", { name: row.name }) });
    return enrol(tx, actor, cohort, people.map((p) => p.id), { by: choice.by, name: row.name });
  });
}

export type CsvEnrolment = { ok: true; enrolled: number; rows: number } | { ok: false; errors: { line: number; message: string }[] };

/**
 * Enrols the people of a CSV (email, department, site, manager), setting
 * their department, site and manager as given (an empty cell leaves it as it
 * is). Every row is checked first; one bad row and nothing is written, and
 * the report says what is wrong with each.
 */
export async function enrolFromCsv(db: Database, actor: Actor, cohortId: string, csvText: string): Promise<CsvEnrolment> {
  const cohort = await findCohort(db, actor, cohortId);
  const { records, error } = parseCsv(csvText);
  if (error) throw new InputError({ csv: error });
  const [header, ...rows] = records;
  if (!header) throw new InputError({ csv: "cohorts:enrol.csv.empty" });
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  if (!columns.includes("email")) throw new InputError({ csv: message("cohorts:enrol.csv.noEmailColumn", { columns: ENROL_CSV_COLUMNS.join(",") }) });
  const unknownColumn = columns.find((c) => !(ENROL_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknownColumn !== undefined) throw new InputError({ csv: message("cohorts:enrol.csv.unknownColumn", { column: unknownColumn, columns: ENROL_CSV_COLUMNS.join(",") }) });
  if (rows.length === 0) throw new InputError({ csv: "cohorts:enrol.csv.noRows" });
  if (rows.length > MAX_ENROL_ROWS) throw new InputError({ csv: message("cohorts:enrol.csv.tooMany", { max: MAX_ENROL_ROWS, count: rows.length }) });

  const cell = (fields: string[], column: string) => (columns.includes(column) ? (fields[columns.indexOf(column)] ?? "").trim() : "");
  const parsed = rows.map((row) => {
    const email = emailField.safeParse(cell(row.fields, "email"));
    const manager = cell(row.fields, "manager");
    const managerEmail = manager ? emailField.safeParse(manager) : null;
    return {
      line: row.line,
      width: row.fields.length,
      email: email.success ? email.data : null,
      emailError: email.success ? null : email.error.issues[0]!.message,
      department: cell(row.fields, "department"),
      site: cell(row.fields, "site"),
      manager: managerEmail?.success ? managerEmail.data : null,
      managerError: managerEmail && !managerEmail.success ? managerEmail.error.issues[0]!.message : null,
    };
  });

  // Everything the rows name, looked up at once.
  const emails = [...new Set(parsed.flatMap((p) => [p.email, p.manager]).filter((e): e is string => !!e))];
  const lower = (values: string[]) => [...new Set(values.filter(Boolean).map((v) => v.toLowerCase()))];
  const [people, deps, siteRows] = await Promise.all([
    emails.length ? db.select({ id: users.id, email: users.email, orgId: users.orgId }).from(users).where(inArray(users.email, emails)) : [],
    lower(parsed.map((p) => p.department)).length
      ? db.select({ id: departments.id, name: departments.name }).from(departments).where(and(eq(departments.orgId, cohort.orgId), inArray(sql`lower(${departments.name})`, lower(parsed.map((p) => p.department)))))
      : [],
    lower(parsed.map((p) => p.site)).length
      ? db.select({ id: sites.id, name: sites.name }).from(sites).where(and(eq(sites.orgId, cohort.orgId), inArray(sql`lower(${sites.name})`, lower(parsed.map((p) => p.site)))))
      : [],
  ]);
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const depByName = new Map(deps.map((d) => [d.name.toLowerCase(), d.id]));
  const siteByName = new Map(siteRows.map((s) => [s.name.toLowerCase(), s.id]));

  // Each problem is a message (i18n/nested-message.ts: a field's own validation message is a value), shown in the reader's language.
  const errors: { line: number; message: string }[] = [];
  const firstLine = new Map<string, number>();
  const updates: { userId: string; departmentId?: string; siteId?: string; managerId?: string }[] = [];
  for (const p of parsed) {
    const problems: string[] = [];
    if (p.width > columns.length) problems.push(message("cohorts:csvRows.tooManyValues", { values: p.width, columns: columns.length }));
    const person = p.email ? byEmail.get(p.email) : undefined;
    if (!p.email) problems.push(nestedMessage("cohorts:csvRows.email", { problem: p.emailError ?? "" }));
    else if (firstLine.has(p.email)) problems.push(message("cohorts:csvRows.emailRepeatedOnLine", { email: p.email, line: firstLine.get(p.email)! }));
    // One message for "nobody" and "someone elsewhere": the file must not tell an admin who has an account in another organisation.
    else if (!person || person.orgId !== cohort.orgId) problems.push(message("cohorts:csvRows.emailUnknown", { email: p.email }));
    if (p.email && !firstLine.has(p.email)) firstLine.set(p.email, p.line);
    const departmentId = p.department ? depByName.get(p.department.toLowerCase()) : undefined;
    if (p.department && !departmentId) problems.push(message("cohorts:csvRows.noDepartment", { name: p.department }));
    const siteId = p.site ? siteByName.get(p.site.toLowerCase()) : undefined;
    if (p.site && !siteId) problems.push(message("cohorts:csvRows.noSite", { name: p.site }));
    const manager = p.manager ? byEmail.get(p.manager) : undefined;
    if (p.managerError) problems.push(nestedMessage("cohorts:csvRows.manager", { problem: p.managerError }));
    else if (p.manager && (!manager || manager.orgId !== cohort.orgId)) problems.push(message("cohorts:csvRows.managerUnknown", { email: p.manager }));
    else if (manager && person && manager.id === person.id) problems.push("cohorts:csvRows.ownManager");
    if (problems.length) {
      errors.push(...problems.map((message) => ({ line: p.line, message })));
      continue;
    }
    updates.push({ userId: person!.id, departmentId, siteId, managerId: manager?.id });
  }
  if (errors.length) return { ok: false, errors };

  const enrolled = await db.transaction(async (tx) => {
    for (const u of updates) {
      const set = { ...(u.departmentId ? { departmentId: u.departmentId } : {}), ...(u.siteId ? { siteId: u.siteId } : {}), ...(u.managerId ? { managerId: u.managerId } : {}) };
      if (Object.keys(set).length) await tx.update(users).set(set).where(eq(users.id, u.userId));
    }
    return enrol(tx, actor, cohort, updates.map((u) => u.userId), { by: "csv" });
  });
  return { ok: true, enrolled, rows: updates.length };
}
