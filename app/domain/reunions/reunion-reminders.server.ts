// The two reminder emails, each sent once: the poll reminder to those who
// have not answered (deadline within 24 hours), and the reminder 24 hours
// before to those going, each in its reader's language. Reunions are taken
// one at a time under a row lock (SKIP LOCKED), so every process may run this.
import { and, asc, eq, gt, isNotNull, isNull, lte, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunionRsvps, reunionSlots, reunions, slotVotes, users } from "../../../db/schema";
import { formatDateTimeInZone } from "../../components/format-time";
import { enqueueEmail } from "../email/enqueue-email.server";
import { readerLanguages } from "../i18n/reader-languages.server";
import { translatorFor } from "../i18n/translators";
import { occasionKind } from "./occasion-words";
import { audienceMembers } from "./reunion-audience.server";
import { reunionLink, whenText, whereText } from "./reunion-notices";
import { stillInvitedSql } from "./reunion-rsvp-people.server";

const DAY_MS = 86_400_000;

type Reunion = typeof reunions.$inferSelect;

/**
 * Takes the due reunions one at a time, soonest first, under a row lock other
 * processes skip; `remind` emails people in the same transaction that marks
 * the reunion done, so each reminder goes out once. Returns how many emails.
 */
async function remindEachDue(
  db: Database,
  due: { where: SQL | undefined; soonest: AnyColumn; done: Partial<Reunion> },
  remind: (tx: Database, reunion: Reunion) => Promise<number>
) {
  let reminded = 0;
  for (;;) {
    const finished = await db.transaction(async (tx) => {
      const [reunion] = await tx
        .select()
        .from(reunions)
        .where(due.where)
        .orderBy(asc(due.soonest))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!reunion) return true;
      reminded += await remind(tx, reunion);
      await tx.update(reunions).set(due.done).where(eq(reunions.id, reunion.id));
      return false;
    });
    if (finished) return reminded;
  }
}

export function sendPollReminders(
  db: Database,
  { origin, now = new Date() }: { origin: string; now?: Date }
) {
  const due = and(
    eq(reunions.status, "polling"),
    isNull(reunions.pollRemindedAt),
    isNotNull(reunions.pollDeadline),
    gt(reunions.pollDeadline, now),
    lte(reunions.pollDeadline, new Date(now.getTime() + DAY_MS))
  );
  return remindEachDue(db, { where: due, soonest: reunions.pollDeadline, done: { pollRemindedAt: now } }, async (tx, reunion) => {
    const answered = new Set(
      (
        await tx
          .selectDistinct({ userId: slotVotes.userId })
          .from(slotVotes)
          .innerJoin(reunionSlots, eq(reunionSlots.id, slotVotes.slotId))
          .where(eq(reunionSlots.reunionId, reunion.id))
      ).map((r) => r.userId)
    );
    let sent = 0;
    const audience = (await audienceMembers(tx, reunion.id)).filter((person) => !answered.has(person.id) && person.id !== reunion.organiserId);
    const languages = await readerLanguages(tx, audience.map((person) => person.id));
    for (const person of audience) {
      const language = languages.get(person.id) ?? "en";
      const t = translatorFor(language, "email");
      await enqueueEmail(
        tx,
        {
          kind: "reunion_poll_reminder",
          to: person.email,
          subject: t("pollReminder.subject", { title: reunion.title }),
          text: [
            t("greeting", { name: person.name }),
            "",
            t(`pollReminder.intro.${occasionKind(reunion)}`, { title: reunion.title, closes: formatDateTimeInZone(reunion.pollDeadline!, person.timeZone, language) }),
            "",
            t("pollReminder.answer", { link: `${origin}${reunionLink(reunion.id)}` }),
            "",
          ].join("\n"),
        },
        now
      );
      sent++;
    }
    return sent;
  });
}

export function sendReunionReminders(
  db: Database,
  { origin, now = new Date() }: { origin: string; now?: Date }
) {
  const due = and(
    eq(reunions.status, "scheduled"),
    isNull(reunions.reminderSentAt),
    gt(reunions.startsAt, now),
    lte(reunions.startsAt, new Date(now.getTime() + DAY_MS)),
    // A programme cycle's meeting has its own reminder (meeting-reminders.server.ts): nobody gets two.
    sql`not exists (select 1 from cycle_meetings where cycle_meetings.reunion_id = ${reunions.id})`
  );
  return remindEachDue(db, { where: due, soonest: reunions.startsAt, done: { reminderSentAt: now } }, async (tx, reunion) => {
    // Only those with a place who are still invited: not "maybe", not the waitlist, not someone who left.
    const going = await tx
      .select({ id: users.id, name: users.name, email: users.email, timeZone: users.timeZone })
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
    const languages = await readerLanguages(tx, going.map((person) => person.id));
    for (const person of going) {
      const language = languages.get(person.id) ?? "en";
      const t = translatorFor(language, "email");
      const link = `${origin}${reunionLink(reunion.id)}`;
      await enqueueEmail(
        tx,
        {
          kind: "reunion_reminder",
          to: person.email,
          subject: t("reunionReminder.subject", { title: reunion.title }),
          text: [
            t("greeting", { name: person.name }),
            "",
            t(`reunionReminder.intro.${occasionKind(reunion)}`, { title: reunion.title, when: whenText(reunion, person.timeZone, language), where: whereText(reunion, language) }),
            "",
            // Only a capacity makes a place someone else could have.
            reunion.capacity === null ? t("reunionReminder.change", { link }) : t("reunionReminder.changeForPlace", { link }),
            "",
          ].join("\n"),
        },
        now
      );
    }
    return going.length;
  });
}
