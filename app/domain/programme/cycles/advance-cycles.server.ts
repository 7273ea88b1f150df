// Time moves cycles (the programme step "cycles", run first each minute):
// planned → running when the first meeting starts, running → evaluating when
// the last planned meeting has ended (the continue vote opens and members are
// told), and an open vote is decided once every member has voted or the
// window has closed. A carried vote, while the cohort is still sponsored,
// plans the next cycle one interval after the last meeting. One cycle per
// transaction, its row taken with FOR UPDATE SKIP LOCKED, so two processes
// never move the same cycle.
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cohorts, cycleMeetings, cycles, cycleVotes, groupMembers, groups, organisations, reunions } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import { addMonthsToLocalDate, instantToLocal, localToInstant } from "../../reunions/zoned-time";
import { continueVoteOutcome, tallyMessage } from "../continue-vote";
import { cycleTransition, dueCycleEvent } from "../cycle-lifecycle";
import type { Cohort, Cycle } from "../load-programme-group.server";
import { planCycleMeetings } from "../plan-cycle-meetings.server";
import { finishCycle } from "./finish-cycle.server";
import { message } from "../../i18n/message";
import { momentValue, nestedMessage } from "../../i18n/nested-message";

const DAY = 86_400_000;

export const cyclePageLink = (groupId: string) => `/groups/${groupId}/cycle`;

/** Meetings of the cycle that were not cancelled: when the first starts and how many have ended. */
async function meetingFacts(tx: Database, cycleId: string, now: Date) {
  const [row] = await tx
    .select({
      firstStart: sql<string | null>`min(${reunions.startsAt})`,
      ended: sql<number>`count(*) filter (where ${reunions.endsAt} <= ${now.toISOString()}::timestamptz)::int`,
      scheduled: sql<number>`count(*)::int`,
      lastEnd: sql<string | null>`max(${reunions.endsAt})`,
    })
    .from(cycleMeetings)
    .innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId))
    .where(and(eq(cycleMeetings.cycleId, cycleId), ne(reunions.status, "cancelled")));
  return {
    firstMeetingStartsAt: row?.firstStart ? new Date(row.firstStart) : null,
    meetingsEnded: row?.ended ?? 0,
    meetingsScheduled: row?.scheduled ?? 0,
    lastMeetingEndsAt: row?.lastEnd ? new Date(row.lastEnd) : null,
  };
}

async function memberIds(tx: Database, groupId: string) {
  const rows = await tx.select({ userId: groupMembers.userId }).from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, "member")));
  return rows.map((r) => r.userId);
}

async function facilitatorOf(tx: Database, groupId: string) {
  const [row] = await tx.select({ userId: groupMembers.userId }).from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, "facilitator"))).limit(1);
  return row?.userId ?? null;
}

/** The continue vote's count among the group's current members (the facilitator does not vote). */
export async function voteCount(tx: Database, cycle: Pick<Cycle, "id" | "groupId">) {
  const members = await memberIds(tx, cycle.groupId);
  const votes = members.length
    ? await tx.select({ vote: cycleVotes.vote }).from(cycleVotes).where(and(eq(cycleVotes.cycleId, cycle.id), inArray(cycleVotes.userId, members)))
    : [];
  return { members: members.length, continue: votes.filter((v) => v.vote === "continue").length, stop: votes.filter((v) => v.vote === "stop").length };
}

type Context = { cycle: Cycle; cohort: Cohort; group: { id: string; orgId: string; name: string }; org: typeof organisations.$inferSelect };

/**
 * The next cycle after a carried vote: number + 1, planned, its meetings at
 * the last meeting's local time of day and place, one interval after it
 * (later intervals when that date has already passed), hosted by the
 * facilitator. Without a facilitator or a place, the cycle waits for the
 * facilitator to schedule it.
 */
async function planNextCycle(tx: Database, { cycle, cohort, group }: Context, now: Date) {
  const [next] = await tx
    .insert(cycles)
    .values({ groupId: group.id, number: cycle.number + 1, state: "planned", meetingsPlanned: cohort.meetingsPerCycle, createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (!next) return null;
  const [last] = await tx
    .select({ startsAt: reunions.startsAt, timeZone: reunions.timeZone, location: reunions.location, onlineUrl: reunions.onlineUrl })
    .from(cycleMeetings)
    .innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId))
    .where(and(eq(cycleMeetings.cycleId, cycle.id), ne(reunions.status, "cancelled")))
    .orderBy(desc(reunions.startsAt))
    .limit(1);
  const facilitatorId = await facilitatorOf(tx, group.id);
  if (!last?.startsAt || !facilitatorId || (!last.location && !last.onlineUrl)) return next;
  const local = instantToLocal(last.startsAt, last.timeZone);
  let date = addMonthsToLocalDate(local.date, cohort.intervalMonths);
  for (let i = 0; i < 24 && localToInstant({ date, time: local.time }, last.timeZone) <= now; i++) date = addMonthsToLocalDate(date, cohort.intervalMonths);
  try {
    await planCycleMeetings(tx, { id: facilitatorId }, { group, cohort, cycle: next, facilitatorId }, { date, startTime: local.time, timeZone: last.timeZone, location: last.location, onlineUrl: last.onlineUrl }, now);
  } catch (error) {
    // The facilitator schedules it by hand instead (told so on the cycle page); the new cycle stands.
    if (!(error instanceof InputError)) throw error;
  }
  return next;
}

