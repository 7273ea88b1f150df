// Personal take-aways from a meeting: private by default, shareable with a
// group the person belongs to.
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { groupMembers, modules, takeaways, users } from "../../../db/schema";
import { isGroupMember } from "../groups/my-groups.server";
import { InputError } from "../input-error";

import { MAX_TAKEAWAY_LENGTH } from "./takeaway-fields";

export { MAX_TAKEAWAY_LENGTH };

/** `meetingId`: the cycle meeting it was written at; the caller has checked the person belongs to its group. */
export async function recordTakeaway(
  db: Database,
  user: { id: string },
  moduleId: string,
  input: { text: string; shareWithGroupId: string | null; meetingId?: string | null },
) {
  if (input.shareWithGroupId && !(await isGroupMember(db, user.id, input.shareWithGroupId))) {
    throw new InputError({ shareWithGroupId: "modules:session.errors.notYourGroup" });
  }
  const [row] = await db
    .insert(takeaways)
    .values({ userId: user.id, moduleId, text: input.text, sharedWithGroupId: input.shareWithGroupId, meetingId: input.meetingId ?? null })
    .returning({ id: takeaways.id });
  return row!.id;
}

export async function listMyTakeaways(db: Database, userId: string, limit = 20) {
  return db
    .select({ id: takeaways.id, text: takeaways.text, createdAt: takeaways.createdAt, shared: isNotNull(takeaways.sharedWithGroupId), moduleTitle: modules.title, moduleSlug: modules.slug })
    .from(takeaways)
    .innerJoin(modules, eq(modules.id, takeaways.moduleId))
    .where(eq(takeaways.userId, userId))
    .orderBy(desc(takeaways.createdAt))
    .limit(limit);
}

/** Take-aways that members of the viewer's groups (or of one of them, `groupId`) shared for this module. */
export async function listSharedTakeaways(db: Database, viewerId: string, moduleId: string, groupId?: string) {
  return db
    .selectDistinct({ id: takeaways.id, text: takeaways.text, createdAt: takeaways.createdAt, author: users.name })
    .from(takeaways)
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, takeaways.sharedWithGroupId), eq(groupMembers.userId, viewerId)))
    .innerJoin(users, eq(users.id, takeaways.userId))
    .where(and(eq(takeaways.moduleId, moduleId), groupId ? eq(takeaways.sharedWithGroupId, groupId) : undefined))
    .orderBy(desc(takeaways.createdAt));
}
