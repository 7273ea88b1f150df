// The read model behind /org/insights/arc: the facts arc-indicators.ts needs
// about the organisation's people in the programme, gathered in a handful of
// grouped queries (never one per person or row), and only floored figures
// returned. Rows are cohorts or departments; a person counts in each cohort
// they are enrolled in, and in their department of today.
import { and, eq, inArray, isNotNull, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/database";
import {
  cohortMembers,
  cohorts,
  cycleMeetings,
  cycles,
  departments,
  diagnosticResponses,
  groupMembers,
  groups,
  meetingNotes,
  moduleAuthors,
  moduleSubmissions,
  openSpaceSessions,
  proposals,
  reunionRsvps,
  reunions,
  submissionApprovals,
  takeaways,
  userRoles,
  users,
} from "../../../db/schema";
import { ARC_INSTRUMENT } from "../diagnostics/arc-self-assessment";
import { DIAGNOSTIC_MOMENTS, momentWindow } from "../diagnostics/diagnostic-moments";
import { cycleFinishedAt } from "../diagnostics/my-diagnostics.server";
import { loadTies } from "../diagnostics/ties.server";
import { ForbiddenError } from "../http-errors";
import { canAdministerOrg, type Actor } from "../policy";
import { INSIGHTS_PRIVACY_FLOOR } from "../privacy/privacy-floor";
import type { ArcLevel } from "./arc-filters";
import { arcIndicatorRows, departmentTieMatrix, type ArcRow, type PersonFacts, type TieMatrix } from "./arc-indicators";
import { mergeSmallRows, type PeopleRow } from "./merge-small-groups";
import { message } from "../i18n/message";

export const NO_DEPARTMENT_ID = "none";
/** Names of the rows insights makes up are messages, translated where they are shown (unit-row-names.ts). */
export const NO_DEPARTMENT_NAME = "insights:rows.noDepartment";

export type ArcReport = {
  level: ArcLevel;
  rows: ArcRow[];
  cohorts: { id: string; name: string }[];
  /** The cohort the matrix is drawn for; null: everyone enrolled. */
  matrixCohortId: string | null;
  matrix: TieMatrix;
};

/** The people of the programme (enrolled in a cohort) with everything the indicators count, and the organisation's ties. */
async function loadFacts(db: Database, orgId: string, now: Date) {
  const inOrg = (column: AnyPgColumn) => sql`${column} in (select ${users.id} from ${users} where ${users.orgId} = ${orgId})`;
  const [people, enrolment, memberCycles, alumni, proposed, authored, reviewedA, reviewedB, hosted, takeawaysTried, actionsTried, responses, attended, convened, ties] = await Promise.all([
    db.select({ id: users.id, departmentId: users.departmentId, siteId: users.siteId }).from(users).where(eq(users.orgId, orgId)),
    db.select({ cohortId: cohortMembers.cohortId, userId: cohortMembers.userId, enrolledAt: cohortMembers.enrolledAt }).from(cohortMembers).innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId)).where(eq(cohorts.orgId, orgId)),
    db
      .select({ userId: groupMembers.userId, cycleId: cycles.id, startedAt: cycles.startedAt, finishedAt: cycleFinishedAt })
      .from(groupMembers)
      .innerJoin(groups, and(eq(groups.id, groupMembers.groupId), eq(groups.orgId, orgId), isNotNull(groups.cohortId)))
      .innerJoin(cycles, eq(cycles.groupId, groups.id))
      .where(eq(groupMembers.role, "member")),
    db.select({ id: userRoles.userId }).from(userRoles).where(and(eq(userRoles.role, "alumnus"), inOrg(userRoles.userId))),
    db.selectDistinct({ id: proposals.proposerId }).from(proposals).where(and(eq(proposals.orgId, orgId), isNotNull(proposals.proposerId))),
    db.selectDistinct({ id: moduleAuthors.userId }).from(moduleAuthors).where(inOrg(moduleAuthors.userId)),
    db.selectDistinct({ id: submissionApprovals.userId }).from(submissionApprovals).where(inOrg(submissionApprovals.userId)),
    db.selectDistinct({ id: moduleSubmissions.decidedBy }).from(moduleSubmissions).where(inOrg(moduleSubmissions.decidedBy)),
    // A meeting hosted by someone who was a member (not the facilitator) of the group.
    db
      .selectDistinct({ id: cycleMeetings.hostId })
      .from(cycleMeetings)
      .innerJoin(cycles, eq(cycles.id, cycleMeetings.cycleId))
      .innerJoin(groupMembers, and(eq(groupMembers.groupId, cycles.groupId), eq(groupMembers.userId, cycleMeetings.hostId), eq(groupMembers.role, "member")))
      .innerJoin(reunions, and(eq(reunions.id, cycleMeetings.reunionId), eq(reunions.orgId, orgId), ne(reunions.status, "cancelled"), lt(reunions.startsAt, now))),
    db.selectDistinct({ id: takeaways.userId }).from(takeaways).where(and(eq(takeaways.followUp, "tried"), inOrg(takeaways.userId))),
    db.selectDistinct({ id: meetingNotes.ownerId }).from(meetingNotes).where(and(eq(meetingNotes.kind, "action"), eq(meetingNotes.followUp, "tried"), inOrg(meetingNotes.ownerId))),
    db
      .select({ userId: diagnosticResponses.userId, cycleId: diagnosticResponses.cycleId, moment: diagnosticResponses.moment })
      .from(diagnosticResponses)
      .where(and(eq(diagnosticResponses.instrument, ARC_INSTRUMENT), inOrg(diagnosticResponses.userId))),
    // Reunions proper (not a group's or a pair's meeting): checked in, or said going to one that has taken place.
    db
      .selectDistinct({ userId: reunionRsvps.userId, format: reunions.format })
      .from(reunionRsvps)
      .innerJoin(reunions, eq(reunions.id, reunionRsvps.reunionId))
      .where(
        and(
          eq(reunions.orgId, orgId),
          isNull(reunions.groupId),
          isNull(reunions.mentorshipId),
          ne(reunions.status, "cancelled"),
          or(isNotNull(reunionRsvps.checkedInAt), and(eq(reunionRsvps.answer, "going"), lt(reunions.endsAt, now))),
        ),
      ),
    db
      .select({ userId: openSpaceSessions.convenerId, n: sql<number>`count(*)::int` })
      .from(openSpaceSessions)
      .innerJoin(reunions, and(eq(reunions.id, openSpaceSessions.reunionId), eq(reunions.orgId, orgId)))
      .where(isNotNull(openSpaceSessions.convenerId))
      .groupBy(openSpaceSessions.convenerId),
    loadTies(db, orgId),
  ]);
  const ids = (rows: { id: string | null }[]) => new Set(rows.map((r) => r.id).filter((id): id is string => !!id));
  const shaped = new Set([...ids(proposed), ...ids(authored), ...ids(reviewedA), ...ids(reviewedB)]);
  const [hostedIds, alumniIds, triedIds] = [ids(hosted), ids(alumni), new Set([...ids(takeawaysTried), ...ids(actionsTried)])];
  const answered = new Set(responses.map((r) => `${r.userId} ${r.cycleId} ${r.moment}`));
  const facts = new Map<string, PersonFacts>();
  for (const p of people) {
    facts.set(p.id, {
      departmentId: p.departmentId,
      siteId: p.siteId,
      alumnus: alumniIds.has(p.id),
      programmeStart: null,
      shapedModule: shaped.has(p.id),
      hostedMeeting: hostedIds.has(p.id),
      followedUpAction: triedIds.has(p.id),
      diagnosticsDue: 0,
      diagnosticsAnswered: 0,
      attendedReunion: false,
      attendedOpenSpace: false,
      sessionsProposed: 0,
    });
  }
  for (const c of memberCycles) {
    const f = facts.get(c.userId);
    if (!f) continue;
    // A moment is due once it has opened; answering it counts whether or not it has closed since.
    for (const moment of DIAGNOSTIC_MOMENTS) {
      const w = momentWindow(c, moment);
      if (!w || w.opens > now) continue;
      f.diagnosticsDue++;
      if (answered.has(`${c.userId} ${c.cycleId} ${moment}`)) f.diagnosticsAnswered++;
    }
  }
  // The programme begins for a person when they are first enrolled: their programme group's ties come after it.
  for (const e of enrolment) {
    const f = facts.get(e.userId);
    if (f && (!f.programmeStart || e.enrolledAt < f.programmeStart)) f.programmeStart = e.enrolledAt;
  }
  for (const a of attended) {
    const f = facts.get(a.userId);
    if (f && a.format === "open_space") f.attendedOpenSpace = true;
    else if (f) f.attendedReunion = true;
  }
  for (const c of convened) {
    const f = facts.get(c.userId!);
    if (f) f.sessionsProposed = c.n;
  }
  return { people, enrolment, facts, ties };
}

