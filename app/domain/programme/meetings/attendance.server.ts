// Attendance at a cycle meeting: the facilitator or the meeting's host
// records each member present, excused or absent; a member checks
// themselves in from 15 minutes before the start until the end. Session
// mode's "who is here" records through the same use-case.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { meetingAttendance } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { canCheckInToCycleMeeting, canRunCycleMeeting, type Actor } from "../../policy";
import { findCycleMeeting } from "../load-programme-group.server";
import { message } from "../../i18n/message";
import { momentValue, nestedMessage } from "../../i18n/nested-message";
import { CHECK_IN_OPENS_MINUTES, type AttendanceStatus } from "./meeting-fields";
import { checkInWindow, listCycleMembers } from "./meeting-people.server";

export type AttendanceEntry = { userId: string; status: AttendanceStatus };

/** Who has been recorded, by member id. */
export async function attendanceOf(db: Database, reunionId: string) {
  const rows = await db.select({ userId: meetingAttendance.userId, status: meetingAttendance.status }).from(meetingAttendance).where(eq(meetingAttendance.reunionId, reunionId));
  return new Map(rows.map((r) => [r.userId, r.status]));
}

async function write(db: Database, reunionId: string, entries: readonly AttendanceEntry[], recordedBy: string, now: Date) {
  if (!entries.length) return;
  await db
    .insert(meetingAttendance)
    .values(entries.map((e) => ({ reunionId, userId: e.userId, status: e.status, recordedBy, recordedAt: now })))
    .onConflictDoUpdate({
      target: [meetingAttendance.reunionId, meetingAttendance.userId],
      set: { status: sql`excluded.status`, recordedBy, recordedAt: now },
    });
}

/** The facilitator or host records attendance for members of the group; anyone else in the list is refused. */
export async function recordAttendance(db: Database, actor: Actor, reunionId: string, entries: readonly AttendanceEntry[], now = new Date()) {
  const found = await findCycleMeeting(db, actor, reunionId);
  if (!canRunCycleMeeting(actor, found.group.access, found.cycleMeeting)) throw new ForbiddenError("programme:meeting.errors.onlyRunnersRecord");
  const { meeting } = found;
  if (meeting.status === "cancelled") throw new InputError({ form: "programme:meeting.errors.cancelledNoAttendance" }, 409);
  const window = checkInWindow(meeting, CHECK_IN_OPENS_MINUTES);
  if (!window || now < window.opens) throw new InputError({ form: message("programme:meeting.errors.recordFrom", { minutes: CHECK_IN_OPENS_MINUTES }) });
  const members = new Set((await listCycleMembers(db, found.group.id)).map((m) => m.id));
  const strangers = entries.filter((e) => !members.has(e.userId));
  if (strangers.length) {
    throw new InputError({
      [`status.${strangers[0]!.userId}`]: "programme:meeting.errors.notAMember",
      form: "programme:meeting.errors.membersOnlyNothingSaved",
    });
  }
  await db.transaction(async (tx) => {
    await write(tx, meeting.id, entries, actor.id, now);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "cycle.attendance_recorded",
      targetType: "cycle",
      targetId: found.cycle.id,
      targetLabel: meeting.title,
      ownerOrgId: found.group.orgId,
      details: { reunionId: meeting.id, number: found.cycleMeeting.number, recorded: entries.length },
      at: now,
    });
  });
}

/** A member records themselves present, inside the check-in window only. */
export async function checkInToMeeting(db: Database, actor: Actor, reunionId: string, now = new Date()) {
  const found = await findCycleMeeting(db, actor, reunionId);
  if (!canCheckInToCycleMeeting(actor, found.group.access)) throw new ForbiddenError("programme:meeting.errors.onlyMembersCheckIn");
  const { meeting } = found;
  if (meeting.status === "cancelled") throw new InputError({ form: "programme:meeting.errors.cancelled" }, 409);
  const window = checkInWindow(meeting, CHECK_IN_OPENS_MINUTES);
  if (!window) throw new InputError({ form: "programme:meeting.errors.noDate" });
  if (now < window.opens) throw new InputError({ form: nestedMessage("programme:meeting.errors.checkInOpens", { minutes: CHECK_IN_OPENS_MINUTES, at: momentValue(window.opens, found.group.cohort.timeZone) }) });
  if (now > window.closes) throw new InputError({ form: "programme:meeting.errors.checkInClosed" });
  await write(db, meeting.id, [{ userId: actor.id, status: "present" }], actor.id, now);
}

/**
 * Session mode's "who is here": ticked members are present; the others
 * absent, except those already excused. The same rules as recordAttendance.
 */
export async function recordWhoIsHere(db: Database, actor: Actor, reunionId: string, presentIds: readonly string[], now = new Date()) {
  const found = await findCycleMeeting(db, actor, reunionId);
  const members = await listCycleMembers(db, found.group.id);
  const known = await attendanceOf(db, found.meeting.id);
  const present = new Set(presentIds);
  const entries: AttendanceEntry[] = [
    ...presentIds.map((userId) => ({ userId, status: "present" as const })),
    ...members.filter((m) => !present.has(m.id) && known.get(m.id) !== "excused").map((m) => ({ userId: m.id, status: "absent" as const })),
  ];
  await recordAttendance(db, actor, reunionId, entries, now);
  return members.filter((m) => present.has(m.id));
}

/** Whether these people were recorded present at the meeting. */
export async function presentAt(db: Database, reunionId: string, userIds: readonly string[]) {
  if (!userIds.length) return new Set<string>();
  const rows = await db
    .select({ userId: meetingAttendance.userId })
    .from(meetingAttendance)
    .where(and(eq(meetingAttendance.reunionId, reunionId), inArray(meetingAttendance.userId, [...userIds]), eq(meetingAttendance.status, "present")));
  return new Set(rows.map((r) => r.userId));
}
