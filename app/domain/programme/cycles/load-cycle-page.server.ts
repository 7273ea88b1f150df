// /groups/:id/cycle: a programme group's cycle for its members and its
// facilitator. The meetings one by one (date, module, attendance as counts,
// evaluation averages from the privacy floor, who ran it), the goals (one's
// own; the ones shared with the group), the continue vote and, once the cycle
// has finished, its report. Every figure about people goes through floored().
import { and, asc, avg, count, countDistinct, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cycleGoals, cycleMeetings, cycles, cycleVotes, groupMembers, meetingAttendance, meetingEvaluations, modules, reunions, takeaways, users } from "../../../../db/schema";
import { NotFoundError } from "../../http-errors";
import { isCycleMember, isGroupFacilitator, type Actor } from "../../policy";
import { floored, type Floored } from "../../privacy/privacy-floor";
import { isFinished } from "../cycle-lifecycle";
import { findProgrammeGroup } from "../load-programme-group.server";
import { freeMeetingNumbers } from "../plan-cycle-meetings.server";
import { voteCount } from "./advance-cycles.server";
import { GOAL_MET_FROM } from "./cycle-fields";
import { reachedLastMeeting } from "./cycle-goals.server";

const round1 = (n: number) => Math.round(n * 10) / 10;

export type CycleMeetingView = {
  id: string;
  number: number;
  cancelled: boolean;
  startsAt: string | null;
  endsAt: string | null;
  over: boolean;
  module: string | null;
  /** Members present of those recorded; null before attendance is recorded. */
  attendance: { present: number; recorded: number } | null;
  evaluation: Floored<{ usefulness: number; safety: number }>;
  /** The host's name is null when they have left the group. */
  host: { name: string | null; facilitator: boolean } | null;
};

