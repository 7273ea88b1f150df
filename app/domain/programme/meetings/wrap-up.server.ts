// After a cycle meeting, its facilitator or host wraps it up: "how did it
// go?", confirming the attendance, and a short recap sent to the group with
// each member's own take-aways of that meeting.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cycleMeetings, takeaways } from "../../../../db/schema";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import { canRunCycleMeeting, type Actor } from "../../policy";
import { findCycleMeeting } from "../load-programme-group.server";
import { attendanceOf } from "./attendance.server";
import { listCycleMembers, meetingPath } from "./meeting-people.server";
import { message } from "../../i18n/message";
import { nestedMessage } from "../../i18n/nested-message";

async function findForWrapUp(db: Database, actor: Actor, reunionId: string, now: Date, field: string) {
  const found = await findCycleMeeting(db, actor, reunionId);
  if (!canRunCycleMeeting(actor, found.group.access, found.cycleMeeting)) throw new ForbiddenError("programme:meeting.errors.onlyRunnersWrapUp");
  if (found.meeting.status === "cancelled") throw new InputError({ [field]: "programme:meeting.errors.cancelled" }, 409);
  if (!found.meeting.endsAt || found.meeting.endsAt > now) throw new InputError({ [field]: "programme:meeting.errors.wrapUpNotYet" });
  return found;
}

export async function rateMeeting(db: Database, actor: Actor, reunionId: string, hostRating: number, now = new Date()) {
  const found = await findForWrapUp(db, actor, reunionId, now, "hostRating");
  await db.update(cycleMeetings).set({ hostRating }).where(eq(cycleMeetings.reunionId, found.meeting.id));
}

/** Confirms the attendance as recorded; every member must have a record first. */
export async function confirmAttendance(db: Database, actor: Actor, reunionId: string, now = new Date()) {
  const found = await findForWrapUp(db, actor, reunionId, now, "form");
  const [members, recorded] = await Promise.all([listCycleMembers(db, found.group.id), attendanceOf(db, found.meeting.id)]);
  const missing = members.filter((m) => !recorded.has(m.id));
  if (missing.length) throw new InputError({ form: nestedMessage("programme:meeting.errors.recordEveryone", { names: missing.map((m) => m.name), count: missing.length }) });
  await db.update(cycleMeetings).set({ attendanceConfirmedAt: now }).where(eq(cycleMeetings.reunionId, found.meeting.id));
}

/** Sends the recap once: each member gets it with their own take-aways of the meeting. */
export async function sendRecap(db: Database, actor: Actor, reunionId: string, recap: string, now = new Date()) {
  const found = await findForWrapUp(db, actor, reunionId, now, "recap");
  const { meeting, cycleMeeting, group } = found;
  await db.transaction(async (tx) => {
    // Conditional: of two sends at once, one finds it already sent.
    const [sent] = await tx
      .update(cycleMeetings)
      .set({ recap, recapSentAt: now })
      .where(and(eq(cycleMeetings.reunionId, meeting.id), isNull(cycleMeetings.recapSentAt)))
      .returning({ id: cycleMeetings.reunionId });
    if (!sent) throw new InputError({ recap: "programme:meeting.errors.recapAlreadySent" }, 409);
    const [members, notes] = await Promise.all([
      listCycleMembers(tx, group.id),
      tx.select({ userId: takeaways.userId, text: takeaways.text }).from(takeaways).where(eq(takeaways.meetingId, meeting.id)).orderBy(asc(takeaways.createdAt)),
    ]);
    for (const member of members) {
      // The take-aways are the member's own lines, one per line as they wrote them; the words around them are the catalogue's.
      const mine = notes.filter((n) => n.userId === member.id).map((n) => `– ${n.text}`);
      const body = mine.length ? message("notifications:texts.recapBody", { recap, takeaways: mine.join("\n") }) : message("notifications:texts.recapBodyNone", { recap });
      await notify(tx, [member.id], { kind: "programme", title: message("notifications:texts.recap", { meeting: cycleMeeting.number, group: group.name }), body, link: meetingPath(meeting.id) }, { actorId: actor.id });
    }
  });
}
