// "evaluation-requests": once a cycle meeting has ended, each member
// recorded present is asked for the one-minute evaluation (in-app, and by
// email by their preferences), and reminded once two days later if they have
// not answered. Meetings that ended more than a fortnight ago are left
// alone, so attendance recorded late does not bring stale requests.
import { and, asc, eq, gt, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cycleMeetings, groupMembers, groups, meetingAttendance, reunions } from "../../../../db/schema";
import { notify } from "../../notifications/notify.server";
import type { ProgrammeJobOptions } from "../programme-jobs.server";
import { eachDue } from "./claim-due.server";
import { evaluationPath } from "./meeting-people.server";
import { message } from "../../i18n/message";

const DAY_MS = 86_400_000;
export const EVALUATION_REMINDER_AFTER_MS = 2 * DAY_MS;
export const EVALUATION_ASK_WITHIN_MS = 14 * DAY_MS;

const notAnswered = sql`not exists (select 1 from meeting_evaluation_receipts r where r.reunion_id = ${meetingAttendance.reunionId} and r.user_id = ${meetingAttendance.userId})`;

function claimOne(tx: Database, now: Date, where: ReturnType<typeof and>) {
  return tx
    .select({ reunionId: meetingAttendance.reunionId, userId: meetingAttendance.userId, number: cycleMeetings.number, groupName: groups.name })
    .from(meetingAttendance)
    .innerJoin(cycleMeetings, eq(cycleMeetings.reunionId, meetingAttendance.reunionId))
    .innerJoin(reunions, eq(reunions.id, meetingAttendance.reunionId))
    .innerJoin(groups, eq(groups.id, reunions.groupId))
    // Still a member of the group: someone who left is not asked.
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, meetingAttendance.userId), eq(groupMembers.role, "member")))
    .where(
      and(
        eq(meetingAttendance.status, "present"),
        eq(reunions.status, "scheduled"),
        lte(reunions.endsAt, now),
        gt(reunions.endsAt, new Date(now.getTime() - EVALUATION_ASK_WITHIN_MS)),
        notAnswered,
        where,
      ),
    )
    .orderBy(asc(reunions.endsAt), asc(meetingAttendance.reunionId), asc(meetingAttendance.userId))
    .limit(1)
    .for("update", { of: meetingAttendance, skipLocked: true });
}

export async function sendEvaluationRequests(db: Database, { now }: ProgrammeJobOptions) {
  const asked = await eachDue(db, async (tx) => {
    const [due] = await claimOne(tx, now, and(isNull(meetingAttendance.evaluationAskedAt)));
    if (!due) return false;
    await notify(tx, [due.userId], {
      kind: "programme",
      title: message("notifications:texts.evaluate", { meeting: due.number, group: due.groupName }),
      body: "notifications:texts.evaluateBody",
      link: evaluationPath(due.reunionId),
    });
    await tx.update(meetingAttendance).set({ evaluationAskedAt: now }).where(and(eq(meetingAttendance.reunionId, due.reunionId), eq(meetingAttendance.userId, due.userId)));
    return true;
  });
  const reminded = await eachDue(db, async (tx) => {
    const [due] = await claimOne(
      tx,
      now,
      and(isNotNull(meetingAttendance.evaluationAskedAt), isNull(meetingAttendance.evaluationRemindedAt), lte(meetingAttendance.evaluationAskedAt, new Date(now.getTime() - EVALUATION_REMINDER_AFTER_MS))),
    );
    if (!due) return false;
    await notify(tx, [due.userId], {
      kind: "programme",
      title: message("notifications:texts.evaluateReminder", { meeting: due.number, group: due.groupName }),
      body: "notifications:texts.evaluateReminderBody",
      link: evaluationPath(due.reunionId),
    });
    await tx.update(meetingAttendance).set({ evaluationRemindedAt: now }).where(and(eq(meetingAttendance.reunionId, due.reunionId), eq(meetingAttendance.userId, due.userId)));
    return true;
  });
  return asked + reminded;
}
