// What the group's page shows the viewer: the group, how many are in it,
// and the one action that fits them (join, ask, answer an invitation,
// register interest, withdraw, or leave).
import { and, count, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../../db/database";
import { groupInterest, groupJoinRequests, groupMembers, users } from "../../../../db/schema";
import { canAskToJoinGroup, canConveneGroup, canExpressInterest, canJoinGroupDirectly, type Actor } from "../../policy";
import { findVisibleGroup } from "../load-group.server";

export async function loadGroupPage(db: Database, actor: Actor, groupId: string) {
  const group = await findVisibleGroup(db, actor, groupId);
  const inviter = alias(users, "inviter");
  const [[{ members } = { members: 0 }], pending, [interest]] = await Promise.all([
    db.select({ members: count() }).from(groupMembers).where(eq(groupMembers.groupId, group.id)),
    db
      .select({ kind: groupJoinRequests.kind, createdAt: groupJoinRequests.createdAt, message: groupJoinRequests.message, invitedBy: inviter.name })
      .from(groupJoinRequests)
      .leftJoin(inviter, eq(inviter.id, groupJoinRequests.invitedBy))
      .where(and(eq(groupJoinRequests.groupId, group.id), eq(groupJoinRequests.userId, actor.id), eq(groupJoinRequests.status, "pending"))),
    db.select({ userId: groupInterest.userId }).from(groupInterest).where(and(eq(groupInterest.groupId, group.id), eq(groupInterest.userId, actor.id))),
  ]);
  const request = pending.find((p) => p.kind === "request");
  const invitation = pending.find((p) => p.kind === "invite");
  const { access } = group;
  return {
    group: {
      id: group.id,
      name: group.name,
      kind: group.kind,
      field: group.field,
      charter: group.charter,
      orgName: group.orgName,
      joinPolicy: group.joinPolicy,
      joinDecision: group.joinDecision,
      crossOrg: group.crossOrg,
      sizeCap: group.sizeCap,
      status: group.status,
      members,
    },
    role: access.role,
    myRequest: request ? { askedAt: request.createdAt.toISOString(), message: request.message } : null,
    myInvitation: invitation ? { invitedAt: invitation.createdAt.toISOString(), invitedBy: invitation.invitedBy } : null,
    interested: Boolean(interest),
    may: {
      join: canJoinGroupDirectly(actor, access),
      ask: canAskToJoinGroup(actor, access) && !request && !invitation,
      registerInterest: canExpressInterest(actor, access),
      convene: canConveneGroup(actor, access),
    },
  };
}
