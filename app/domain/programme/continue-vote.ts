// Whether a group continues for another cycle: each member votes within a
// window, under the organisation's rule. A quorum of members must vote; then
// either more than half of the votes cast (majority_of_votes) or more than
// half of all members (majority_of_members) must say "continue". A tie does
// not carry: continuing is the change that needs a majority.
export const CONTINUE_VOTE_RULES = ["majority_of_votes", "majority_of_members"] as const;
export type ContinueVoteRule = (typeof CONTINUE_VOTE_RULES)[number];

export const CONTINUE_VOTE_RULE_LABELS: Record<ContinueVoteRule, string> = {
  majority_of_votes: "More than half of the votes cast",
  majority_of_members: "More than half of all members",
};

export type VoteSettings = { rule: ContinueVoteRule; quorumPercent: number };
export type VoteCount = { members: number; continue: number; stop: number };

export type VoteOutcome =
  | { status: "open"; quorumNeeded: number }
  | { status: "carried"; reason: string }
  | { status: "failed"; reason: string };

/** Votes needed for a quorum: at least one, and never more than there are members. */
export const quorumOf = (members: number, quorumPercent: number) => Math.min(members, Math.max(1, Math.ceil((members * quorumPercent) / 100)));

/**
 * The outcome once the window has closed or every member has voted; until
 * then the vote is open and people may change their minds.
 */
export function continueVoteOutcome(count: VoteCount, settings: VoteSettings, { windowClosed }: { windowClosed: boolean }): VoteOutcome {
  const cast = count.continue + count.stop;
  const quorumNeeded = quorumOf(count.members, settings.quorumPercent);
  if (!windowClosed && cast < count.members) return { status: "open", quorumNeeded };
  if (count.members === 0 || cast < quorumNeeded) {
    return { status: "failed", reason: `Only ${cast} of ${count.members} members voted; at least ${quorumNeeded} had to.` };
  }
  const carried = settings.rule === "majority_of_votes" ? count.continue > count.stop : count.continue * 2 > count.members;
  const tally = `${count.continue} voted to continue and ${count.stop} to stop, of ${count.members} members.`;
  if (carried) return { status: "carried", reason: tally };
  const tie = settings.rule === "majority_of_votes" ? count.continue === count.stop : count.continue * 2 === count.members;
  return { status: "failed", reason: tie ? `${tally} A tie does not carry.` : tally };
}
