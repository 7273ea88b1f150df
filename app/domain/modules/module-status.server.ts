// The platform admin's lever on the catalogue: archive a module (readers
// lose it, its revisions stay) or bring an archived one back.
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { modules } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { moderationScope } from "../review/review-scope.server";
import { InputError } from "../input-error";
import { canAdministerPlatform, type Actor } from "../policy";

export async function listAllModules(db: Database, actor: Actor) {
  if (!canAdministerPlatform(actor)) throw new ForbiddenError();
  return db
    .select({
      id: modules.id,
      slug: modules.slug,
      title: modules.title,
      status: modules.status,
      visibility: modules.visibility,
      hasRevision: sql<boolean>`${modules.publishedRevisionId} is not null`,
    })
    .from(modules)
    .orderBy(asc(modules.title));
}

/** Allowed moves: published → archived, and archived → published when it has a revision. */
export async function setModuleArchived(db: Database, actor: Actor, moduleId: string, archived: boolean) {
  if (!canAdministerPlatform(actor)) throw new ForbiddenError();
  const [module] = await db
    .select({ status: modules.status, revision: modules.publishedRevisionId, title: modules.title, visibility: modules.visibility, ownerOrgId: modules.ownerOrgId })
    .from(modules)
    .where(eq(modules.id, moduleId));
  if (!module) throw new NotFoundError("modules:status.errors.notFound");
  if (archived) {
    if (module.status !== "published") throw new InputError({ form: "modules:status.errors.onlyPublishedArchived" });
    await db.transaction(async (tx) => {
      await tx.update(modules).set({ status: "archived", updatedAt: new Date() }).where(eq(modules.id, moduleId));
      await recordAudit(tx, { actorId: actor.id, action: "module.archived", targetType: "module", targetId: moduleId, targetLabel: module.title, ownerOrgId: moderationScope(module) });
    });
  } else {
    if (module.status !== "archived") throw new InputError({ form: "modules:status.errors.onlyArchivedRestored" });
    if (!module.revision) throw new InputError({ form: "modules:status.errors.neverPublished" });
    await db.transaction(async (tx) => {
      await tx.update(modules).set({ status: "published", updatedAt: new Date() }).where(eq(modules.id, moduleId));
      await recordAudit(tx, { actorId: actor.id, action: "module.unarchived", targetType: "module", targetId: moduleId, targetLabel: module.title, ownerOrgId: moderationScope(module) });
    });
  }
}
