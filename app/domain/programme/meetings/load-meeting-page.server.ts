// Everything the page of one cycle meeting shows, shaped for the viewer:
// members vote and check in; the facilitator or host confirms, records and
// wraps up; the facilitator hands over. Figures come floored.
import { eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { modules, users } from "../../../../db/schema";
import { canCheckInToCycleMeeting, canRunCycleMeeting, isCycleMember, isGroupFacilitator, type Actor } from "../../policy";
import { findCycleMeeting } from "../load-programme-group.server";
import { attendanceOf } from "./attendance.server";
import { evaluationStatus } from "./evaluate-meeting.server";
import { stepBackFor } from "./handover.server";
import { CHECK_IN_OPENS_MINUTES } from "./meeting-fields";
import { oneMeetingFigures } from "./meeting-figures.server";
import { checkInWindow, listCycleMembers, listFacilitators } from "./meeting-people.server";
import { moduleCandidates, myModuleVote } from "./module-vote.server";

export async function loadCycleMeetingPage(db: Database, actor: Actor, reunionId: string, now = new Date()) {
  const found = await findCycleMeeting(db, actor, reunionId);
  const { meeting, cycleMeeting, cycle, group } = found;
  const access = group.access;
  const member = isCycleMember(actor, access);
  const facilitator = isGroupFacilitator(actor, access);
  const runs = canRunCycleMeeting(actor, access, cycleMeeting);
  const [members, facilitators, candidates, myVote, attendance, figures, host, module] = await Promise.all([
    listCycleMembers(db, group.id),
    listFacilitators(db, group.id),
    moduleCandidates(db, found),
    member ? myModuleVote(db, meeting.id, actor.id) : Promise.resolve(null),
    attendanceOf(db, meeting.id),
    oneMeetingFigures(db, meeting.id),
    cycleMeeting.hostId ? db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, cycleMeeting.hostId)).then((r) => r[0] ?? null) : Promise.resolve(null),
    meeting.moduleId ? db.select({ id: modules.id, slug: modules.slug, title: modules.title }).from(modules).where(eq(modules.id, meeting.moduleId)).then((r) => r[0] ?? null) : Promise.resolve(null),
  ]);
  const cancelled = meeting.status === "cancelled";
  const started = Boolean(meeting.startsAt && meeting.startsAt <= now);
  const ended = Boolean(meeting.endsAt && meeting.endsAt <= now);
  const window = checkInWindow(meeting, CHECK_IN_OPENS_MINUTES);
  const checkInOpen = Boolean(window && !cancelled && now >= window.opens && now <= window.closes);
  // The module the meeting runs: confirmed here, or set when the cycle was planned.
  const confirmedModule = module;
  const evaluation = member && ended && !cancelled ? await evaluationStatus(db, actor, meeting.id, now) : null;
  const mayHandOver = facilitator && !cancelled && !ended;
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      status: meeting.status,
      startsAt: meeting.startsAt?.toISOString() ?? null,
      endsAt: meeting.endsAt?.toISOString() ?? null,
      location: meeting.location,
      onlineUrl: meeting.onlineUrl,
      number: cycleMeeting.number,
      of: cycle.meetingsPlanned,
      moduleId: meeting.moduleId,
      moduleConfirmedAt: cycleMeeting.moduleConfirmedAt?.toISOString() ?? null,
      hostRating: cycleMeeting.hostRating,
      recap: cycleMeeting.recap,
      recapSentAt: cycleMeeting.recapSentAt?.toISOString() ?? null,
      attendanceConfirmedAt: cycleMeeting.attendanceConfirmedAt?.toISOString() ?? null,
      cancelled,
      started,
      ended,
    },
    group: { id: group.id, name: group.name, cohortName: group.cohort.name, handoverFrom: group.cohort.handoverFromMeeting },
    cycle: { id: cycle.id, number: cycle.number },
    // Who ran the meeting: the host, shown as facilitator or member host.
    host: host ? { ...host, role: facilitators.some((f) => f.id === host.id) ? ("facilitator" as const) : ("member" as const) } : null,
    facilitators: facilitators.map((f) => ({ id: f.id, name: f.name })),
    // Who came is for those who run the meeting; members see only the floored share (and their own).
    members: members.map((m) => ({ id: m.id, name: m.name, status: runs ? (attendance.get(m.id) ?? null) : null })),
    candidates,
    confirmedModule,
    myVote,
    myAttendance: member ? (attendance.get(actor.id) ?? null) : null,
    figures: { attendance: figures.attendance, evaluation: figures.evaluation },
    may: {
      vote: member && !cancelled && !started && !cycleMeeting.moduleConfirmedAt,
      confirm: runs && !cancelled && !started,
      record: runs && !cancelled && Boolean(window && now >= window.opens),
      checkIn: canCheckInToCycleMeeting(actor, access) && checkInOpen,
      handOver: mayHandOver,
      wrapUp: runs && ended && !cancelled,
      runSession: runs && !cancelled,
    },
    checkInOpensAt: window?.opens.toISOString() ?? null,
    stepBack: mayHandOver ? await stepBackFor(db, found, now) : null,
    evaluation: evaluation ? { answered: evaluation.answered, refusal: evaluation.refusal } : null,
  };
}
