// The cohort page's read model, for its admins: settings, enrolment, the
// groups and where their cycles stand, attendance by department and site,
// evaluations and continue votes in aggregate, and sponsorship. One pass of
// grouped queries (no query per group or person), so it holds on an
// organisation of thousands; every figure about people goes through floored().
import { and, asc, count, countDistinct, desc, eq, ilike, inArray, isNull, ne, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../../db/database";
import {
  cohortMembers,
  cycleMeetings,
  cycles,
  cycleVotes,
  departments,
  groupConversionAnswers,
  groupConversions,
  groupMembers,
  groups,
  meetingAttendance,
  meetingEvaluationReceipts,
  meetingEvaluations,
  reunions,
  sites,
  users,
} from "../../../../db/schema";
import { floored, PRIVACY_FLOOR } from "../../privacy/privacy-floor";
import type { Actor } from "../../policy";
import type { CycleState } from "../cycle-lifecycle";
import { listOrgStructure } from "../../orgs/org-structure.server";
import { findCohort } from "./find-cohort.server";

const COMMENTS_SHOWN = 20;
const PICK_RESULTS = 50;

export async function loadCohortPage(db: Database, actor: Actor, cohortId: string, { query = "", now = new Date() }: { query?: string; now?: Date } = {}) {
  const cohort = await findCohort(db, actor, cohortId);
  const inCohort = and(eq(groups.cohortId, cohort.id), eq(groups.kind, "programme"));
  const facilitator = alias(users, "facilitator");

  const [enrolled, groupRows, memberCounts, latestCycles, attendance, evaluation, comments, votes, conversions, structure, candidates, creator] = await Promise.all([
    db.select({ n: count() }).from(cohortMembers).where(eq(cohortMembers.cohortId, cohort.id)),
    db
      .select({ id: groups.id, name: groups.name, facilitator: facilitator.name })
      .from(groups)
      .leftJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.role, "facilitator")))
      .leftJoin(facilitator, eq(facilitator.id, groupMembers.userId))
      .where(inCohort)
      .orderBy(asc(groups.name), asc(groups.id), asc(facilitator.name)),
    db
      .select({ groupId: groupMembers.groupId, n: count() })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(and(inCohort, eq(groupMembers.role, "member")))
      .groupBy(groupMembers.groupId),
    // Each group's latest cycle with the meetings already held.
    db
      .selectDistinctOn([cycles.groupId], {
        groupId: cycles.groupId,
        cycleId: cycles.id,
        number: cycles.number,
        state: cycles.state,
        planned: cycles.meetingsPlanned,
        held: sql<number>`(select count(*)::int from ${cycleMeetings} cm join ${reunions} r on r.id = cm.reunion_id
          where cm.cycle_id = ${cycles.id} and r.status <> 'cancelled' and r.ends_at <= ${now.toISOString()}::timestamptz)`,
      })
      .from(cycles)
      .innerJoin(groups, eq(groups.id, cycles.groupId))
      .where(inCohort)
      .orderBy(cycles.groupId, desc(cycles.number)),
    // Attendance recorded at the cohort's meetings, by department and by site.
    Promise.all([attendanceBy(db, cohort.id, departments), attendanceBy(db, cohort.id, sites)]),
    // Evaluations in aggregate; the people behind them are those with a receipt.
    Promise.all([
      db
        .select({
          answers: sql<number>`count(*)::int`,
          usefulness: sql<number | null>`avg(${meetingEvaluations.usefulness})::float`,
          safety: sql<number | null>`avg(${meetingEvaluations.safety})::float`,
          willTry: sql<number | null>`avg(case when ${meetingEvaluations.willTry} then 1 else 0 end)::float`,
        })
        .from(meetingEvaluations)
        .innerJoin(reunions, eq(reunions.id, meetingEvaluations.reunionId))
        .innerJoin(groups, eq(groups.id, reunions.groupId))
        .where(eq(groups.cohortId, cohort.id)),
      db
        .select({ people: countDistinct(meetingEvaluationReceipts.userId) })
        .from(meetingEvaluationReceipts)
        .innerJoin(reunions, eq(reunions.id, meetingEvaluationReceipts.reunionId))
        .innerJoin(groups, eq(groups.id, reunions.groupId))
        .where(eq(groups.cohortId, cohort.id)),
    ]),
    db
      .select({ comment: meetingEvaluations.comment })
      .from(meetingEvaluations)
      .innerJoin(reunions, eq(reunions.id, meetingEvaluations.reunionId))
      .innerJoin(groups, eq(groups.id, reunions.groupId))
      // Only from meetings with at least the floor of answers, and in the order of their words, not of
      // their meetings: a comment tied to a meeting with few answers, or to a date, could be tied to a person.
      .where(
        and(
          eq(groups.cohortId, cohort.id),
          ne(meetingEvaluations.comment, ""),
          sql`(select count(*) from ${meetingEvaluations} e where e.reunion_id = ${reunions.id}) >= ${PRIVACY_FLOOR}`,
        ),
      )
      .orderBy(asc(meetingEvaluations.comment))
      .limit(COMMENTS_SHOWN),
    db
      .select({ cycleId: cycleVotes.cycleId, continueVotes: sql<number>`count(*) filter (where ${cycleVotes.vote} = 'continue')::int`, stopVotes: sql<number>`count(*) filter (where ${cycleVotes.vote} = 'stop')::int` })
      .from(cycleVotes)
      .innerJoin(cycles, eq(cycles.id, cycleVotes.cycleId))
      .innerJoin(groups, eq(groups.id, cycles.groupId))
      .where(eq(groups.cohortId, cohort.id))
      .groupBy(cycleVotes.cycleId),
    db
      .select({
        groupId: groupConversions.groupId,
        status: groupConversions.status,
        closesAt: groupConversions.closesAt,
        consents: sql<number>`count(${groupConversionAnswers.userId}) filter (where ${groupConversionAnswers.consent})::int`,
        declines: sql<number>`count(${groupConversionAnswers.userId}) filter (where not ${groupConversionAnswers.consent})::int`,
      })
      .from(groupConversions)
      .innerJoin(groups, eq(groups.id, groupConversions.groupId))
      .leftJoin(groupConversionAnswers, eq(groupConversionAnswers.groupId, groupConversions.groupId))
      .where(eq(groups.cohortId, cohort.id))
      .groupBy(groupConversions.groupId, groupConversions.status, groupConversions.closesAt),
    listOrgStructure(db, cohort.orgId),
    // People to pick: a search among the organisation's people not enrolled yet.
    query.trim()
      ? db
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(
            and(
              eq(users.orgId, cohort.orgId),
              isNull(users.erasedAt),
              or(ilike(users.name, `%${escapeLike(query.trim())}%`), ilike(users.email, `%${escapeLike(query.trim())}%`)),
              notExists(db.select({ one: sql`1` }).from(cohortMembers).where(and(eq(cohortMembers.cohortId, cohort.id), eq(cohortMembers.userId, users.id)))),
            ),
          )
          .orderBy(asc(users.name))
          .limit(PICK_RESULTS)
      : Promise.resolve([] as { id: string; name: string; email: string }[]),
    cohort.sponsorshipEndedBy ? db.select({ name: users.name }).from(users).where(eq(users.id, cohort.sponsorshipEndedBy)) : Promise.resolve([] as { name: string }[]),
  ]);

  const membersBy = new Map(memberCounts.map((m) => [m.groupId, m.n]));
  const cycleBy = new Map(latestCycles.map((c) => [c.groupId, c]));
  const votesBy = new Map(votes.map((v) => [v.cycleId, v]));
  const conversionBy = new Map(conversions.map((c) => [c.groupId, c]));
  // One row per group even if it somehow has two facilitators: the first, by name, is shown.
  const seen = new Set<string>();
  const groupList = groupRows.filter((g) => !seen.has(g.id) && seen.add(g.id)).map((g) => {
    const cycle = cycleBy.get(g.id);
    const vote = cycle ? votesBy.get(cycle.cycleId) : undefined;
    const cast = vote ? vote.continueVotes + vote.stopVotes : 0;
    const conversion = conversionBy.get(g.id);
    const answered = conversion ? conversion.consents + conversion.declines : 0;
    return {
      id: g.id,
      name: g.name,
      facilitator: g.facilitator,
      members: membersBy.get(g.id) ?? 0,
      cycle: cycle ? { number: cycle.number, state: cycle.state, held: cycle.held, planned: cycle.planned } : null,
      // Votes are people's choices: counted from the floor on.
      vote: cycle && cast > 0 ? floored(cast, () => ({ continue: vote!.continueVotes, stop: vote!.stopVotes })) : null,
      conversion: conversion ? { status: conversion.status, closesAt: conversion.closesAt, answers: floored(answered, () => ({ consent: conversion.consents, decline: conversion.declines })) } : null,
    };
  });

  const rate = (rows: Awaited<ReturnType<typeof attendanceBy>>, none: string) =>
    rows
      .map((r) => ({ name: r.name ?? none, rate: floored(r.people, () => Math.round((100 * r.present) / r.recorded)) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  const ev = { ...evaluation[0][0]!, people: evaluation[1][0]?.people ?? 0 };
  const evaluations = floored(ev.people, () => ({
    answers: ev.answers,
    usefulness: round1(ev.usefulness),
    safety: round1(ev.safety),
    willTryPercent: ev.willTry === null ? null : Math.round(100 * ev.willTry),
    comments: comments.map((c) => c.comment),
  }));

  return {
    cohort: { ...cohort, sponsorshipEndedByName: creator[0]?.name ?? null },
    enrolled: enrolled[0]?.n ?? 0,
    groups: groupList,
    // People without a department or site are counted under a catalogue key the page translates.
    attendance: { byDepartment: rate(attendance[0], "cohorts:cohort.noDepartment"), bySite: rate(attendance[1], "cohorts:cohort.noSite") },
    evaluations,
    structure,
    candidates,
  };
}

/** Present of recorded, and the people behind it, per department or per site of the people. */
function attendanceBy(db: Database, cohortId: string, unit: typeof departments | typeof sites) {
  const column = unit === departments ? users.departmentId : users.siteId;
  return db
    .select({
      name: unit.name,
      people: countDistinct(meetingAttendance.userId),
      present: sql<number>`count(*) filter (where ${meetingAttendance.status} = 'present')::int`,
      recorded: sql<number>`count(*)::int`,
    })
    .from(meetingAttendance)
    .innerJoin(reunions, eq(reunions.id, meetingAttendance.reunionId))
    .innerJoin(cycleMeetings, eq(cycleMeetings.reunionId, reunions.id))
    .innerJoin(groups, eq(groups.id, reunions.groupId))
    .innerJoin(users, eq(users.id, meetingAttendance.userId))
    .leftJoin(unit, eq(unit.id, column))
    .where(and(eq(groups.cohortId, cohortId), ne(reunions.status, "cancelled")))
    .groupBy(unit.name);
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type CohortPage = Awaited<ReturnType<typeof loadCohortPage>>;
