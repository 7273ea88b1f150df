// On the day, the organiser checks people in. The time stays on the answer
// (checked_in_at) and in the audit log, as attendance history.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunionRsvps, reunions } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canRunReunion, type Actor } from "../policy";
import { auditOccasion } from "./audit-occasion.server";
import { occasionKind } from "./occasion-words";
import { audienceMembers } from "./reunion-audience.server";
import { findVisibleReunion } from "./visible-reunions.server";

export async function checkIn(
  db: Database,
  actor: Actor,
  reunionId: string,
  { userId, present }: { userId: string; present: boolean },
  now = new Date()
) {
  const visible = await findVisibleReunion(db, actor, reunionId);
  const kind = occasionKind(visible);
  if (!canRunReunion(actor, visible))
    throw new ForbiddenError(`reunions:errors.only.checkIn.${kind}`);
  await db.transaction(async (tx) => {
    const [reunion] = await tx
      .select()
      .from(reunions)
      .where(eq(reunions.id, visible.id))
      .for("update");
    if (reunion?.status !== "scheduled")
      throw new InputError(
        { form: `reunions:errors.onlyScheduled.${kind}` },
        409
      );
    const person = (await audienceMembers(tx, reunion.id)).find(
      (p) => p.id === userId
    );
    if (!person)
      throw new InputError({
        userId: `reunions:errors.notInvited.${kind}`,
      });
    const where = and(
      eq(reunionRsvps.reunionId, reunion.id),
      eq(reunionRsvps.userId, userId)
    );
    const [existing] = await tx.select().from(reunionRsvps).where(where);
    if (existing)
      await tx
        .update(reunionRsvps)
        .set({ checkedInAt: present ? now : null })
        .where(where);
    // Someone who turns up without having answered is there all the same.
    else if (present)
      await tx
        .insert(reunionRsvps)
        .values({
          reunionId: reunion.id,
          userId,
          answer: "going",
          checkedInAt: now,
          updatedAt: now,
        });
    await auditOccasion(tx, reunion, {
      actorId: actor.id,
      action: present ? "reunion.checked_in" : "reunion.check_in_undone",
      details: { userId, name: person.name },
    });
  });
}
