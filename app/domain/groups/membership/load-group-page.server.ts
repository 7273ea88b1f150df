// What the group's page shows the viewer: the group, how many are in it,
// the one action that fits them (join, ask, answer an invitation,
// register interest, withdraw, or leave), and for members the next meeting.
import { and, asc, count, eq, gte, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../../db/database";
import { groupInterest, groupJoinRequests, groupMembers, reunions, users } from "../../../../db/schema";
import { canAskToJoinGroup, canConveneGroup, canExpressInterest, canJoinGroupDirectly, type Actor } from "../../policy";
import { findVisibleGroup } from "../load-group.server";

export async function loadGroupPage(db: Database, actor: Actor, groupId: string, now = new Date()) {
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
  // The meetings are the members' (canEnterGroupSpace), so only they see the next one here.
  const [next] = group.access.role
    ? await db
        .select({ id: reunions.id, title: reunions.title, startsAt: reunions.startsAt, endsAt: reunions.endsAt })
        .from(reunions)
        .where(and(eq(reunions.groupId, group.id), ne(reunions.status, "cancelled"), gte(reunions.endsAt, now)))
        .orderBy(asc(reunions.startsAt))
        .limit(1)
    : [];
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
    nextMeeting: next ? { id: next.id, title: next.title, startsAt: next.startsAt!.toISOString(), endsAt: next.endsAt!.toISOString() } : null,
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
