// A member's vote on a request to join, in groups where the members decide.
// One vote each, changeable until the request is decided; each vote may
// decide it at once (join-vote-outcome.ts says when).
import type { Database } from "../../../../db/database";
import { groupJoinVotes, groups } from "../../../../db/schema";
import { eq } from "drizzle-orm";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { canVoteOnJoinRequest, type Actor } from "../../policy";
import { findGroupSpace } from "../load-group.server";
import type { JoinVoteOutcome } from "./join-vote-outcome";
import { lockPendingRequest } from "./record-join-decision.server";
import { settleJoinVote, voteClosesAt } from "./settle-join-vote.server";

export async function voteOnJoinRequest(db: Database, actor: Actor, groupId: string, requestId: string, vote: "yes" | "no", now = new Date()): Promise<JoinVoteOutcome> {
  const group = await findGroupSpace(db, actor, groupId);
  if (!canVoteOnJoinRequest(actor, group.access)) throw new ForbiddenError("groups:members.errors.convenersDecideVote");
  return db.transaction(async (tx) => {
    const request = await lockPendingRequest(tx, group.id, requestId, "request");
    // The group's row next, in the same order as add-member, so the count of members cannot move under the tally.
    const [locked] = await tx.select().from(groups).where(eq(groups.id, group.id)).for("update");
    if (voteClosesAt(request, locked!).getTime() <= now.getTime()) throw new InputError({ form: "groups:members.errors.voteClosed" }, 409);
    await tx
      .insert(groupJoinVotes)
      .values({ requestId: request.id, voterId: actor.id, vote, createdAt: now })
      .onConflictDoUpdate({ target: [groupJoinVotes.requestId, groupJoinVotes.voterId], set: { vote, createdAt: now } });
    return settleJoinVote(tx, locked!, request, now);
  });
}
