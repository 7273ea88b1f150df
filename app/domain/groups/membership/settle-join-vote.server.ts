// Deciding a request by the members' vote, after a vote and when its window
// ends (the close-join-votes job). The rule itself is join-vote-outcome.ts.
import { inArray } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupJoinVotes, type groups } from "../../../../db/schema";
import { addMember } from "./add-member.server";
import { effectiveQuorum, joinVoteOutcome, type JoinVoteOutcome } from "./join-vote-outcome";
import { memberIds } from "./list-members.server";
import { recordJoinDecision, type JoinRequestRow } from "./record-join-decision.server";

type Group = Pick<typeof groups.$inferSelect, "id" | "name" | "orgId" | "voteQuorum" | "voteWindowHours">;

/** When the vote on a request closes (a request made while conveners decided gets the window from when it was made). */
export const voteClosesAt = (request: Pick<JoinRequestRow, "closesAt" | "createdAt">, group: Pick<Group, "voteWindowHours">) =>
  request.closesAt ?? new Date(request.createdAt.getTime() + group.voteWindowHours * 3_600_000);

/** The votes of current members only: someone who left no longer has a say. One tally per request, from two queries whatever their number. */
export async function tallyVotes(db: Database, group: Group, requestIds: string[]) {
  const members = await memberIds(db, group.id);
  const votes =
    members.length && requestIds.length
      ? await db
          .select({ requestId: groupJoinVotes.requestId, voterId: groupJoinVotes.voterId, vote: groupJoinVotes.vote })
          .from(groupJoinVotes)
          .where(inArray(groupJoinVotes.requestId, requestIds))
      : [];
  const counted = votes.filter((v) => members.includes(v.voterId));
  return new Map(
    requestIds.map((id) => {
      const mine = counted.filter((v) => v.requestId === id);
      const tally = {
        members: members.length,
        quorum: effectiveQuorum(members.length, group.voteQuorum),
        yes: mine.filter((v) => v.vote === "yes").length,
        no: mine.filter((v) => v.vote === "no").length,
      };
      return [id, tally] as const;
    }),
  );
}

/**
 * Decides the locked, pending request if the rule says so. Early acceptance
 * into a full group waits for the window's end (a place may free up); at the
 * end a refusal from add-member declines with its reason.
 */
export async function settleJoinVote(tx: Database, group: Group, request: JoinRequestRow, now: Date): Promise<JoinVoteOutcome> {
  const tally = (await tallyVotes(tx, group, [request.id])).get(request.id)!;
  const windowOver = voteClosesAt(request, group).getTime() <= now.getTime();
  const outcome = joinVoteOutcome({ ...tally, quorum: group.voteQuorum, windowOver });
  if (outcome === "open") return outcome;
  if (outcome === "accepted") {
    const admitted = await addMember(tx, { groupId: group.id, personId: request.userId, actorId: null, via: "vote", now });
    if (!admitted.added) {
      if (!windowOver) return "open";
      await recordJoinDecision(tx, { group, request, outcome: "declined", decidedBy: null, reason: admitted.refusal.message, tally, now });
      return "declined";
    }
  }
  await recordJoinDecision(tx, { group, request, outcome, decidedBy: null, tally, now });
  return outcome;
}

