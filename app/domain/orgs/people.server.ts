// The people of an organisation, as its admins see them, and their roles.
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { departments, invitations, sites, userRoles, users, type Role } from "../../../db/schema";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { InputError } from "../input-error";
import { canAdministerOrg, canAssignRole, canSeePerson, type Actor } from "../policy";
import { recordAudit } from "../audit/record-audit.server";
import { notify } from "../notifications/notify.server";
import { formatList } from "../../components/format-time";
import type { Language } from "../i18n/languages";
import { readerLanguages } from "../i18n/reader-languages.server";
import { translatorFor } from "../i18n/translators";
import { nestedMessage } from "../i18n/nested-message";

const rolesOf = sql<Role[]>`array(select ur.role::text from user_roles ur where ur.user_id = ${users.id} order by 1)`;

export async function listPeople(db: Database, actor: Actor, orgId: string, now = new Date()) {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const [people, pending] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        jobTitle: users.jobTitle,
        department: departments.name,
        site: sites.name,
        roles: rolesOf,
      })
      .from(users)
      .leftJoin(departments, eq(departments.id, users.departmentId))
      .leftJoin(sites, eq(sites.id, users.siteId))
      // Deleted accounts stay only as "Former member" behind shared work, not as people.
      .where(and(eq(users.orgId, orgId), isNull(users.erasedAt)))
      .orderBy(asc(users.name)),
    db
      .select({ id: invitations.id, email: invitations.email, name: invitations.name, roles: invitations.roles, expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
      .orderBy(desc(invitations.createdAt)),
  ]);
  return { people, pending };
}

/** Loads one person scoped to what the actor may see: another organisation's person is a 404. */
export async function getPersonForAdmin(db: Database, actor: Actor, userId: string) {
  const [person] = await db
    .select({ id: users.id, name: users.name, email: users.email, jobTitle: users.jobTitle, orgId: users.orgId, roles: rolesOf })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.erasedAt)));
  if (!person || !canSeePerson(actor, person)) throw new NotFoundError("org:person.errors.notFound");
  if (!canAdministerOrg(actor, person.orgId)) throw new ForbiddenError();
  return person;
}

/** What a role change means for the person, in their language: the roles are named in it too, so the sentence is written here. */
function rolesChangedNotice(language: Language, added: Role[], removed: Role[]) {
  const t = translatorFor(language, "notifications");
  const list = (roles: Role[]) => formatList(roles.map((r) => t(`common:roles.${r}`)), language, "enumeration");
  const key = added.length && removed.length ? "texts.rolesAddedAndRemoved" : added.length ? "texts.rolesAdded" : "texts.rolesRemoved";
  return { kind: "roles" as const, title: "notifications:texts.rolesChanged", body: t(key, { added: list(added), removed: list(removed) }), link: "/" };
}

/**
 * Changes a person's roles, records it in the audit log and tells them, all
 * in one transaction. Alumni are earned by the programme (decision 024): an
 * admin granting or withdrawing the role by hand must say why, and the
 * reason goes into the audit log.
 */
export async function setPersonRoles(db: Database, actor: Actor, userId: string, roles: Role[], reason = "") {
  const person = await getPersonForAdmin(db, actor, userId);
  const current = new Set(person.roles);
  const notAllowed = roles.find((r) => !current.has(r) && !canAssignRole(actor, person.orgId, r));
  if (notAllowed) throw new ForbiddenError(nestedMessage("org:invite.errors.cannotGrant", { role: `common:roles.${notAllowed}` }));
  // Roles this actor cannot manage are not on their form; they stay as they are.
  const wanted = new Set([...roles, ...person.roles.filter((r) => !canAssignRole(actor, person.orgId, r))]);
  const changed = [...new Set([...current, ...wanted])].filter((r) => current.has(r) !== wanted.has(r));
  if (wanted.size === 0) throw new InputError({ roles: "org:person.errors.keepOneRole" });
  if (changed.includes("alumnus") && !reason.trim())
    throw new InputError({ reason: wanted.has("alumnus") ? "org:person.errors.reasonGrant" : "org:person.errors.reasonWithdraw" });

  return db.transaction(async (tx) => {
    if (current.has("org_admin") && !wanted.has("org_admin")) {
      // Lock the organisation's admin rows so two admins cannot demote each other at once.
      const admins = await tx
        .select({ userId: userRoles.userId })
        .from(userRoles)
        .innerJoin(users, eq(users.id, userRoles.userId))
        .where(and(eq(users.orgId, person.orgId), eq(userRoles.role, "org_admin")))
        .for("update");
      if (admins.length <= 1) throw new InputError({ roles: "org:person.errors.lastAdmin" });
    }
    const removed = changed.filter((r) => current.has(r));
    const added = changed.filter((r) => wanted.has(r));
    if (removed.length) await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), inArray(userRoles.role, removed)));
    if (added.length) await tx.insert(userRoles).values(added.map((role) => ({ userId, role }))).onConflictDoNothing();
    if (changed.length) {
      await recordAudit(tx, { actorId: actor.id, action: "person.roles_changed", targetType: "person", targetId: userId, targetLabel: person.name, ownerOrgId: person.orgId, reason: reason.trim() || null, details: { added, removed } });
      const language = (await readerLanguages(tx, [userId])).get(userId) ?? "en";
      await notify(tx, [userId], rolesChangedNotice(language, added, removed), { actorId: actor.id });
    }
    return { name: person.name, roles: [...wanted].sort(), added, removed };
  });
}
