// What /programme (and the home page's programme work) shows a person: as a
// member, their group's current cycle with their own part in it; as a
// facilitator, how each of their groups is doing. A handful of grouped
// queries whatever the number of groups, so the page costs the same for one
// group as for fifty (bench/programme.ts runs it on 10,000 people).
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { cohorts, cycleGoals, cycleMeetings, cycles, cycleVotes, groupMembers, groups, meetingAttendance, modules, reunions, takeaways } from "../../../db/schema";
import { floored } from "../privacy/privacy-floor";
import type { Actor } from "../policy";
import { groupRisk, stepBackSuggestion, type MeetingHealth } from "./group-health";

type CycleState = (typeof cycles.$inferSelect)["state"];

export type ProgrammeMeeting = {
  id: string;
  number: number;
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  cancelled: boolean;
  over: boolean;
  module: { title: string; slug: string } | null;
  moduleConfirmed: boolean;
};

/** The viewer's programme groups, each with its cohort's settings and its latest cycle (null before the first), in one query. */
async function myProgrammeGroups(db: Database, actor: Actor) {
  const latestNumber = sql`(select max(c2.number) from cycles c2 where c2.group_id = ${groups.id})`;
  return db
    .select({
      id: groups.id,
      name: groups.name,
      role: groupMembers.role,
      cohortName: cohorts.name,
      handoverFromMeeting: cohorts.handoverFromMeeting,
      cycle: cycles,
    })
    .from(groupMembers)
    .innerJoin(groups, and(eq(groups.id, groupMembers.groupId), eq(groups.kind, "programme"), eq(groups.orgId, actor.orgId)))
    .innerJoin(cohorts, eq(cohorts.id, groups.cohortId))
    .leftJoin(cycles, and(eq(cycles.groupId, groups.id), eq(cycles.number, latestNumber)))
    .where(and(eq(groupMembers.userId, actor.id), inArray(groupMembers.role, ["member", "facilitator"])))
    .orderBy(asc(groups.name));
}

/** What both kinds of meeting list show of each meeting of a cycle. */
const meetingColumns = (now: Date) => ({
  id: reunions.id,
  cycleId: cycleMeetings.cycleId,
  number: cycleMeetings.number,
  title: reunions.title,
  startsAt: reunions.startsAt,
  endsAt: reunions.endsAt,
  status: reunions.status,
  moduleTitle: modules.title,
  moduleSlug: modules.slug,
  moduleConfirmed: sql<boolean>`${cycleMeetings.moduleConfirmedAt} is not null`,
  over: sql<boolean>`coalesce(${reunions.endsAt} <= ${now.toISOString()}::timestamptz, false)`,
});

/** The meetings of the given cycles, with the viewer's own part in each: attendance, evaluation given, module vote. */
async function meetingsWithMyPart(db: Database, actor: Actor, cycleIds: string[], now: Date) {
  if (cycleIds.length === 0) return [];
  return db
    .select({
      ...meetingColumns(now),
      attendance: meetingAttendance.status,
      evaluated: sql<boolean>`exists (select 1 from meeting_evaluation_receipts r where r.reunion_id = ${reunions.id} and r.user_id = ${actor.id})`,
      myVote: sql<string | null>`(select m.title from meeting_module_votes v join modules m on m.id = v.module_id where v.reunion_id = ${reunions.id} and v.user_id = ${actor.id})`,
    })
    .from(cycleMeetings)
    .innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId))
    .leftJoin(modules, eq(modules.id, reunions.moduleId))
    .leftJoin(meetingAttendance, and(eq(meetingAttendance.reunionId, reunions.id), eq(meetingAttendance.userId, actor.id)))
    .where(inArray(cycleMeetings.cycleId, cycleIds))
    .orderBy(asc(cycleMeetings.cycleId), asc(cycleMeetings.number));
}