export async function loadArcReport(db: Database, actor: Actor, orgId: string, { level, matrixCohortId }: { level: ArcLevel; matrixCohortId: string | null }, now = new Date()): Promise<ArcReport> {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const [{ people, enrolment, facts, ties }, cohortList, departmentList] = await Promise.all([
    loadFacts(db, orgId, now),
    db.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).where(eq(cohorts.orgId, orgId)).orderBy(cohorts.name),
    db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, orgId)).orderBy(departments.name),
  ]);
  const enrolled = new Set(enrolment.map((e) => e.userId));
  const rows: PeopleRow[] =
    level === "cohort"
      ? cohortList.map((c) => ({ id: c.id, name: c.name, memberIds: enrolment.filter((e) => e.cohortId === c.id).map((e) => e.userId) }))
      : [...departmentList, { id: NO_DEPARTMENT_ID, name: NO_DEPARTMENT_NAME }].map((d) => ({
          id: d.id,
          name: d.name,
          memberIds: people.filter((p) => enrolled.has(p.id) && (p.departmentId ?? NO_DEPARTMENT_ID) === d.id).map((p) => p.id),
        }));
  const merged = mergeSmallRows(
    rows.filter((r) => r.memberIds.length),
    message(level === "cohort" ? "insights:rows.otherCohorts" : "insights:rows.otherDepartments", { floor: INSIGHTS_PRIVACY_FLOOR }),
  );
  // An unknown cohort id draws the matrix for everyone enrolled rather than failing the page.
  const matrixCohort = cohortList.find((c) => c.id === matrixCohortId) ?? null;
  const scope = new Set(matrixCohort ? enrolment.filter((e) => e.cohortId === matrixCohort.id).map((e) => e.userId) : enrolled);
  const units = [...departmentList, ...(people.some((p) => !p.departmentId) ? [{ id: NO_DEPARTMENT_ID, name: NO_DEPARTMENT_NAME }] : [])];
  return {
    level,
    rows: arcIndicatorRows(merged, facts, ties),
    cohorts: cohortList,
    matrixCohortId: matrixCohort?.id ?? null,
    matrix: departmentTieMatrix(units, scope, facts, ties, NO_DEPARTMENT_ID),
  };
}
