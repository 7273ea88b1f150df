// The organiser picks the date (by default the best of the poll): the
// reunion is scheduled and the invitation goes to everyone in the audience.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunionSlots, reunions, slotVotes } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canRunReunion, type Actor } from "../policy";
import { auditOccasion } from "./audit-occasion.server";
import { bestSlotId } from "./best-slot";
import { occasionKind } from "./occasion-words";
import { sendInvitation } from "./send-invitation.server";
import { findVisibleReunion } from "./visible-reunions.server";

export async function finaliseReunion(
  db: Database,
  actor: Actor,
  reunionId: string,
  slotId: string | null
) {
  const visible = await findVisibleReunion(db, actor, reunionId);
  const kind = occasionKind(visible);
  if (!canRunReunion(actor, visible))
    throw new ForbiddenError(`reunions:errors.only.chooseDate.${kind}`);
  await db.transaction(async (tx) => {
    const [reunion] = await tx
      .select()
      .from(reunions)
      .where(eq(reunions.id, visible.id))
      .for("update");
    if (reunion?.status !== "polling")
      throw new InputError(
        { form: `reunions:errors.dateChosen.${kind}` },
        409
      );
    const slots = await tx
      .select()
      .from(reunionSlots)
      .where(eq(reunionSlots.reunionId, reunion.id));
    let chosenId = slotId;
    if (!chosenId) {
      const votes = await tx
        .select({ slotId: slotVotes.slotId, answer: slotVotes.answer })
        .from(slotVotes)
        .innerJoin(reunionSlots, eq(reunionSlots.id, slotVotes.slotId))
        .where(eq(reunionSlots.reunionId, reunion.id));
      chosenId = bestSlotId(slots, votes);
    }
    const slot = slots.find((s) => s.id === chosenId);
    if (!slot)
      throw new InputError({ slotId: "reunions:errors.slotOffered" });
    const [updated] = await tx
      .update(reunions)
      .set({
        status: "scheduled",
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        sequence: reunion.sequence + 1,
        updatedAt: new Date(),
      })
      .where(eq(reunions.id, reunion.id))
      .returning();
    await auditOccasion(tx, reunion, {
      actorId: actor.id,
      action: "reunion.finalised",
      details: {
        slotId: slot.id,
        startsAt: slot.startsAt.toISOString(),
        timeZone: slot.timeZone,
      },
    });
    await sendInvitation(tx, updated!, { actorId: actor.id, occurrences: 1 });
  });
}
