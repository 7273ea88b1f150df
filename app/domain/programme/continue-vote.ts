// Whether a group continues for another cycle: each member votes within a
// window, under the organisation's rule. A quorum of members must vote; then
// either more than half of the votes cast (majority_of_votes) or more than
// half of all members (majority_of_members) must say "continue". A tie does
// not carry: continuing is the change that needs a majority. The outcome is
// a message (stored as the cycle's outcome), shown in each reader's language.
import { message } from "../i18n/message";


export const CONTINUE_VOTE_RULES = ["majority_of_votes", "majority_of_members"] as const;
export type ContinueVoteRule = (typeof CONTINUE_VOTE_RULES)[number];

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
    return { status: "failed", reason: message("groups:cycle.outcomes.noQuorum", { cast, count: count.members, needed: quorumNeeded }) };
  }
  const carried = settings.rule === "majority_of_votes" ? count.continue > count.stop : count.continue * 2 > count.members;
  if (carried) return { status: "carried", reason: tallyMessage("groups:cycle.outcomes.tally", count) };
  const tie = settings.rule === "majority_of_votes" ? count.continue === count.stop : count.continue * 2 === count.members;
  return { status: "failed", reason: tallyMessage(tie ? "groups:cycle.outcomes.tie" : "groups:cycle.outcomes.tally", count) };
}

/** The votes as a message: "3 voted to continue and 1 to stop, of 4 members.", with what followed when `key` says more. */
export const tallyMessage = (key: string, count: VoteCount) => message(key, { continue: count.continue, stop: count.stop, count: count.members });
