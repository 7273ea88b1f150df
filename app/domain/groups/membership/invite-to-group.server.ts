// A member invites someone by email or from the suggestions; the invitee
// answers on the group's page. Across organisations an address we may not
// reach gets one answer whether or not it exists, so invitations cannot be
// used to find out who has an account elsewhere.
import { and, count, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupJoinRequests, groupMembers, organisations } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import { canBeInvitedToGroup, canConveneGroup, canInviteToGroup, isAlumnus, isWithinGroupReach, type Actor } from "../../policy";
import { findGroupSpace } from "../load-group.server";
import { PROGRAMME_GROUP } from "./membership-fields";
import { accessOf, findPerson } from "./group-reach.server";
import { lockPendingRequest } from "./record-join-decision.server";
import { message } from "../../i18n/message";

/** For an address nobody we may reach has: the same answer whether or not it exists elsewhere. */
async function nobodyToInvite(db: Database, group: { orgId: string; orgName: string; crossOrg: boolean }) {
  const [org] = await db.select({ allows: organisations.crossOrgConnections }).from(organisations).where(eq(organisations.id, group.orgId));
  if (!group.crossOrg) return message("groups:members.errors.nobodyHereClosed", { organisation: group.orgName });
  if (!org?.allows) return message("groups:members.errors.nobodyHereNotAllowed", { organisation: group.orgName });
  return "groups:members.errors.nobodyAnywhere";
}

export async function inviteToGroup(db: Database, actor: Actor & { name: string }, groupId: string, who: { email: string } | { id: string }, now = new Date()) {
  const group = await findGroupSpace(db, actor, groupId);
  const field = "email" in who ? "email" : "userId";
  const refuse = (text: string, status: 400 | 409 = 400) => new InputError({ [field]: text }, status);
  if (group.kind !== "peer") throw new ForbiddenError(PROGRAMME_GROUP);
  if (!canInviteToGroup(actor, group.access)) throw refuse("groups:members.errors.notActive", 409);
  const person = await findPerson(db, who);
  if (person?.id === actor.id) throw refuse("groups:members.errors.selfInvite", 409);
  const access = person ? await accessOf(db, person, group) : null;
  if (!person || !access || !canBeInvitedToGroup(person, access)) {
    // People are named only where the inviter could know of them anyway: fellow members, and colleagues.
    if (person && access?.role) throw refuse(message("groups:members.errors.alreadyMember", { name: person.name }), 409);
    if (person && access?.banned && isWithinGroupReach(person, access)) throw refuse(message("groups:members.errors.banned", { name: person.name }));
    if (person && person.orgId === actor.orgId && !isAlumnus(person)) throw refuse(message("groups:members.errors.notAlumnus", { name: person.name }));
    throw refuse(await nobodyToInvite(db, group));
  }
  const [pending] = await db
    .select({ kind: groupJoinRequests.kind })
    .from(groupJoinRequests)
    .where(and(eq(groupJoinRequests.groupId, group.id), eq(groupJoinRequests.userId, person.id), eq(groupJoinRequests.status, "pending")));
  const waiting = (kind: string) =>
    refuse(message(kind === "invite" ? "groups:members.errors.alreadyInvited" : "groups:members.errors.alreadyAsked", { name: person.name }), 409);
  if (pending) throw waiting(pending.kind);
  const [{ members } = { members: 0 }] = await db.select({ members: count() }).from(groupMembers).where(eq(groupMembers.groupId, group.id));
  if (group.sizeCap !== null && members >= group.sizeCap) throw refuse(message("groups:page.full", { count: members, cap: group.sizeCap }), 409);

  await db.transaction(async (tx) => {
    const [invitation] = await tx
      .insert(groupJoinRequests)
      .values({ groupId: group.id, userId: person.id, kind: "invite", invitedBy: actor.id, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: groupJoinRequests.id });
    if (!invitation) throw waiting("invite");
    await recordAudit(tx, { actorId: actor.id, action: "group.invited", targetType: "group", targetId: group.id, targetLabel: group.name, ownerOrgId: group.orgId, details: { requestId: invitation.id, userId: person.id, name: person.name }, at: now });
    await notify(tx, [person.id], { kind: "group", title: message("notifications:texts.groupInvite", { name: actor.name, group: group.name }), body: group.field ? message("notifications:texts.groupInviteField", { field: group.field }) : "", link: `/groups/${group.id}` }, { actorId: actor.id });
  });
  return person;
}

/** The inviter or a convener takes back an invitation that has not been answered. */
export async function cancelInvitation(db: Database, actor: Actor, groupId: string, requestId: string, now = new Date()) {
  const group = await findGroupSpace(db, actor, groupId);
  await db.transaction(async (tx) => {
    const invitation = await lockPendingRequest(tx, group.id, requestId, "invite");
    if (invitation.invitedBy !== actor.id && !canConveneGroup(actor, group.access)) throw new ForbiddenError("groups:members.errors.cancelInvitation");
    await tx.update(groupJoinRequests).set({ status: "withdrawn", decidedBy: actor.id, decidedAt: now }).where(eq(groupJoinRequests.id, invitation.id));
    await recordAudit(tx, { actorId: actor.id, action: "group.invitation_cancelled", targetType: "group", targetId: group.id, targetLabel: group.name, ownerOrgId: group.orgId, details: { requestId: invitation.id, userId: invitation.userId }, at: now });
  });
}

