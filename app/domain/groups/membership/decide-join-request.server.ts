// A convener accepts or declines a request to join (in groups where the
// conveners decide). Accepting goes through add-member: a full group or a
// person now out of reach is refused with the reason and nothing changes.
import type { Database } from "../../../../db/database";
import { ForbiddenError } from "../../http-errors";
import { canDecideJoinRequest, type Actor } from "../../policy";
import { findGroupSpace } from "../load-group.server";
import { admitOrRefuse } from "./add-member.server";
import { lockPendingRequest, recordJoinDecision } from "./record-join-decision.server";

export async function decideJoinRequest(db: Database, actor: Actor, groupId: string, requestId: string, decision: "accept" | "decline", now = new Date()) {
  const group = await findGroupSpace(db, actor, groupId);
  if (!canDecideJoinRequest(actor, group.access))
    throw new ForbiddenError(group.joinDecision === "vote" ? "groups:members.errors.membersVote" : "groups:members.errors.convenersDecide");
  await db.transaction(async (tx) => {
    const request = await lockPendingRequest(tx, group.id, requestId, "request");
    if (decision === "accept") await admitOrRefuse(tx, { groupId: group.id, personId: request.userId, actorId: actor.id, via: "request", now });
    await recordJoinDecision(tx, { group, request, outcome: decision === "accept" ? "accepted" : "declined", decidedBy: actor.id, now });
  });
}
