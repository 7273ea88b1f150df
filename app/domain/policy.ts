// Who may do what. Pure functions over the signed-in user and the resource,
// used by loaders, actions, the collaboration server and the authorization
// matrix test alike, so they cannot disagree.
import type { Role } from "../../db/roles";

export type Actor = { id: string; orgId: string; roles: readonly Role[] };

export const hasRole = (actor: Actor, role: Role) => actor.roles.includes(role);

export const isPlatformAdmin = (actor: Actor) => hasRole(actor, "platform_admin");

/** Organisation admins run their own organisation; platform admins run all. */
export const canAdministerOrg = (actor: Actor, orgId: string) =>
  isPlatformAdmin(actor) || (hasRole(actor, "org_admin") && actor.orgId === orgId);

/** Which roles an actor may grant or remove. Only platform admins make platform admins. */
export const canAssignRole = (actor: Actor, orgId: string, role: Role) =>
  canAdministerOrg(actor, orgId) && (role !== "platform_admin" || isPlatformAdmin(actor));

/** People are visible only inside their organisation (platform admins see all). */
export const canSeePerson = (actor: Actor, person: { orgId: string }) =>
  isPlatformAdmin(actor) || actor.orgId === person.orgId;

export const canReadOutbox = isPlatformAdmin;
export const canAdministerPlatform = isPlatformAdmin;

type ModuleAccess = { status: string; visibility: string; ownerOrgId: string | null };

/** A module reaches readers once published: public ones everywhere, private ones only in their organisation. */
export const canReadModule = (actor: Actor, module: ModuleAccess) =>
  module.status === "published" && (module.visibility === "public" || module.ownerOrgId === actor.orgId || isPlatformAdmin(actor));

/** Whether the organisation's programme limits what this person sees (admins curate, so they see everything). */
export const isLimitedToProgramme = (actor: Actor, programmeMode: string) =>
  programmeMode === "programme_only" && !canAdministerOrg(actor, actor.orgId);

export type DraftAccess = "edit" | "view" | "none";
type DraftModule = ModuleAccess & { authorRole: "lead" | "coauthor" | null };

/**
 * A module's working draft (the collaborative document): its co-authors
 * edit it while it is not archived; moderators, platform admins and the
 * owning organisation's admins may watch it read-only; anyone else gets
 * nothing, which the portal and the collaboration server answer with 404.
 */
export function draftAccess(actor: Actor, module: DraftModule): DraftAccess {
  const inScope = module.visibility === "public" || module.ownerOrgId === actor.orgId || isPlatformAdmin(actor);
  if (module.authorRole && inScope && module.status !== "archived") return "edit";
  if (isPlatformAdmin(actor)) return "view";
  if (inScope && (hasRole(actor, "moderator") || module.authorRole)) return "view";
  if (module.ownerOrgId && canAdministerOrg(actor, module.ownerOrgId)) return "view";
  return "none";
}
