// An invitee says which candidate dates suit them: yes, if need be, or no.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunionSlots, reunions, slotVotes } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canTakePartInReunion, type Actor } from "../policy";
import type { SlotAnswer } from "./best-slot";
import { findVisibleReunion } from "./visible-reunions.server";

export async function answerPoll(
  db: Database,
  actor: Actor,
  reunionId: string,
  answers: Record<string, SlotAnswer>,
  now = new Date()
) {
  const reunion = await findVisibleReunion(db, actor, reunionId);
  if (!canTakePartInReunion(actor, reunion))
    throw new ForbiddenError("reunions:errors.onlyInvitedPoll");
  await db.transaction(async (tx) => {
    // A share lock, so a finalising at this moment sees these answers or refuses them.
    const [row] = await tx
      .select({ status: reunions.status })
      .from(reunions)
      .where(eq(reunions.id, reunion.id))
      .for("share");
    if (row?.status !== "polling")
      throw new InputError(
        { form: "reunions:errors.pollDateChosen" },
        409
      );
    // The deadline closes the poll; the organiser then picks the date from the answers in.
    if (reunion.pollDeadline && now > reunion.pollDeadline)
      throw new InputError(
        { form: "reunions:errors.pollClosed" },
        409
      );
    const slots = await tx
      .select({ id: reunionSlots.id })
      .from(reunionSlots)
      .where(eq(reunionSlots.reunionId, reunion.id));
    const known = new Set(slots.map((s) => s.id));
    const entries = Object.entries(answers);
    if (entries.some(([slotId]) => !known.has(slotId)))
      throw new InputError({
        form: "reunions:errors.slotGone",
      });
    for (const [slotId, answer] of entries) {
      await tx
        .insert(slotVotes)
        .values({ slotId, userId: actor.id, answer, updatedAt: now })
        .onConflictDoUpdate({
          target: [slotVotes.slotId, slotVotes.userId],
          set: { answer: sql`excluded.answer`, updatedAt: now },
        });
    }
  });
}
