// Answering the invitation: going, maybe or not going. With a capacity,
// "going" beyond it joins the waitlist; a freed place goes to the first in line.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunionRsvps, reunions } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canTakePartInReunion, type Actor } from "../policy";
import { occasionKind } from "./occasion-words";
import { findVisibleReunion } from "./visible-reunions.server";
import {
  confirmedGoingCount,
  promoteFromWaitlist,
  waitlistPosition,
} from "./waitlist.server";

export type RsvpAnswer = "going" | "maybe" | "not_going";
export type RsvpOutcome = {
  answer: RsvpAnswer;
  waitlistPosition: number | null;
};

export async function rsvp(
  db: Database,
  actor: Actor,
  reunionId: string,
  answer: RsvpAnswer,
  now = new Date()
): Promise<RsvpOutcome> {
  const visible = await findVisibleReunion(db, actor, reunionId);
  const kind = occasionKind(visible);
  if (!canTakePartInReunion(actor, visible))
    throw new ForbiddenError("reunions:errors.onlyInvitedRsvp");
  return db.transaction(async (tx) => {
    // The row lock makes answers for the same reunion take turns, so the last seat is counted once.
    const [reunion] = await tx
      .select()
      .from(reunions)
      .where(eq(reunions.id, visible.id))
      .for("update");
    if (!reunion)
      throw new InputError({ form: `reunions:errors.gone.${kind}` }, 409);
    if (reunion.status === "cancelled")
      throw new InputError({ answer: `reunions:errors.cancelled.${kind}` }, 409);
    if (reunion.status !== "scheduled")
      throw new InputError(
        {
          answer: "reunions:errors.answerPollFirst",
        },
        409
      );
    if (reunion.endsAt && reunion.endsAt.getTime() < now.getTime())
      throw new InputError({ answer: `reunions:errors.over.${kind}` }, 409);

    const where = and(
      eq(reunionRsvps.reunionId, reunion.id),
      eq(reunionRsvps.userId, actor.id)
    );
    const [previous] = await tx.select().from(reunionRsvps).where(where);
    const heldPlace =
      previous?.answer === "going" && previous.waitlistedAt === null;

    let waitlistedAt: Date | null = null;
    if (answer === "going") {
      if (previous?.answer === "going")
        waitlistedAt =
          previous.waitlistedAt; // keeps their place, or their place in line
      else if (
        reunion.capacity !== null &&
        (await confirmedGoingCount(tx, reunion.id)) >= reunion.capacity
      )
        waitlistedAt = now;
    }
    if (previous)
      await tx
        .update(reunionRsvps)
        .set({ answer, waitlistedAt, updatedAt: now })
        .where(where);
    else
      await tx
        .insert(reunionRsvps)
        .values({
          reunionId: reunion.id,
          userId: actor.id,
          answer,
          waitlistedAt,
          updatedAt: now,
        });

    if (heldPlace && answer !== "going")
      await promoteFromWaitlist(tx, reunion, actor.id);
    return {
      answer,
      waitlistPosition:
        answer === "going"
          ? await waitlistPosition(tx, reunion.id, actor.id)
          : null,
    };
  });
}
