// "meeting-reminders": each cycle meeting is announced to its group two days
// before it starts, naming the module and the place, but never before the
// cycle's previous meeting has ended (one meeting at a time in people's
// inboxes). The generic reunion reminder leaves cycle meetings to this one.
import { and, asc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cycleMeetings, groups, modules, reunions } from "../../../../db/schema";
import { message } from "../../i18n/message";
import { readerLanguages } from "../../i18n/reader-languages.server";
import { notify } from "../../notifications/notify.server";
import { whenText, whereText } from "../../reunions/reunion-notices";
import type { ProgrammeJobOptions } from "../programme-jobs.server";
import { eachDue } from "./claim-due.server";
import { listCycleMembers, listFacilitators, meetingPath } from "./meeting-people.server";

export const REMIND_BEFORE_MS = 2 * 86_400_000;

/** No earlier meeting of the same cycle still to end (cancelled ones do not count). */
const previousHaveEnded = (now: Date) => sql`not exists (
  select 1 from cycle_meetings earlier join reunions earlier_r on earlier_r.id = earlier.reunion_id
  where earlier.cycle_id = ${cycleMeetings.cycleId} and earlier.number < ${cycleMeetings.number}
    and earlier_r.status <> 'cancelled' and (earlier_r.ends_at is null or earlier_r.ends_at > ${now.toISOString()}::timestamptz))`;

export function sendMeetingReminders(db: Database, { now }: ProgrammeJobOptions) {
  return eachDue(db, async (tx) => {
    const [due] = await tx
      .select({ meeting: reunions, number: cycleMeetings.number, groupName: groups.name, moduleTitle: modules.title })
      .from(cycleMeetings)
      .innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId))
      .innerJoin(groups, eq(groups.id, reunions.groupId))
      .leftJoin(modules, eq(modules.id, reunions.moduleId))
      .where(
        and(
          isNull(cycleMeetings.reminderSentAt),
          eq(reunions.status, "scheduled"),
          gt(reunions.startsAt, now),
          lte(reunions.startsAt, new Date(now.getTime() + REMIND_BEFORE_MS)),
          previousHaveEnded(now),
        ),
      )
      .orderBy(asc(reunions.startsAt), asc(reunions.id))
      .limit(1)
      .for("update", { of: cycleMeetings, skipLocked: true });
    if (!due) return false;
    const { meeting } = due;
    const people = [...(await listCycleMembers(tx, meeting.groupId!)), ...(await listFacilitators(tx, meeting.groupId!))];
    const languages = await readerLanguages(tx, people.map((p) => p.id));
    for (const person of people) {
      const language = languages.get(person.id) ?? "en";
      const place = { when: whenText(meeting, person.timeZone, language), where: whereText(meeting, language) };
      await notify(tx, [person.id], {
        kind: "programme",
        title: message("notifications:texts.meetingComingUp", { meeting: due.number, group: due.groupName }),
        body: due.moduleTitle
          ? message("notifications:texts.meetingComingUpBody", { ...place, module: due.moduleTitle })
          : message("notifications:texts.meetingComingUpNoModule", place),
        link: meetingPath(meeting.id),
      });
    }
    await tx.update(cycleMeetings).set({ reminderSentAt: now }).where(eq(cycleMeetings.reunionId, meeting.id));
    return true;
  });
}
