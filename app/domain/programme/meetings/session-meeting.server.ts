// Session mode opened from a cycle meeting (?meeting=): the meeting it runs
// for, whether the viewer runs it (then "who is here" is the group's members
// and ticking records attendance), and its members as recorded so far.
import type { Database } from "../../../../db/database";
import { canRunCycleMeeting, type Actor } from "../../policy";
import { findCycleMeeting } from "../load-programme-group.server";
import { attendanceOf } from "./attendance.server";
import { listCycleMembers } from "./meeting-people.server";

export async function loadSessionMeeting(db: Database, actor: Actor, reunionId: string) {
  const found = await findCycleMeeting(db, actor, reunionId);
  const runs = canRunCycleMeeting(actor, found.group.access, found.cycleMeeting) && found.meeting.status !== "cancelled";
  const [members, recorded] = await Promise.all([listCycleMembers(db, found.group.id), attendanceOf(db, found.meeting.id)]);
  return {
    id: found.meeting.id,
    number: found.cycleMeeting.number,
    groupId: found.group.id,
    groupName: found.group.name,
    runs,
    // Each member's attendance only for those who record it.
    members: members.map((m) => ({ id: m.id, name: m.name, status: runs ? (recorded.get(m.id) ?? null) : null })),
  };
}

export type SessionMeeting = Awaited<ReturnType<typeof loadSessionMeeting>>;
