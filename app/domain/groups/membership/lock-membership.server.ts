// Changes to who is in a group take the group's row lock first, like
// add-member, so a removal, a role change and an admission never interleave.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupMembers, groups, users } from "../../../../db/schema";
import { InputError } from "../../input-error";
import type { GroupRole } from "../../policy";

/** Locks the group; the person's membership (with their name), or a 409 when they are not (or no longer) a member. */
export async function lockMembership(tx: Database, groupId: string, userId: string) {
  await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, groupId)).for("update");
  const [member] = await tx
    .select({ userId: groupMembers.userId, role: groupMembers.role, name: users.name })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)));
  if (!member) throw new InputError({ userId: "groups:members.errors.notMember" }, 409);
  return { ...member, role: member.role as GroupRole };
}
