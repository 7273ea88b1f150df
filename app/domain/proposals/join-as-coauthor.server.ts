// Open co-creation: on an accepted proposal whose draft is open, any
// contributor who may see the draft joins as co-author in one click.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { moduleAuthors, modules } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canJoinAsCoauthor, type Actor } from "../policy";
import { findVisibleProposal } from "./visible-proposals.server";
import { authorRoleOf } from "../modules/module-draft.server";

/** The draft module grown from a proposal, with this person's part in it. */
export async function moduleOfProposal(db: Database, actor: Actor, moduleId: string | null) {
  if (!moduleId) return null;
  const [module] = await db
    .select({
      id: modules.id,
      slug: modules.slug,
      title: modules.title,
      status: modules.status,
      visibility: modules.visibility,
      ownerOrgId: modules.ownerOrgId,
      coCreationMode: modules.coCreationMode,
      authorRole: authorRoleOf(actor.id),
    })
    .from(modules)
    .where(eq(modules.id, moduleId));
  return module ?? null;
}

/** Adds this person as co-author and returns the draft's slug (also when they already write it). */
export async function joinAsCoauthor(db: Database, actor: Actor, proposalId: string): Promise<string> {
  const proposal = await findVisibleProposal(db, actor, proposalId);
  const module = await moduleOfProposal(db, actor, proposal.moduleId);
  if (!module) throw new InputError({ form: "proposals:page.errors.noModule" });
  if (module.authorRole) return module.slug;
  if (!canJoinAsCoauthor(actor, module)) {
    throw new ForbiddenError(
      module.coCreationMode === "open" ? "proposals:page.errors.joinOpen" : "proposals:page.errors.joinCurated",
    );
  }
  await db.transaction(async (tx) => {
    const added = await tx.insert(moduleAuthors).values({ moduleId: module.id, userId: actor.id, role: "coauthor" }).onConflictDoNothing().returning({ userId: moduleAuthors.userId });
    if (added.length === 0) return;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "module.coauthor_joined",
      targetType: "module",
      targetId: module.id,
      targetLabel: module.title,
      ownerOrgId: module.visibility === "public" ? null : module.ownerOrgId,
      details: { proposalId: proposal.id },
    });
  });
  return module.slug;
}
