// The two reminder emails, each sent once: the poll reminder to those who
// have not answered (deadline within 24 hours), and the reminder 24 hours
// before to those going. Reunions are taken one at a time under a row lock
// (SKIP LOCKED), so every process may run this.
import { and, asc, eq, gt, isNotNull, isNull, lte } from "drizzle-orm";
import type { Database } from "../../../db/database";
import {
  reunionRsvps,
  reunionSlots,
  reunions,
  slotVotes,
  users,
} from "../../../db/schema";
import { formatDateTimeInZone } from "../../components/format-time";
import { stillInvitedSql } from "./reunion-rsvp-people.server";
import { enqueueEmail } from "../email/enqueue-email.server";
import { audienceMembers } from "./reunion-audience.server";
import { reunionLink, whenText, whereText } from "./reunion-notices";

const DAY_MS = 86_400_000;

export async function sendPollReminders(
  db: Database,
  { origin, now = new Date() }: { origin: string; now?: Date }
) {
  let reminded = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [reunion] = await tx
        .select()
        .from(reunions)
        .where(
          and(
            eq(reunions.status, "polling"),
            isNull(reunions.pollRemindedAt),
            isNotNull(reunions.pollDeadline),
            gt(reunions.pollDeadline, now),
            lte(reunions.pollDeadline, new Date(now.getTime() + DAY_MS))
          )
        )
        .orderBy(asc(reunions.pollDeadline))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!reunion) return true;
      const answered = new Set(
        (
          await tx
            .selectDistinct({ userId: slotVotes.userId })
            .from(slotVotes)
            .innerJoin(reunionSlots, eq(reunionSlots.id, slotVotes.slotId))
            .where(eq(reunionSlots.reunionId, reunion.id))
        ).map((r) => r.userId)
      );
      for (const person of await audienceMembers(tx, reunion.id)) {
        if (answered.has(person.id) || person.id === reunion.organiserId)
          continue;
        await enqueueEmail(
          tx,
          {
            kind: "reunion_poll_reminder",
            to: person.email,
            subject: `Which dates suit you? ${reunion.title}`,
            text: `Hello ${person.name},\n\nYou are invited to “${
              reunion.title
            }” and the organiser is choosing a date. Answers close ${formatDateTimeInZone(
              reunion.pollDeadline!,
              person.timeZone
            )}.\n\nSay which dates suit you: ${origin}${reunionLink(
              reunion.id
            )}\n`,
          },
          now
        );
        reminded++;
      }
      await tx
        .update(reunions)
        .set({ pollRemindedAt: now })
        .where(eq(reunions.id, reunion.id));
      return false;
    });
    if (done) break;
  }
  return reminded;
}

export async function sendReunionReminders(
  db: Database,
  { origin, now = new Date() }: { origin: string; now?: Date }
) {
  let reminded = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [reunion] = await tx
        .select()
        .from(reunions)
        .where(
          and(
            eq(reunions.status, "scheduled"),
            isNull(reunions.reminderSentAt),
            gt(reunions.startsAt, now),
            lte(reunions.startsAt, new Date(now.getTime() + DAY_MS))
          )
        )
        .orderBy(asc(reunions.startsAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!reunion) return true;
      // Only those with a place: not "maybe", not the waitlist.
      const going = await tx
        .select({
          name: users.name,
          email: users.email,
          timeZone: users.timeZone,
        })
        .from(reunionRsvps)
        .innerJoin(users, eq(users.id, reunionRsvps.userId))
        .where(
          and(
            eq(reunionRsvps.reunionId, reunion.id),
            eq(reunionRsvps.answer, "going"),
            isNull(reunionRsvps.waitlistedAt),
            stillInvitedSql(reunion.id)
          )
        );
      for (const person of going) {
        await enqueueEmail(
          tx,
          {
            kind: "reunion_reminder",
            to: person.email,
            subject: `Tomorrow: ${reunion.title}`,
            text: `Hello ${person.name},\n\nA reminder that you are going to “${
              reunion.title
            }”: ${whenText(reunion, person.timeZone)}, ${whereText(
              reunion
            )}.\n\nIf you can no longer come, change your answer so someone else can have your place: ${origin}${reunionLink(
              reunion.id
            )}\n`,
          },
          now
        );
        reminded++;
      }
      await tx
        .update(reunions)
        .set({ reminderSentAt: now })
        .where(eq(reunions.id, reunion.id));
      return false;
    });
    if (done) break;
  }
  return reminded;
}
