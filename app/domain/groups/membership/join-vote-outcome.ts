// When the members vote on a request to join, this decides it. Pure, so the
// rule is tested on its own and the same rule serves the vote and the job.
//
// The rule:
// - Only votes of people who are members now count; one vote each, and a
//   vote may be changed until the request is decided.
// - The quorum is the group's setting, or by default a majority of the
//   current members (half, rounded down, plus one). A quorum larger than the
//   group counts as everyone.
// - When the window ends: with at least a quorum of votes, more yes than no
//   accepts and anything else (a tie included) declines; with fewer votes
//   than the quorum the request expires.
// - Before the window ends, a request is decided only when the votes still
//   missing can no longer change the outcome: accepted once the yes votes
//   reach the quorum and are more than half of all members; declined once
//   the no votes reach the quorum and are at least half of all members (yes
//   can then never outnumber no).

export type JoinVoteOutcome = "open" | "accepted" | "declined" | "expired";

export type JoinVoteTally = { members: number; quorum: number | null; yes: number; no: number; windowOver: boolean };

/** The number of votes that must be cast for a decision. */
export function effectiveQuorum(members: number, quorum: number | null) {
  const wanted = quorum ?? Math.floor(members / 2) + 1;
  return Math.max(1, Math.min(wanted, members));
}

export function joinVoteOutcome({ members, quorum, yes, no, windowOver }: JoinVoteTally): JoinVoteOutcome {
  const needed = effectiveQuorum(members, quorum);
  if (yes >= needed && yes * 2 > members) return "accepted";
  if (no >= needed && no * 2 >= members) return "declined";
  if (!windowOver) return "open";
  if (yes + no < needed) return "expired";
  return yes > no ? "accepted" : "declined";
}
