// Stores a generated company (generate-company.ts) in bulk: one multi-row
// insert per table and chunk, in the order the foreign keys need. Used by the
// demo start and by the programme benchmark, on PGlite or PostgreSQL.
import type { Database } from "../../../db/database";
import {
  auditEvents,
  cohortMembers,
  cohorts,
  cycleGoals,
  cycleMeetings,
  cycles,
  cycleVotes,
  groupConversionAnswers,
  groupConversions,
  groupMembers,
  groups,
  meetingAttendance,
  meetingEvaluationReceipts,
  meetingEvaluations,
  meetingModuleVotes,
  reunionAudience,
  reunions,
  reunionSeries,
  takeaways,
  userRoles,
  users,
} from "../../../db/schema";
import type { GeneratedCompany } from "./generate-company";
import { message } from "../i18n/message";
import { nestedMessage } from "../i18n/nested-message";

// Rows per statement: well under the 65,535 parameters one statement may carry.
const CHUNK = 1_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Table = Parameters<Database["insert"]>[0];

async function insertAll<T extends Table>(db: Database, table: T, rows: T["$inferInsert"][]) {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insert(table).values(rows.slice(i, i + CHUNK));
}

export type CompanyPlace = {
  orgId: string;
  /** Ids of the organisation's departments and sites, by the spec's indexes. */
  departmentIds: string[];
  siteIds: string[];
  passwordHash: string;
  /** Who created the cohorts and ended their sponsorship (an organisation admin), if anyone. */
  adminId: string | null;
};

/** Managers before the people who report to them, so each chunk's references already exist. */
function byReportingDepth(people: GeneratedCompany["people"]) {
  const byId = new Map(people.map((p) => [p.id, p]));
  const depth = (p: GeneratedCompany["people"][number]): number => {
    let d = 0;
    for (let m = p.managerId; m && byId.has(m) && d < people.length; m = byId.get(m)!.managerId) d++;
    return d;
  };
  return people.map((p) => ({ p, d: depth(p) })).sort((a, b) => a.d - b.d).map((x) => x.p);
}

