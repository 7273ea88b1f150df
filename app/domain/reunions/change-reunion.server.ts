// The organiser changes one reunion's (meeting's, check-in's) date, place or
// capacity. Of a series, only this occurrence changes. People going or maybe are told, and the
// calendar SEQUENCE goes up.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { cycleMeetings, reunions } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canRunReunion, type Actor } from "../policy";
import { auditOccasion } from "./audit-occasion.server";
import { occasionKind } from "./occasion-words";
import { planChangedDate } from "./reunion-dates";
import type { ChangeReunionInput } from "./reunion-fields";
import { whenText, whereText } from "./reunion-notices";
import { peopleGoingOrMaybe, peopleNotDeclined } from "./reunion-rsvp-people.server";
import { notifyByZone } from "./send-invitation.server";
import { findVisibleReunion } from "./visible-reunions.server";
import { confirmedGoingCount, promoteFromWaitlist } from "./waitlist.server";
import { instantToLocal } from "./zoned-time";
import { message } from "../i18n/message";

export async function changeReunion(
  db: Database,
  actor: Actor,
  reunionId: string,
  input: ChangeReunionInput,
  now = new Date()
) {
  const visible = await findVisibleReunion(db, actor, reunionId);
  const kind = occasionKind(visible);
  if (!canRunReunion(actor, visible))
    throw new ForbiddenError(`reunions:errors.only.change.${kind}`);
  await db.transaction(async (tx) => {
    const [reunion] = await tx
      .select()
      .from(reunions)
      .where(eq(reunions.id, visible.id))
      .for("update");
    if (!reunion || reunion.status === "cancelled")
      throw new InputError(
        { form: `reunions:errors.cancelledNoChange.${kind}` },
        409
      );

    let startsAt = reunion.startsAt;
    let endsAt = reunion.endsAt;
    if (reunion.status === "scheduled") {
      const current =
        reunion.startsAt && reunion.endsAt
          ? {
              date: instantToLocal(reunion.startsAt, reunion.timeZone).date,
              startTime: instantToLocal(reunion.startsAt, reunion.timeZone)
                .time,
              endTime: instantToLocal(reunion.endsAt, reunion.timeZone).time,
            }
          : null;
      const same =
        current &&
        current.date === input.date &&
        current.startTime === input.startTime &&
        current.endTime === input.endTime;
      if (!same) {
        const planned = planChangedDate(input, reunion.timeZone, now, { kind });
        if (!planned)
          throw new InputError({
            date: "reunions:errors.dateAndTimes",
          });
        startsAt = planned.startsAt;
        endsAt = planned.endsAt;
      }
    }
    const going = await confirmedGoingCount(tx, reunion.id);
    if (input.capacity !== null && input.capacity < going)
      throw new InputError({
        capacity: message("reunions:errors.capacityBelowGoing", { count: going }),
      });

    const dateChanged =
      startsAt?.getTime() !== reunion.startsAt?.getTime() ||
      endsAt?.getTime() !== reunion.endsAt?.getTime();
    const placeChanged =
      input.location !== reunion.location ||
      input.onlineUrl !== reunion.onlineUrl;
    const capacityChanged = input.capacity !== reunion.capacity;
    if (!dateChanged && !placeChanged && !capacityChanged) return;

    const [updated] = await tx
      .update(reunions)
      .set({
        startsAt,
        endsAt,
        location: input.location,
        onlineUrl: input.onlineUrl,
        capacity: input.capacity,
        sequence:
          dateChanged || placeChanged ? reunion.sequence + 1 : reunion.sequence,
        // A new date deserves its own reminder.
        reminderSentAt: dateChanged ? null : reunion.reminderSentAt,
        updatedAt: now,
      })
      .where(eq(reunions.id, reunion.id))
      .returning();
    await auditOccasion(tx, reunion, {
      actorId: actor.id,
      action: "reunion.changed",
      details: {
        ...(dateChanged
          ? {
              startsAt: {
                from: reunion.startsAt?.toISOString() ?? null,
                to: startsAt?.toISOString() ?? null,
              },
            }
          : {}),
        ...(placeChanged
          ? {
              location: { from: reunion.location, to: input.location },
              onlineUrl: { from: reunion.onlineUrl, to: input.onlineUrl },
            }
          : {}),
        ...(capacityChanged
          ? { capacity: { from: reunion.capacity, to: input.capacity } }
          : {}),
        ...(reunion.seriesId
          ? { seriesId: reunion.seriesId, occurrence: reunion.occurrence }
          : {}),
      },
    });
    // A programme cycle's meeting: its own reminder goes out again for a later date.
    const [cycleMeeting] = await tx.select({ id: cycleMeetings.reunionId }).from(cycleMeetings).where(eq(cycleMeetings.reunionId, reunion.id));
    if (cycleMeeting && dateChanged && startsAt && reunion.startsAt && startsAt > reunion.startsAt)
      await tx.update(cycleMeetings).set({ reminderSentAt: null }).where(eq(cycleMeetings.reunionId, reunion.id));
    if (dateChanged || placeChanged) {
      const what = dateChanged && placeChanged ? "DateAndPlace" : dateChanged ? "Date" : "Place";
      // Members of a programme group need not answer the invitation: all who have not declined hear of the change.
      await notifyByZone(
        tx,
        cycleMeeting ? await peopleNotDeclined(tx, reunion) : await peopleGoingOrMaybe(tx, reunion.id),
        updated!,
        (zone, language) => ({
          title: message(`notifications:texts.changed${what}`, { title: reunion.title }),
          body: message("notifications:texts.changedBody", { when: whenText(updated!, zone, language), where: whereText(updated!, language) }),
        }),
        actor.id
      );
    }
    if (capacityChanged) await promoteFromWaitlist(tx, updated!, actor.id);
  });
}
