// Who reviews what: the module a submission belongs to, loaded with the
// caller's part in it, and the moderators a new item should reach.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { moderatorMindsets, moduleAuthors, modules, userRoles, users, type Mindset } from "../../../db/schema";
import { authorRoleOf } from "../modules/module-draft.server";

/** A module's scope for moderation: null when public, else its organisation. */
export const moderationScope = (module: { visibility: string; ownerOrgId: string | null }) => (module.visibility === "public" ? null : module.ownerOrgId);

export const moduleWithRole = (actorId: string) => ({
  id: modules.id,
  slug: modules.slug,
  title: modules.title,
  mindset: modules.mindset,
  status: modules.status,
  visibility: modules.visibility,
  ownerOrgId: modules.ownerOrgId,
  coCreationMode: modules.coCreationMode,
  requiredApproverId: modules.requiredApproverId,
  publishedRevisionId: modules.publishedRevisionId,
  authorRole: authorRoleOf(actorId),
});

/** Moderators who should hear of a new item: in its scope, and with its mindset among theirs (or no mindsets chosen). */
export async function moderatorsFor(db: Database, item: { ownerOrgId: string | null; mindset: Mindset | null }): Promise<{ id: string; email: string; name: string }[]> {
  const mindsetOk = item.mindset
    ? sql`(not exists (select 1 from ${moderatorMindsets} mm where mm.user_id = ${users.id}) or exists (select 1 from ${moderatorMindsets} mm where mm.user_id = ${users.id} and mm.mindset = ${item.mindset}))`
    : sql`true`;
  return db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "moderator")))
    .where(and(item.ownerOrgId ? eq(users.orgId, item.ownerOrgId) : sql`true`, mindsetOk));
}

/** Everyone who writes the module, lead and co-authors. */
export async function authorsOf(db: Database, moduleId: string): Promise<string[]> {
  const rows = await db.select({ userId: moduleAuthors.userId }).from(moduleAuthors).where(eq(moduleAuthors.moduleId, moduleId));
  return rows.map((r) => r.userId);
}