export async function writeCompany(db: Database, company: GeneratedCompany, place: CompanyPlace) {
  const { orgId } = place;
  await insertAll(
    db,
    users,
    byReportingDepth(company.people).map((p) => ({
      id: p.id,
      email: p.email,
      passwordHash: place.passwordHash,
      name: p.name,
      jobTitle: p.jobTitle,
      orgId,
      departmentId: place.departmentIds[p.departmentIndex] ?? null,
      siteId: place.siteIds[p.siteIndex] ?? null,
      managerId: p.managerId,
      timeZone: p.timeZone,
    })),
  );
  const roles = new Map<string, Set<"participant" | "alumnus" | "facilitator">>();
  const grant = (userId: string, role: "participant" | "alumnus" | "facilitator") => (roles.get(userId) ?? roles.set(userId, new Set()).get(userId)!).add(role);
  for (const p of company.people) if (p.facilitator) grant(p.id, "facilitator");
  for (const id of company.participants) grant(id, "participant");
  for (const a of company.alumni) grant(a.userId, "alumnus");
  await db
    .insert(userRoles)
    .values([...roles].flatMap(([userId, set]) => [...set].map((role) => ({ userId, role }))))
    .onConflictDoNothing();

  await insertAll(
    db,
    cohorts,
    company.cohorts.map((c) => ({
      id: c.id,
      orgId,
      name: c.plan.name,
      meetingsPerCycle: c.plan.meetingsPerCycle,
      intervalMonths: c.plan.intervalMonths,
      meetingMinutes: c.plan.meetingMinutes,
      groupSizeMin: c.plan.groupSizeMin,
      groupSizeMax: c.plan.groupSizeMax,
      alumniThreshold: c.plan.alumniThreshold,
      handoverFromMeeting: c.plan.handoverFromMeeting,
      timeZone: c.plan.timeZone,
      createdBy: place.adminId,
      sponsorshipEndedAt: c.sponsorshipEndedAt,
      sponsorshipEndedBy: c.sponsorshipEndedAt ? place.adminId : null,
      createdAt: c.createdAt,
    })),
  );
  await insertAll(
    db,
    cohortMembers,
    company.cohorts.flatMap((c) => c.memberIds.map((userId) => ({ cohortId: c.id, userId, enrolledBy: place.adminId, enrolledAt: c.createdAt }))),
  );
  await insertAll(
    db,
    groups,
    company.groups.map((g) => ({
      id: g.id,
      orgId,
      cohortId: g.cohortId,
      name: g.name,
      kind: g.kind,
      status: "active" as const,
      // A group that carried on is a peer group by invitation, as every converted group starts.
      founderId: g.convenerId,
      activatedAt: g.createdAt,
      createdAt: g.createdAt,
      updatedAt: g.createdAt,
    })),
  );
  await insertAll(
    db,
    groupMembers,
    company.groups.flatMap((g) => [
      ...g.memberIds.map((userId) => ({ groupId: g.id, userId, role: userId === g.convenerId ? ("convener" as const) : ("member" as const), joinedAt: g.createdAt })),
      // A peer group that carried on has no facilitator any more.
      ...(g.kind === "programme" ? [{ groupId: g.id, userId: g.facilitatorId, role: "facilitator" as const, joinedAt: g.createdAt }] : []),
    ]),
  );
  await insertAll(
    db,
    cycles,
    company.cycles.map((c) => ({ ...c })),
  );
  await insertAll(
    db,
    reunionSeries,
    company.series.map((s) => ({ id: s.id, organiserId: s.organiserId, intervalMonths: 1 })),
  );
  const organiserOf = new Map(company.series.map((s) => [s.id, s.organiserId]));
  await insertAll(
    db,
    reunions,
    company.meetings.map((m) => ({
      id: m.id,
      orgId,
      organiserId: organiserOf.get(m.seriesId) ?? null,
      title: m.title,
      status: m.cancelled ? ("cancelled" as const) : ("scheduled" as const),
      location: m.location,
      onlineUrl: m.onlineUrl,
      timeZone: m.timeZone,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      seriesId: m.seriesId,
      occurrence: m.number,
      groupId: m.groupId,
      moduleId: m.moduleId,
      createdAt: new Date(m.startsAt.getTime() - 45 * DAY),
      updatedAt: new Date(m.startsAt.getTime() - 45 * DAY),
    })),
  );
  await insertAll(
    db,
    reunionAudience,
    company.meetings.map((m) => ({ reunionId: m.id, kind: "group" as const, groupId: m.groupId })),
  );
  await insertAll(
    db,
    cycleMeetings,
    company.meetings.map((m) => ({
      reunionId: m.id,
      cycleId: m.cycleId,
      number: m.number,
      hostId: m.hostId,
      moduleConfirmedBy: m.moduleConfirmed ? m.hostId : null,
      moduleConfirmedAt: m.moduleConfirmed ? new Date(m.startsAt.getTime() - 7 * DAY) : null,
      reminderSentAt: m.held ? new Date(m.startsAt.getTime() - DAY) : null,
      wrapUpSentAt: m.held ? m.endsAt : null,
      hostRating: m.hostRating,
      recap: m.recap,
      recapSentAt: m.recap ? new Date(m.endsAt.getTime() + 2 * HOUR) : null,
      attendanceConfirmedAt: m.held ? new Date(m.endsAt.getTime() + HOUR) : null,
    })),
  );
  const endOf = new Map(company.meetings.map((m) => [m.id, m.endsAt]));
  await insertAll(
    db,
    meetingAttendance,
    company.attendance.map((a) => ({
      reunionId: a.meetingId,
      userId: a.userId,
      status: a.status,
      recordedBy: a.recordedBy,
      recordedAt: a.recordedAt,
      evaluationAskedAt: a.status === "present" ? endOf.get(a.meetingId)! : null,
    })),
  );
  // Answers without a person or a time, as every evaluation is stored.
  await insertAll(
    db,
    meetingEvaluations,
    company.evaluations.map((e) => ({ reunionId: e.meetingId, usefulness: e.usefulness, safety: e.safety, willTry: e.willTry, comment: e.comment })),
  );
  await insertAll(
    db,
    meetingEvaluationReceipts,
    company.receipts.map((r) => ({ reunionId: r.meetingId, userId: r.userId })),
  );
  await insertAll(
    db,
    meetingModuleVotes,
    company.moduleVotes.map((v) => ({ reunionId: v.meetingId, userId: v.userId, moduleId: v.moduleId, createdAt: v.createdAt })),
  );
  await insertAll(
    db,
    takeaways,
    company.takeaways.map((t) => ({
      id: t.id,
      userId: t.userId,
      moduleId: t.moduleId,
      meetingId: t.meetingId,
      text: t.text,
      followUp: t.followUp,
      followedUpAt: t.followUp ? new Date(t.createdAt.getTime() + 21 * DAY) : null,
      createdAt: t.createdAt,
    })),
  );
  await insertAll(
    db,
    cycleGoals,
    company.goals.map((g) => ({ ...g, ratedAt: g.progress === null ? null : new Date(g.createdAt.getTime() + 150 * DAY) })),
  );
  await insertAll(db, cycleVotes, company.cycleVotes);
  await insertAll(db, groupConversions, company.conversions);
  await insertAll(db, groupConversionAnswers, company.conversionAnswers);

  // The audit log says why each alumnus is one, as finishing a cycle does.
  const cycleById = new Map(company.cycles.map((c) => [c.id, c]));
  const groupById = new Map(company.groups.map((g) => [g.id, g]));
  const thresholdOf = new Map(company.cohorts.map((c) => [c.id, c.plan.alumniThreshold]));
  const present = new Map<string, number>();
  const meetingCycle = new Map(company.meetings.map((m) => [m.id, m.cycleId]));
  for (const a of company.attendance) if (a.status === "present") present.set(`${meetingCycle.get(a.meetingId)}:${a.userId}`, (present.get(`${meetingCycle.get(a.meetingId)}:${a.userId}`) ?? 0) + 1);
  await insertAll(
    db,
    auditEvents,
    company.alumni.map((a) => {
      const cycle = cycleById.get(a.cycleId)!;
      const group = groupById.get(cycle.groupId)!;
      const threshold = thresholdOf.get(group.cohortId)!;
      const n = present.get(`${a.cycleId}:${a.userId}`) ?? 0;
      return {
        at: a.at,
        actorId: null,
        actorName: "Roundtable",
        action: "person.alumnus_earned",
        targetType: "person",
        targetId: a.userId,
        ownerOrgId: orgId,
        reason: nestedMessage("audit:reasons.alumnusEarned", { count: n, cycle: message("audit:labels.cycle", { group: group.name, cycle: cycle.number }), threshold }),
        details: { cycleId: a.cycleId, present: n, threshold },
      };
    }),
  );
}
