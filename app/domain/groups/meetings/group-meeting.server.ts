// Loading one meeting of a peer group the way every meeting use-case starts:
// the group space first (members only), then the meeting scoped to that
// group, so a meeting of another group is a 404 here.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import type { Role } from "../../../../db/roles";
import { groupMembers, reunions, users } from "../../../../db/schema";
import { NotFoundError } from "../../http-errors";
import type { Actor } from "../../policy";
import { isUuid } from "../../uuid";
import { findGroupSpace } from "../load-group.server";

export const notFoundMeeting = () => new NotFoundError("groups:meeting.errors.notFound");

export async function findGroupMeeting(db: Database, actor: Actor, groupId: string, meetingId: string) {
  const group = await findGroupSpace(db, actor, groupId);
  if (!isUuid(meetingId)) throw notFoundMeeting();
  const [meeting] = await db
    .select()
    .from(reunions)
    .where(and(eq(reunions.id, meetingId), eq(reunions.groupId, group.id)));
  if (!meeting) throw notFoundMeeting();
  return { group, meeting };
}

export type MeetingMember = Actor & { name: string; role: string };

/** The group's members, with what policy needs to know of each (their organisation and roles). */
export async function listMeetingMembers(db: Database, groupId: string): Promise<MeetingMember[]> {
  return db
    .select({
      id: users.id,
      name: users.name,
      orgId: users.orgId,
      role: groupMembers.role,
      roles: sql<Role[]>`array(select ur.role::text from user_roles ur where ur.user_id = ${users.id} order by 1)`,
    })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(users.name));
}