export async function loadCyclePage(db: Database, actor: Actor, groupId: string, { cycleNumber = null, now = new Date() }: { cycleNumber?: number | null; now?: Date } = {}) {
  const group = await findProgrammeGroup(db, actor, groupId);
  const facilitator = isGroupFacilitator(actor, group.access);
  const member = isCycleMember(actor, group.access);
  const allCycles = await db.select({ number: cycles.number, state: cycles.state }).from(cycles).where(eq(cycles.groupId, group.id)).orderBy(asc(cycles.number));
  let cycle = group.cycle;
  if (cycleNumber !== null) {
    const [chosen] = cycleNumber === group.cycle?.number ? [group.cycle] : await db.select().from(cycles).where(and(eq(cycles.groupId, group.id), eq(cycles.number, cycleNumber)));
    cycle = chosen ?? null;
    if (!cycle) throw new NotFoundError("cohorts:errors.noSuchCycle");
  }
  const latest = !cycle || cycle.id === group.cycle?.id;

  const people = await db
    .select({ id: users.id, name: users.name, role: groupMembers.role })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, group.id))
    .orderBy(asc(users.name));
  const memberIds = people.filter((p) => p.role === "member").map((p) => p.id);
  const facilitators = people.filter((p) => p.role === "facilitator");
  const nameOf = new Map(people.map((p) => [p.id, p.name]));

  const sponsored = group.cohort.sponsorshipEndedAt === null;
  const schedulable = !cycle || cycle.state === "planned" || cycle.state === "running" || cycle.state === "continued";
  const base = {
    group: { id: group.id, name: group.name },
    cohort: { name: group.cohort.name, timeZone: group.cohort.timeZone, meetingsPerCycle: group.cohort.meetingsPerCycle, intervalMonths: group.cohort.intervalMonths, sponsored },
    me: { id: actor.id, facilitator, member },
    facilitators: facilitators.map((f) => f.name),
    memberCount: memberIds.length,
    cycles: allCycles.map((c) => ({ number: c.number, state: c.state })),
    latest,
  };
  if (!cycle) {
    return { ...base, cycle: null, meetings: [] as CycleMeetingView[], freePlaces: group.cohort.meetingsPerCycle, may: { schedule: facilitator && sponsored, writeGoal: false, rateGoal: false, writeGroupGoal: false, rateGroupGoal: false, vote: false }, goals: null, vote: null, report: null };
  }

  const meetingRows = await db
    .select({
      id: reunions.id,
      number: cycleMeetings.number,
      status: reunions.status,
      startsAt: reunions.startsAt,
      endsAt: reunions.endsAt,
      hostId: cycleMeetings.hostId,
      module: modules.title,
    })
    .from(cycleMeetings)
    .innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId))
    .leftJoin(modules, eq(modules.id, reunions.moduleId))
    .where(eq(cycleMeetings.cycleId, cycle.id))
    .orderBy(asc(cycleMeetings.number), asc(reunions.startsAt));
  const meetingIds = meetingRows.map((m) => m.id);
  const [attendance, evaluations] = meetingIds.length
    ? await Promise.all([
        db
          .select({
            reunionId: meetingAttendance.reunionId,
            recorded: count(),
            present: sql<number>`count(*) filter (where ${meetingAttendance.status} = 'present')::int`,
          })
          .from(meetingAttendance)
          .where(and(inArray(meetingAttendance.reunionId, meetingIds), memberIds.length ? inArray(meetingAttendance.userId, memberIds) : sql`false`))
          .groupBy(meetingAttendance.reunionId),
        db
          .select({ reunionId: meetingEvaluations.reunionId, answers: count(), usefulness: avg(meetingEvaluations.usefulness), safety: avg(meetingEvaluations.safety) })
          .from(meetingEvaluations)
          .where(inArray(meetingEvaluations.reunionId, meetingIds))
          .groupBy(meetingEvaluations.reunionId),
      ])
    : [[], []];
  const attendanceOf = new Map(attendance.map((a) => [a.reunionId, a]));
  const evaluationOf = new Map(evaluations.map((e) => [e.reunionId, e]));
  const meetings = meetingRows.map((m): CycleMeetingView => {
    const a = attendanceOf.get(m.id);
    const e = evaluationOf.get(m.id);
    const host = m.hostId ? { name: nameOf.get(m.hostId) ?? null, facilitator: facilitators.some((f) => f.id === m.hostId) } : null;
    return {
      id: m.id,
      number: m.number,
      cancelled: m.status === "cancelled",
      startsAt: m.startsAt?.toISOString() ?? null,
      endsAt: m.endsAt?.toISOString() ?? null,
      over: m.endsAt !== null && m.endsAt <= now,
      module: m.module,
      attendance: a ? { present: Number(a.present), recorded: Number(a.recorded) } : null,
      evaluation: floored(Number(e?.answers ?? 0), () => ({ usefulness: round1(Number(e!.usefulness)), safety: round1(Number(e!.safety)) })),
      host,
    };
  });

  // Goals: one's own, and the ones shared with the group (names shown: their owners chose to share them).
  const goalRows = await db.select().from(cycleGoals).where(eq(cycleGoals.cycleId, cycle.id));
  const mine = goalRows.find((g) => g.userId === actor.id) ?? null;
  const shared = goalRows
    .filter((g) => g.shared && g.userId !== actor.id && nameOf.has(g.userId))
    .map((g) => ({ name: nameOf.get(g.userId)!, text: g.text }))
    .sort((x, y) => x.name.localeCompare(y.name));
  const ratingTime = await reachedLastMeeting(db, cycle, now);
  const open = cycle.state === "planned" || cycle.state === "running";

  const tally = await voteCount(db, cycle);
  const [myVote] = member ? await db.select({ vote: cycleVotes.vote }).from(cycleVotes).where(and(eq(cycleVotes.cycleId, cycle.id), eq(cycleVotes.userId, actor.id))) : [];
  const voteOpen = cycle.state === "evaluating" && (!cycle.voteClosesAt || cycle.voteClosesAt > now);

  let report = null;
  if (isFinished(cycle.state)) {
    const rated = goalRows.filter((g) => g.progress !== null);
    const [tried] = meetingIds.length
      ? await db
          .select({ people: countDistinct(takeaways.userId), answered: count(), tried: sql<number>`count(*) filter (where ${takeaways.followUp} = 'tried')::int` })
          .from(takeaways)
          .where(and(inArray(takeaways.meetingId, meetingIds), isNotNull(takeaways.followUp)))
      : [];
    report = {
      outcome: cycle.outcome,
      endedAt: cycle.endedAt?.toISOString() ?? null,
      goalsMet: floored(rated.length, () => ({ met: rated.filter((g) => g.progress! >= GOAL_MET_FROM).length, rated: rated.length })),
      takeawaysTried: floored(Number(tried?.people ?? 0), () => ({ tried: Number(tried!.tried), answered: Number(tried!.answered) })),
      hostedByMembers: meetings.filter((m) => !m.cancelled && m.host && !m.host.facilitator).length,
    };
  }

  return {
    ...base,
    cycle: {
      number: cycle.number,
      state: cycle.state,
      meetingsPlanned: cycle.meetingsPlanned,
      groupGoal: cycle.groupGoal,
      // The facilitator's concerns are their own notes for the group's cycle.
      concerns: facilitator ? cycle.concerns : null,
      groupGoalRating: cycle.groupGoalRating,
      groupGoalNote: cycle.groupGoalNote,
      voteClosesAt: cycle.voteClosesAt?.toISOString() ?? null,
    },
    meetings,
    freePlaces: latest && (cycle.state === "planned" || cycle.state === "running") ? (await freeMeetingNumbers(db, cycle)).length : cycle.state === "continued" ? group.cohort.meetingsPerCycle : 0,
    may: {
      schedule: facilitator && sponsored && latest && schedulable,
      writeGoal: member && latest && open,
      rateGoal: member && latest && ratingTime && mine !== null,
      writeGroupGoal: facilitator && latest && open,
      rateGroupGoal: facilitator && latest && ratingTime && cycle.groupGoal !== "",
      vote: member && latest && voteOpen,
    },
    goals: { mine: mine && { text: mine.text, shared: mine.shared, progress: mine.progress, whatHelped: mine.whatHelped }, shared },
    vote: {
      open: voteOpen,
      mine: myVote?.vote ?? null,
      cast: tally.continue + tally.stop,
      members: tally.members,
      closesAt: cycle.voteClosesAt?.toISOString() ?? null,
      decided: isFinished(cycle.state) ? cycle.outcome : null,
    },
    report,
  };
}

export type CyclePage = Awaited<ReturnType<typeof loadCyclePage>>;
