// Who is in a group: ids for notices and votes, and the members with their
// roles and organisations for the members page.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupMembers, organisations, users } from "../../../../db/schema";
import type { GroupRole } from "../../policy";

/** The members' ids; only the conveners' with `conveners`. */
export async function memberIds(db: Database, groupId: string, { conveners = false } = {}) {
  const rows = await db
    .select({ id: groupMembers.userId })
    .from(groupMembers)
    .where(conveners ? and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, "convener")) : eq(groupMembers.groupId, groupId));
  return rows.map((r) => r.id);
}

const ROLE_ORDER = sql`case ${groupMembers.role} when 'facilitator' then 0 when 'convener' then 0 when 'mentor' then 1 else 2 end`;

/** A programme group's facilitator or a peer group's conveners first, then mentors, then members, each by name. */
export async function listMembers(db: Database, groupId: string) {
  const rows = await db
    .select({ id: users.id, name: users.name, role: groupMembers.role, orgName: organisations.name, joinedAt: groupMembers.joinedAt })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(ROLE_ORDER, asc(users.name));
  return rows.map((r) => ({ ...r, role: r.role as GroupRole }));
}
