// The one way a cycle finishes, whatever finished it (the continue vote, the
// end of sponsorship): the state moves by the cycle's lifecycle table, and
// each member present at enough of its meetings becomes an alumnus, with an
// audit entry and a notification that opens the alumni side. Call inside the
// transaction that holds the cycle's row.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cycleMeetings, cycles, groupMembers, groups, meetingAttendance, reunions, userRoles } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import { newAlumni } from "../alumni-rule";
import { cycleTransition, type CycleEvent } from "../cycle-lifecycle";
import type { Cohort, Cycle } from "../load-programme-group.server";
import { message } from "../../i18n/message";
import { nestedMessage } from "../../i18n/nested-message";

export type FinishEvent = Extract<CycleEvent, "vote_carried" | "vote_failed" | "sponsorship_ended">;

/** Who each member of the group was present for, in this cycle's meetings that were not cancelled. */
export async function presentCounts(db: Database, cycle: Pick<Cycle, "id" | "groupId">) {
  const members = await db
    .select({ userId: groupMembers.userId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, cycle.groupId), eq(groupMembers.role, "member")));
  const present = await db
    .select({ userId: meetingAttendance.userId, n: sql<number>`count(*)::int` })
    .from(meetingAttendance)
    .innerJoin(cycleMeetings, eq(cycleMeetings.reunionId, meetingAttendance.reunionId))
    .innerJoin(reunions, eq(reunions.id, meetingAttendance.reunionId))
    .where(and(eq(cycleMeetings.cycleId, cycle.id), eq(meetingAttendance.status, "present"), ne(reunions.status, "cancelled")))
    .groupBy(meetingAttendance.userId);
  const counts = new Map(present.map((p) => [p.userId, p.n]));
  return members.map((m) => ({ userId: m.userId, present: counts.get(m.userId) ?? 0 }));
}

/**
 * Finishes `cycle` by `event` at `at`; returns who became an alumnus. A
 * refused move (the cycle already finished, a carried vote without a
 * sponsor) is an InputError (409) and changes nothing.
 */
export async function finishCycle(
  tx: Database,
  { cycle, cohort, event, outcome, at, sponsored, actorId = null }: { cycle: Cycle; cohort: Pick<Cohort, "alumniThreshold" | "orgId">; event: FinishEvent; outcome: string; at: Date; sponsored: boolean; actorId?: string | null },
): Promise<{ state: "continued" | "ended"; alumni: string[] }> {
  const move = cycleTransition(cycle.state, event, { sponsored });
  if (!move.ok) throw new InputError({ form: move.reason }, 409);
  const state = move.to as "continued" | "ended";
  await tx.update(cycles).set({ state, endedAt: at, outcome }).where(eq(cycles.id, cycle.id));
  const [group] = await tx.select({ name: groups.name }).from(groups).where(eq(groups.id, cycle.groupId));
  // Messages, written in the reader's language on the audit log.
  const label = group ? message("audit:labels.cycle", { group: group.name, cycle: cycle.number }) : message("audit:labels.cycleOfGroupGone", { cycle: cycle.number });
  await recordAudit(tx, {
    actorId,
    action: state === "continued" ? "cycle.continued" : "cycle.ended",
    targetType: "cycle",
    targetId: cycle.id,
    targetLabel: label,
    ownerOrgId: cohort.orgId,
    // The tally stays with the group (cycles.outcome): admins read the audit log, and a small group's counts would say who voted how.
    reason: event === "vote_carried" ? "audit:reasons.voteCarried" : event === "vote_failed" ? "audit:reasons.voteFailed" : outcome,
    at,
  });

  const members = await presentCounts(tx, cycle);
  const alreadyAlumni = new Set(
    members.length
      ? (await tx.select({ userId: userRoles.userId }).from(userRoles).where(and(eq(userRoles.role, "alumnus"), inArray(userRoles.userId, members.map((m) => m.userId))))).map((r) => r.userId)
      : [],
  );
  const alumni = newAlumni(members, cohort.alumniThreshold, alreadyAlumni);
  if (alumni.length) {
    await tx.insert(userRoles).values(alumni.map((userId) => ({ userId, role: "alumnus" as const }))).onConflictDoNothing();
    for (const userId of alumni) {
      const present = members.find((m) => m.userId === userId)!.present;
      await recordAudit(tx, {
        actorId: null,
        action: "person.alumnus_earned",
        targetType: "person",
        targetId: userId,
        ownerOrgId: cohort.orgId,
        reason: nestedMessage("audit:reasons.alumnusEarned", { count: present, cycle: label, threshold: cohort.alumniThreshold }),
        details: { cycleId: cycle.id, present, threshold: cohort.alumniThreshold },
        at,
      });
    }
    await notify(tx, alumni, {
      kind: "programme",
      title: "notifications:texts.alumnus",
      body: group ? message("notifications:texts.alumnusBody", { group: group.name }) : "notifications:texts.alumnusBodyNoGroup",
      // The home page is where an alumnus finds proposals, the directory, peer groups and mentoring.
      link: "/",
    });
  }
  // Once nothing of the programme is left for them, people are no longer participants.
  if (state === "ended" && members.length) {
    const stillIn = await tx
      .selectDistinct({ userId: groupMembers.userId })
      .from(groupMembers)
      .innerJoin(cycles, eq(cycles.groupId, groupMembers.groupId))
      .where(and(inArray(groupMembers.userId, members.map((m) => m.userId)), inArray(cycles.state, ["planned", "running", "evaluating"]), ne(cycles.id, cycle.id)));
    const done = members.map((m) => m.userId).filter((id) => !stillIn.some((s) => s.userId === id));
    if (done.length) await tx.delete(userRoles).where(and(eq(userRoles.role, "participant"), inArray(userRoles.userId, done)));
  }
  return { state, alumni };
}
