// The members page: who is in the group, the requests waiting (with the
// vote so far when the members decide), the invitations out, and the
// suggested members. Members only: anyone else gets the group space's 404.
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../../db/database";
import { groupJoinRequests, groupJoinVotes, organisations, users } from "../../../../db/schema";
import { canConveneGroup, canDecideJoinRequest, canInviteToGroup, canVoteOnJoinRequest, type Actor } from "../../policy";
import { findGroupSpace } from "../load-group.server";
import { listMembers } from "./list-members.server";
import { tallyVotes, voteClosesAt } from "./settle-join-vote.server";
import { suggestMembers } from "./suggest-members.server";

export async function loadMembersPage(db: Database, actor: Actor, groupId: string) {
  const group = await findGroupSpace(db, actor, groupId);
  const inviter = alias(users, "inviter");
  const [members, pending, myVotes, suggestions] = await Promise.all([
    listMembers(db, group.id),
    db
      .select({
        request: groupJoinRequests,
        name: users.name,
        orgName: organisations.name,
        invitedBy: inviter.name,
      })
      .from(groupJoinRequests)
      .innerJoin(users, eq(users.id, groupJoinRequests.userId))
      .innerJoin(organisations, eq(organisations.id, users.orgId))
      .leftJoin(inviter, eq(inviter.id, groupJoinRequests.invitedBy))
      .where(and(eq(groupJoinRequests.groupId, group.id), eq(groupJoinRequests.status, "pending")))
      .orderBy(asc(groupJoinRequests.createdAt)),
    db
      .select({ requestId: groupJoinVotes.requestId, vote: groupJoinVotes.vote })
      .from(groupJoinVotes)
      .innerJoin(groupJoinRequests, eq(groupJoinRequests.id, groupJoinVotes.requestId))
      .where(and(eq(groupJoinRequests.groupId, group.id), eq(groupJoinRequests.status, "pending"), eq(groupJoinVotes.voterId, actor.id))),
    suggestMembers(db, actor, group),
  ]);
  const byVote = group.joinDecision === "vote";
  const convene = canConveneGroup(actor, group.access);
  const asked = pending.filter((p) => p.request.kind === "request");
  const tallies = byVote ? await tallyVotes(db, group, asked.map((p) => p.request.id)) : null;
  const requests = asked.map((p) => ({
    id: p.request.id,
    name: p.name,
    orgName: p.orgName,
    message: p.request.message,
    askedAt: p.request.createdAt.toISOString(),
    vote: tallies
      ? {
          ...tallies.get(p.request.id)!,
          closesAt: voteClosesAt(p.request, group).toISOString(),
          mine: myVotes.find((v) => v.requestId === p.request.id)?.vote ?? null,
        }
      : null,
  }));
  const invitations = pending
    .filter((p) => p.request.kind === "invite")
    .map((p) => ({ id: p.request.id, name: p.name, orgName: p.orgName, invitedBy: p.invitedBy, invitedAt: p.request.createdAt.toISOString(), mayCancel: convene || p.request.invitedBy === actor.id }));
  return {
    group: { id: group.id, name: group.name, kind: group.kind, status: group.status, joinPolicy: group.joinPolicy, joinDecision: group.joinDecision, sizeCap: group.sizeCap, field: group.field },
    me: { id: actor.id, role: group.access.role },
    members,
    requests,
    invitations,
    suggestions,
    may: {
      invite: group.kind === "peer" && canInviteToGroup(actor, group.access),
      decide: canDecideJoinRequest(actor, group.access),
      vote: canVoteOnJoinRequest(actor, group.access),
      convene,
    },
  };
}
