// Who a cycle meeting concerns: the group's members (not the facilitator,
// who is not counted as a member) and its facilitator, and the link to it.
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupMembers, users } from "../../../../db/schema";

export const meetingPath = (reunionId: string) => `/programme/meetings/${reunionId}`;
export const evaluationPath = (reunionId: string) => `/programme/meetings/${reunionId}/evaluate`;

export type MeetingPerson = { id: string; name: string; timeZone: string };

function peopleWithRole(db: Database, groupId: string, role: "member" | "facilitator") {
  return db
    .select({ id: users.id, name: users.name, timeZone: users.timeZone })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, role)))
    .orderBy(asc(users.name), asc(users.id));
}

/** The group's members, by name. */
export const listCycleMembers = (db: Database, groupId: string): Promise<MeetingPerson[]> => peopleWithRole(db, groupId, "member");

/** The group's facilitator(s). */
export const listFacilitators = (db: Database, groupId: string): Promise<MeetingPerson[]> => peopleWithRole(db, groupId, "facilitator");

/** The window a member may check themselves in: from 15 minutes before the start until the end. */
export function checkInWindow(meeting: { startsAt: Date | null; endsAt: Date | null }, opensMinutes: number) {
  if (!meeting.startsAt || !meeting.endsAt) return null;
  return { opens: new Date(meeting.startsAt.getTime() - opensMinutes * 60_000), closes: meeting.endsAt };
}
