// Conveners make a member a mentor (or a member again), and hand on their
// own convener role: the new convener must be a member, and the one passing
// it on becomes a member. A group may still have several conveners (its
// founders); each hands on their own role.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupMembers } from "../../../../db/schema";
import type { AuditAction } from "../../audit/audit-actions";
import { recordAudit } from "../../audit/record-audit.server";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import { canConveneGroup, type Actor } from "../../policy";
import { findGroupSpace, type VisibleGroup } from "../load-group.server";
import { lockMembership } from "./lock-membership.server";
import { message } from "../../i18n/message";

async function convenedGroup(db: Database, actor: Actor, groupId: string, userId: string) {
  const group = await findGroupSpace(db, actor, groupId);
  if (!canConveneGroup(actor, group.access)) throw new ForbiddenError("groups:members.errors.onlyConvenersRoles");
  if (userId === actor.id) throw new InputError({ userId: "groups:members.errors.anotherMember" });
  return group;
}

const setRole = (tx: Database, groupId: string, userId: string, role: "convener" | "member" | "mentor") =>
  tx.update(groupMembers).set({ role }).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)));

const audit = (tx: Database, actor: Actor, group: VisibleGroup, action: AuditAction, details: Record<string, unknown>, now: Date) =>
  recordAudit(tx, { actorId: actor.id, action, targetType: "group", targetId: group.id, targetLabel: group.name, ownerOrgId: group.orgId, details, at: now });

export async function changeMemberRole(db: Database, actor: Actor, groupId: string, userId: string, role: "member" | "mentor", now = new Date()) {
  const group = await convenedGroup(db, actor, groupId, userId);
  await db.transaction(async (tx) => {
    const member = await lockMembership(tx, group.id, userId);
    if (member.role === "convener") throw new InputError({ userId: `${member.name} is a convener; a convener's role changes only when they pass it on.` }, 409);
    if (member.role === role) return;
    await setRole(tx, group.id, userId, role);
    await audit(tx, actor, group, "group.role_changed", { userId, name: member.name, from: member.role, to: role }, now);
    await notify(tx, [userId], { kind: "group", title: message(role === "mentor" ? "notifications:texts.nowMentor" : "notifications:texts.nowMember", { group: group.name }), link: `/groups/${group.id}/members` }, { actorId: actor.id });
  });
}

export async function passOnConvenerRole(db: Database, actor: Actor, groupId: string, userId: string, now = new Date()) {
  const group = await convenedGroup(db, actor, groupId, userId);
  await db.transaction(async (tx) => {
    const member = await lockMembership(tx, group.id, userId);
    if (member.role === "convener") throw new InputError({ userId: `${member.name} is already a convener.` }, 409);
    // Re-read under the lock: the actor may have passed the role on in another tab.
    const me = await lockMembership(tx, group.id, actor.id);
    if (me.role !== "convener") throw new InputError({ userId: "groups:members.errors.noLongerConvener" }, 409);
    await setRole(tx, group.id, userId, "convener");
    await setRole(tx, group.id, actor.id, "member");
    await audit(tx, actor, group, "group.convener_passed_on", { userId, name: member.name, from: member.role }, now);
    await notify(tx, [userId], { kind: "group", title: message("notifications:texts.nowConvener", { group: group.name }), body: "notifications:texts.nowConvenerBody", link: `/groups/${group.id}/members` }, { actorId: actor.id });
  });
}