/** The meetings of facilitated cycles with the group's figures: attendance, evaluations, receipts still missing. */
async function meetingsWithFigures(db: Database, cycleIds: string[], now: Date) {
  if (cycleIds.length === 0) return [];
  return db
    .select({
      ...meetingColumns(now),
      recorded: sql<number>`(select count(*)::int from meeting_attendance a join group_members gm on gm.group_id = ${reunions.groupId} and gm.user_id = a.user_id and gm.role = 'member' where a.reunion_id = ${reunions.id})`,
      present: sql<number>`(select count(*)::int from meeting_attendance a join group_members gm on gm.group_id = ${reunions.groupId} and gm.user_id = a.user_id and gm.role = 'member' where a.reunion_id = ${reunions.id} and a.status = 'present')`,
      evaluationsWaiting: sql<number>`(select count(*)::int from meeting_attendance a where a.reunion_id = ${reunions.id} and a.status = 'present'
        and not exists (select 1 from meeting_evaluation_receipts r where r.reunion_id = a.reunion_id and r.user_id = a.user_id))`,
      evaluations: sql<number>`(select count(*)::int from meeting_evaluations e where e.reunion_id = ${reunions.id})`,
      usefulness: sql<number | null>`(select avg(e.usefulness)::float8 from meeting_evaluations e where e.reunion_id = ${reunions.id})`,
      safety: sql<number | null>`(select avg(e.safety)::float8 from meeting_evaluations e where e.reunion_id = ${reunions.id})`,
    })
    .from(cycleMeetings)
    .innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId))
    .leftJoin(modules, eq(modules.id, reunions.moduleId))
    .where(inArray(cycleMeetings.cycleId, cycleIds))
    .orderBy(asc(cycleMeetings.cycleId), asc(cycleMeetings.number));
}

async function memberCounts(db: Database, groupIds: string[]) {
  if (groupIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ groupId: groupMembers.groupId, members: sql<number>`count(*)::int` })
    .from(groupMembers)
    .where(and(inArray(groupMembers.groupId, groupIds), eq(groupMembers.role, "member")))
    .groupBy(groupMembers.groupId);
  return new Map(rows.map((r) => [r.groupId, r.members]));
}

async function myCycleParts(db: Database, actor: Actor, cycleIds: string[]) {
  if (cycleIds.length === 0) return { goals: new Set<string>(), votes: new Map<string, string>() };
  const [goals, votes] = await Promise.all([
    db.select({ cycleId: cycleGoals.cycleId }).from(cycleGoals).where(and(eq(cycleGoals.userId, actor.id), inArray(cycleGoals.cycleId, cycleIds))),
    db.select({ cycleId: cycleVotes.cycleId, vote: cycleVotes.vote }).from(cycleVotes).where(and(eq(cycleVotes.userId, actor.id), inArray(cycleVotes.cycleId, cycleIds))),
  ]);
  return { goals: new Set(goals.map((g) => g.cycleId)), votes: new Map(votes.map((v) => [v.cycleId, v.vote])) };
}

/** The viewer's own take-aways from the given meetings, for "did you try it?". */
async function myTakeawaysFrom(db: Database, actor: Actor, meetingIds: string[]) {
  if (meetingIds.length === 0) return [];
  return db
    .select({ id: takeaways.id, meetingId: takeaways.meetingId, text: takeaways.text, followUp: takeaways.followUp, followedUpAt: takeaways.followedUpAt, moduleTitle: modules.title })
    .from(takeaways)
    .innerJoin(modules, eq(modules.id, takeaways.moduleId))
    .where(and(eq(takeaways.userId, actor.id), inArray(takeaways.meetingId, meetingIds)))
    .orderBy(asc(takeaways.createdAt));
}

const asMeeting = (m: {
  id: string;
  number: number;
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  status: string;
  over: boolean;
  moduleTitle: string | null;
  moduleSlug: string | null;
  moduleConfirmed: boolean;
}): ProgrammeMeeting => ({
  id: m.id,
  number: m.number,
  title: m.title,
  startsAt: m.startsAt,
  endsAt: m.endsAt,
  cancelled: m.status === "cancelled",
  over: m.over,
  module: m.moduleTitle && m.moduleSlug ? { title: m.moduleTitle, slug: m.moduleSlug } : null,
  moduleConfirmed: m.moduleConfirmed,
});

const nextOf = <M extends ProgrammeMeeting>(meetings: M[]) => meetings.find((m) => !m.over && !m.cancelled) ?? null;

type CycleSummary = { id: string; number: number; state: CycleState; meetingsPlanned: number; voteClosesAt: Date | null };
const summary = (c: typeof cycles.$inferSelect): CycleSummary => ({ id: c.id, number: c.number, state: c.state, meetingsPlanned: c.meetingsPlanned, voteClosesAt: c.voteClosesAt });

