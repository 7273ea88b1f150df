// The one-minute evaluation: a member recorded present answers once. The
// answer is stored without a person and without a time; the receipt, kept
// apart, only refuses a second answer.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { meetingAttendance, meetingEvaluationReceipts, meetingEvaluations } from "../../../../db/schema";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { isCycleMember, type Actor } from "../../policy";
import { findCycleMeeting } from "../load-programme-group.server";
import type { EvaluationInput } from "./meeting-fields";

export const ALREADY_ANSWERED = "programme:evaluate.errors.alreadyAnswered";

/** Where the viewer stands: may answer, has answered, or why not. */
export async function evaluationStatus(db: Database, actor: Actor, reunionId: string, now = new Date()) {
  const found = await findCycleMeeting(db, actor, reunionId);
  if (!isCycleMember(actor, found.group.access)) throw new ForbiddenError("programme:evaluate.errors.membersOnly");
  const [[attendance], [receipt]] = await Promise.all([
    db.select({ status: meetingAttendance.status }).from(meetingAttendance).where(and(eq(meetingAttendance.reunionId, found.meeting.id), eq(meetingAttendance.userId, actor.id))),
    db.select({ userId: meetingEvaluationReceipts.userId }).from(meetingEvaluationReceipts).where(and(eq(meetingEvaluationReceipts.reunionId, found.meeting.id), eq(meetingEvaluationReceipts.userId, actor.id))),
  ]);
  const refusal =
    found.meeting.status === "cancelled"
      ? "programme:evaluate.errors.cancelled"
      : !found.meeting.endsAt || found.meeting.endsAt > now
        ? "programme:evaluate.errors.notEnded"
        : attendance?.status !== "present"
          ? "programme:evaluate.errors.notPresent"
          : receipt
            ? ALREADY_ANSWERED
            : null;
  return { found, answered: Boolean(receipt), refusal };
}

export async function evaluateMeeting(db: Database, actor: Actor, reunionId: string, input: EvaluationInput, now = new Date()) {
  const { found, refusal, answered } = await evaluationStatus(db, actor, reunionId, now);
  if (refusal) throw new InputError({ form: refusal }, answered ? 409 : 400);
  await db.transaction(async (tx) => {
    // The receipt first: of two answers at once, the second finds it and stores nothing.
    const [receipt] = await tx
      .insert(meetingEvaluationReceipts)
      .values({ reunionId: found.meeting.id, userId: actor.id })
      .onConflictDoNothing()
      .returning({ userId: meetingEvaluationReceipts.userId });
    if (!receipt) throw new InputError({ form: ALREADY_ANSWERED }, 409);
    await tx.insert(meetingEvaluations).values({ reunionId: found.meeting.id, usefulness: input.usefulness, safety: input.safety, willTry: input.willTry === "yes", comment: input.comment });
  });
}
