// The organiser cancels one reunion (of a series: this occurrence only).
// People going or maybe are told; calendars see a new SEQUENCE.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunions } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canRunReunion, type Actor } from "../policy";
import { whenText } from "./reunion-notices";
import { peopleGoingOrMaybe } from "./reunion-rsvp-people.server";
import { notifyByZone } from "./send-invitation.server";
import { findVisibleReunion } from "./visible-reunions.server";

export async function cancelReunion(
  db: Database,
  actor: Actor,
  reunionId: string,
  { reason }: { reason: string },
  now = new Date()
) {
  const visible = await findVisibleReunion(db, actor, reunionId);
  if (!canRunReunion(actor, visible))
    throw new ForbiddenError("Only the organiser cancels the reunion.");
  await db.transaction(async (tx) => {
    const [reunion] = await tx
      .select()
      .from(reunions)
      .where(eq(reunions.id, visible.id))
      .for("update");
    if (!reunion || reunion.status === "cancelled")
      throw new InputError({ form: "This reunion is already cancelled." }, 409);
    const [updated] = await tx
      .update(reunions)
      .set({
        status: "cancelled",
        sequence: reunion.sequence + 1,
        updatedAt: now,
      })
      .where(eq(reunions.id, reunion.id))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "reunion.cancelled",
      targetType: "reunion",
      targetId: reunion.id,
      targetLabel: reunion.title,
      ownerOrgId: reunion.orgId,
      reason: reason || null,
      details: reunion.seriesId
        ? { seriesId: reunion.seriesId, occurrence: reunion.occurrence }
        : {},
    });
    await notifyByZone(
      tx,
      await peopleGoingOrMaybe(tx, reunion.id),
      updated!,
      (zone) => ({
        title: `Cancelled: ${reunion.title}`,
        body: `The reunion of ${whenText(updated!, zone)} will not take place.${
          reason ? ` ${reason}` : ""
        }`,
      }),
      actor.id
    );
  });
}