export async function loadProgrammePage(db: Database, actor: Actor, now = new Date()) {
  const mine = await myProgrammeGroups(db, actor);
  const memberOf = mine.filter((g) => g.role === "member");
  const facilitates = mine.filter((g) => g.role === "facilitator");
  const latest = new Map(mine.map((g) => [g.id, g.cycle]));
  const cycleOf = (groupId: string) => latest.get(groupId) ?? null;
  const memberCycleIds = memberOf.map((g) => cycleOf(g.id)?.id).filter((id): id is string => Boolean(id));
  const facilitatedCycleIds = facilitates.map((g) => cycleOf(g.id)?.id).filter((id): id is string => Boolean(id));

  const [myMeetings, figures, counts, parts] = await Promise.all([
    meetingsWithMyPart(db, actor, memberCycleIds, now),
    meetingsWithFigures(db, facilitatedCycleIds, now),
    memberCounts(
      db,
      facilitates.map((g) => g.id),
    ),
    myCycleParts(db, actor, memberCycleIds),
  ]);

  // The participant's side: one entry per group they are a member of.
  const lastHeldIds: string[] = [];
  const asMember = memberOf.map((g) => {
    const cycle = cycleOf(g.id);
    const meetings = myMeetings
      .filter((m) => m.cycleId === cycle?.id)
      .map((m) => ({ ...asMeeting(m), attendance: m.attendance, evaluated: m.evaluated, myVote: m.myVote }));
    const lastHeld = meetings.filter((m) => m.over && !m.cancelled).at(-1) ?? null;
    if (lastHeld) lastHeldIds.push(lastHeld.id);
    const next = nextOf(meetings);
    const voteOpen = cycle?.state === "evaluating" && !parts.votes.has(cycle.id) && (!cycle.voteClosesAt || cycle.voteClosesAt > now);
    return {
      id: g.id,
      name: g.name,
      cohortName: g.cohortName,
      cycle: cycle ? summary(cycle) : null,
      meetings,
      next,
      lastHeldId: lastHeld?.id ?? null,
      // Present at a meeting that is over and no answer given yet.
      evaluationsToGive: meetings.filter((m) => m.over && !m.cancelled && m.attendance === "present" && !m.evaluated).map((m) => ({ id: m.id, number: m.number, title: m.title })),
      voteToCast: next && !next.moduleConfirmed && !next.myVote ? next : null,
      goalToWrite: cycle !== null && (cycle.state === "planned" || cycle.state === "running") && !parts.goals.has(cycle.id),
      continueVoteOpen: voteOpen,
    };
  });
  const lastTakeaways = await myTakeawaysFrom(db, actor, lastHeldIds);
  const participant = asMember.map((g) => ({ ...g, takeaways: lastTakeaways.filter((t) => t.meetingId === g.lastHeldId) }));

  // The facilitator's side: each group's next meeting and health, figures floored.
  const facilitator = facilitates.map((g) => {
    const cycle = cycleOf(g.id);
    const members = counts.get(g.id) ?? 0;
    const rows = figures.filter((m) => m.cycleId === cycle?.id);
    const meetings = rows.map(asMeeting);
    const held = rows.filter((m) => m.over && m.status !== "cancelled");
    const health: MeetingHealth[] = held
      .filter((m) => m.recorded > 0)
      .map((m) => {
        const attendance = floored(members, () => m.present / members);
        const usefulness = floored(m.evaluations, () => m.usefulness ?? 0);
        const safety = floored(m.evaluations, () => m.safety ?? 0);
        return { number: m.number, attendance: attendance.value, usefulness: usefulness.value, safety: safety.value };
      });
    const next = nextOf(meetings);
    const running = cycle !== null && (cycle.state === "planned" || cycle.state === "running");
    const stepBack = running && next ? stepBackSuggestion(health, next.number, g.handoverFromMeeting) : null;
    return {
      id: g.id,
      name: g.name,
      cohortName: g.cohortName,
      members,
      cycle: cycle ? summary(cycle) : null,
      next,
      risk: running ? groupRisk(health) : { atRisk: false, reasons: [] },
      stepBack,
      evaluationsWaiting: held.reduce((n, m) => n + m.evaluationsWaiting, 0),
    };
  });

  return { participant, facilitator };
}

export type ProgrammePage = Awaited<ReturnType<typeof loadProgrammePage>>;
