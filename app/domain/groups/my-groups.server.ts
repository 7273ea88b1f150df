// The groups a person belongs to, with their members' names, for the
// reading rota and for sharing take-aways.
import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { groupMembers, groups, users } from "../../../db/schema";

export async function listMyGroups(db: Database, userId: string) {
  const mine = await db
    .select({ id: groups.id, name: groups.name, kind: groups.kind })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(groupMembers.userId, userId))
    .orderBy(asc(groups.name));
  if (mine.length === 0) return [];
  const members = await db
    .select({ groupId: groupMembers.groupId, name: users.name })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(inArray(groupMembers.groupId, mine.map((g) => g.id)))
    .orderBy(asc(users.name));
  return mine.map((g) => ({ ...g, members: members.filter((m) => m.groupId === g.id).map((m) => m.name) }));
}

export async function isGroupMember(db: Database, userId: string, groupId: string) {
  const rows = await db.select({ userId: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, groupId));
  return rows.some((r) => r.userId === userId);
}