/** Decides an open continue vote if it is due; returns whether the cycle finished. */
async function decideVote(tx: Database, ctx: Context, now: Date) {
  const { cycle, cohort, group, org } = ctx;
  const count = await voteCount(tx, cycle);
  const windowClosed = cycle.voteClosesAt !== null && cycle.voteClosesAt <= now;
  const outcome = continueVoteOutcome(count, { rule: org.continueVoteRule, quorumPercent: org.continueVoteQuorumPercent }, { windowClosed });
  if (outcome.status === "open") return false;
  const sponsored = cohort.sponsorshipEndedAt === null;
  const carried = outcome.status === "carried";
  const event = carried ? (sponsored ? "vote_carried" : "sponsorship_ended") : "vote_failed";
  const reason = carried && !sponsored ? tallyMessage("groups:cycle.outcomes.carriedNotSponsored", count) : outcome.reason;
  const finished = await finishCycle(tx, { cycle, cohort, event, outcome: reason, at: now, sponsored });
  const next = finished.state === "continued" ? await planNextCycle(tx, ctx, now) : null;
  const facilitatorId = await facilitatorOf(tx, group.id);
  await notify(tx, [...(await memberIds(tx, group.id)), facilitatorId], {
    kind: "programme",
    title:
      finished.state === "continued"
        ? message("notifications:texts.cycleContinues", { group: group.name, cycle: next?.number ?? cycle.number + 1 })
        : message("notifications:texts.cycleEnded", { group: group.name, cycle: cycle.number }),
    body: reason,
    link: cyclePageLink(group.id),
  });
  return true;
}

/**
 * Applies every move time has brought about to one cycle whose row the
 * caller holds (FOR UPDATE). Returns how many moves it made.
 */
export async function advanceLockedCycle(tx: Database, cycleId: string, now: Date): Promise<number> {
  let moves = 0;
  for (;;) {
    const [row] = await tx
      .select({ cycle: cycles, cohort: cohorts, group: { id: groups.id, orgId: groups.orgId, name: groups.name }, org: organisations })
      .from(cycles)
      .innerJoin(groups, eq(groups.id, cycles.groupId))
      .innerJoin(cohorts, eq(cohorts.id, groups.cohortId))
      .innerJoin(organisations, eq(organisations.id, groups.orgId))
      .where(eq(cycles.id, cycleId));
    if (!row) return moves;
    const { cycle } = row;
    if (cycle.state === "evaluating") return moves + ((await decideVote(tx, row, now)) ? 1 : 0);
    const facts = await meetingFacts(tx, cycle.id, now);
    const replacementWindowMs = row.cohort.intervalMonths * 31 * DAY;
    const event = dueCycleEvent({ state: cycle.state, meetingsPlanned: cycle.meetingsPlanned, now, replacementWindowMs, ...facts });
    if (!event) return moves;
    const move = cycleTransition(cycle.state, event, { sponsored: row.cohort.sponsorshipEndedAt === null });
    if (!move.ok) return moves;
    if (event === "first_meeting_started") {
      await tx.update(cycles).set({ state: move.to, startedAt: facts.firstMeetingStartsAt }).where(eq(cycles.id, cycle.id));
    } else {
      const closes = new Date(now.getTime() + row.org.continueVoteWindowDays * DAY);
      await tx.update(cycles).set({ state: move.to, voteOpenedAt: now, voteClosesAt: closes }).where(eq(cycles.id, cycle.id));
      await recordAudit(tx, {
        actorId: null,
        action: "cycle.vote_opened",
        targetType: "cycle",
        targetId: cycle.id,
        targetLabel: message("audit:labels.cycle", { group: row.group.name, cycle: cycle.number }),
        ownerOrgId: row.group.orgId,
        at: now,
      });
      await notify(tx, await memberIds(tx, row.group.id), {
        kind: "programme",
        title: nestedMessage("notifications:texts.continueVote", { group: row.group.name, closes: momentValue(closes, row.cohort.timeZone) }),
        body: message("notifications:texts.continueVoteBody", { cycle: cycle.number }),
        link: cyclePageLink(row.group.id),
      });
    }
    moves++;
  }
}

/**
 * Cycles time may have moved: a planned one whose first meeting started, a
 * running one with nothing scheduled still to end (dueCycleEvent decides
 * whether that is the end, or a cancelled place may yet be replaced), an open vote.
 */
async function candidateCycles(db: Database, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await db
    .select({ id: cycles.id })
    .from(cycles)
    .where(
      sql`(${cycles.state} = 'planned' and exists (select 1 from ${cycleMeetings} cm join ${reunions} r on r.id = cm.reunion_id where cm.cycle_id = ${cycles.id} and r.status <> 'cancelled' and r.starts_at <= ${at}))
        or (${cycles.state} = 'running' and exists (select 1 from ${cycleMeetings} cm join ${reunions} r on r.id = cm.reunion_id where cm.cycle_id = ${cycles.id} and r.status <> 'cancelled' and r.ends_at <= ${at})
          and not exists (select 1 from ${cycleMeetings} cm join ${reunions} r on r.id = cm.reunion_id where cm.cycle_id = ${cycles.id} and r.status <> 'cancelled' and r.ends_at > ${at}))
        or ${cycles.state} = 'evaluating'`,
    )
    .orderBy(asc(cycles.createdAt), asc(cycles.id));
  return rows.map((r) => r.id);
}

/** The programme step: moves every due cycle once; returns how many moves were made. */
export async function advanceCycles(db: Database, { now }: { now: Date }): Promise<number> {
  let moves = 0;
  for (const id of await candidateCycles(db, now)) {
    moves += await db.transaction(async (tx) => {
      const [locked] = await tx
        .select({ id: cycles.id })
        .from(cycles)
        .where(and(eq(cycles.id, id), inArray(cycles.state, ["planned", "running", "evaluating"])))
        .for("update", { skipLocked: true });
      // Another process holds it (and is moving it), or it has already finished.
      if (!locked) return 0;
      return advanceLockedCycle(tx, id, now);
    });
  }
  return moves;
}
