// Who writes a draft and how: the lead invites co-authors (curated mode) or
// contributors join themselves (open mode); the lead removes people, picks
// the mode, and, as a thought leader, may require their own approval for
// changes. Also the draft's review status for the editor page.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { moduleAuthors, moduleSubmissions, modules, userRoles, users, type Role } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { InputError } from "../input-error";
import { notify } from "../notifications/notify.server";
import { canBeCoauthor, canLeadDraft, draftAccess, hasRole, type Actor } from "../policy";
import { moderationScope, moduleWithRole } from "../review/review-scope.server";
import { message } from "../i18n/message";

async function loadDraft(db: Database, actor: Actor, moduleId: string) {
  const [module] = await db.select(moduleWithRole(actor.id)).from(modules).where(eq(modules.id, moduleId));
  if (!module || draftAccess(actor, module) === "none") throw new NotFoundError("modules:draft.errors.notFound");
  return module;
}

async function loadLed(db: Database, actor: Actor, moduleId: string) {
  const module = await loadDraft(db, actor, moduleId);
  if (!canLeadDraft(actor, module)) throw new ForbiddenError("modules:draft.errors.onlyLead");
  return module;
}

export async function loadDraftTeam(db: Database, actor: Actor, moduleId: string) {
  const module = await loadDraft(db, actor, moduleId);
  const [authors, [latest]] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, role: moduleAuthors.role })
      .from(moduleAuthors)
      .innerJoin(users, eq(users.id, moduleAuthors.userId))
      .where(eq(moduleAuthors.moduleId, moduleId))
      .orderBy(asc(moduleAuthors.role), asc(users.name)),
    db
      .select({
        id: moduleSubmissions.id,
        round: moduleSubmissions.round,
        state: moduleSubmissions.state,
        reason: moduleSubmissions.decisionReason,
        submittedAt: moduleSubmissions.submittedAt,
        decidedAt: moduleSubmissions.decidedAt,
        decidedBy: sql<string | null>`(select name from users where id = ${moduleSubmissions.decidedBy})`,
      })
      .from(moduleSubmissions)
      .where(eq(moduleSubmissions.moduleId, moduleId))
      .orderBy(desc(moduleSubmissions.round))
      .limit(1),
  ]);
  const lead = canLeadDraft(actor, module);
  return {
    authors,
    coCreationMode: module.coCreationMode,
    requiredApprover: authors.find((a) => a.id === module.requiredApproverId)?.name ?? null,
    requiresMyApproval: module.requiredApproverId === actor.id,
    latestSubmission: latest ?? null,
    isLead: lead,
    isAuthor: module.authorRole !== null,
    canRequireApproval: lead && hasRole(actor, "thought_leader"),
  };
}

export async function inviteCoauthor(db: Database, actor: Actor, moduleId: string, emailInput: string, now = new Date()) {
  const module = await loadLed(db, actor, moduleId);
  const email = emailInput.trim().toLowerCase();
  const [person] = await db
    .select({ id: users.id, name: users.name, orgId: users.orgId, roles: sql<Role[]>`coalesce((select array_agg(ur.role::text) from ${userRoles} ur where ur.user_id = ${users.id}), '{}')` })
    .from(users)
    .where(eq(users.email, email));
  if (!person || !canBeCoauthor(person, module)) throw new InputError({ email: "modules:draft.errors.noCoauthor" });
  await db.transaction(async (tx) => {
    const added = await tx.insert(moduleAuthors).values({ moduleId, userId: person.id, role: "coauthor", addedAt: now }).onConflictDoNothing().returning({ userId: moduleAuthors.userId });
    if (!added.length) throw new InputError({ email: `${person.name} already writes this module.` });
    await recordAudit(tx, { actorId: actor.id, action: "module.coauthor_added", targetType: "module", targetId: moduleId, targetLabel: module.title, ownerOrgId: moderationScope(module), details: { userId: person.id, name: person.name }, at: now });
    await notify(tx, [person.id], { kind: "coauthor_invite", title: message("notifications:texts.coauthorAdded", { module: module.title }), body: "notifications:texts.coauthorAddedBody", link: `/modules/${module.slug}/edit` }, { actorId: actor.id });
  });
  return person;
}

/** The lead removes a co-author; a co-author may also leave by removing themselves. Their open editor loses access within seconds. */
export async function removeCoauthor(db: Database, actor: Actor, moduleId: string, userId: string, now = new Date()) {
  const module = await loadDraft(db, actor, moduleId);
  const leaving = userId === actor.id;
  if (!leaving && !canLeadDraft(actor, module)) throw new ForbiddenError("modules:draft.errors.onlyLeadRemoves");
  await db.transaction(async (tx) => {
    const [author] = await tx.select({ role: moduleAuthors.role, name: users.name }).from(moduleAuthors).innerJoin(users, eq(users.id, moduleAuthors.userId)).where(and(eq(moduleAuthors.moduleId, moduleId), eq(moduleAuthors.userId, userId)));
    if (!author) throw new InputError({ form: "modules:draft.errors.notAuthor" }, 409);
    if (author.role === "lead") throw new InputError({ form: "modules:draft.errors.leadStays" });
    await tx.delete(moduleAuthors).where(and(eq(moduleAuthors.moduleId, moduleId), eq(moduleAuthors.userId, userId)));
    await recordAudit(tx, { actorId: actor.id, action: leaving ? "module.coauthor_left" : "module.coauthor_removed", targetType: "module", targetId: moduleId, targetLabel: module.title, ownerOrgId: moderationScope(module), details: { userId, name: author.name }, at: now });
  });
}

export async function updateDraftSettings(db: Database, actor: Actor, moduleId: string, settings: { coCreationMode: "curated" | "open"; requireMyApproval: boolean }, now = new Date()) {
  const module = await loadLed(db, actor, moduleId);
  if (settings.requireMyApproval && !hasRole(actor, "thought_leader")) throw new ForbiddenError("modules:draft.errors.approver");
  const requiredApproverId = settings.requireMyApproval ? actor.id : module.requiredApproverId === actor.id ? null : module.requiredApproverId;
  await db.transaction(async (tx) => {
    await tx.update(modules).set({ coCreationMode: settings.coCreationMode, requiredApproverId, updatedAt: now }).where(eq(modules.id, moduleId));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "module.settings_changed",
      targetType: "module",
      targetId: moduleId,
      targetLabel: module.title,
      ownerOrgId: moderationScope(module),
      details: { coCreationMode: settings.coCreationMode, requiredApprover: requiredApproverId },
      at: now,
    });
  });
}
