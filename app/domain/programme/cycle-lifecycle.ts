// The life of a group's cycle of meetings, as a table of allowed moves:
// planned → running → evaluating → continued | ended. Everything not in the
// table is refused with a message that says why (a catalogue key, shown in
// the reader's language), and the caller changes nothing. Time moves a cycle (its first meeting starts, its last one ends,
// its vote closes); people move it only by voting or by ending sponsorship.
export const CYCLE_STATES = ["planned", "running", "evaluating", "continued", "ended"] as const;
export type CycleState = (typeof CYCLE_STATES)[number];

export const CYCLE_EVENTS = ["first_meeting_started", "last_meeting_ended", "vote_carried", "vote_failed", "sponsorship_ended"] as const;
export type CycleEvent = (typeof CYCLE_EVENTS)[number];

const MOVES: Record<CycleEvent, Partial<Record<CycleState, CycleState>>> = {
  first_meeting_started: { planned: "running" },
  last_meeting_ended: { running: "evaluating" },
  vote_carried: { evaluating: "continued" },
  vote_failed: { evaluating: "ended" },
  // The company stops paying for meeting time: whatever the cycle was doing, it ends.
  sponsorship_ended: { planned: "ended", running: "ended", evaluating: "ended" },
};

export const isFinished = (state: CycleState) => state === "continued" || state === "ended";

const REFUSALS: Record<CycleEvent, string> = {
  first_meeting_started: "groups:cycle.refusals.alreadyStarted",
  last_meeting_ended: "groups:cycle.refusals.notRunning",
  vote_carried: "groups:cycle.refusals.notVoting",
  vote_failed: "groups:cycle.refusals.notVoting",
  sponsorship_ended: "groups:cycle.refusals.finished",
};

export type CycleTransition = { ok: true; to: CycleState } | { ok: false; reason: string };

/** Where `event` takes a cycle in `state`; a continuation also needs a sponsor. */
export function cycleTransition(state: CycleState, event: CycleEvent, { sponsored }: { sponsored: boolean }): CycleTransition {
  const to = MOVES[event][state];
  if (!to) return { ok: false, reason: isFinished(state) ? "groups:cycle.refusals.finished" : REFUSALS[event] };
  if (event === "vote_carried" && !sponsored) return { ok: false, reason: "groups:cycle.refusals.notSponsored" };
  return { ok: true, to };
}

export type CycleFacts = {
  state: CycleState;
  meetingsPlanned: number;
  /** Start of the earliest meeting that was not cancelled, if any is scheduled. */
  firstMeetingStartsAt: Date | null;
  /** Meetings not cancelled whose end has passed. */
  meetingsEnded: number;
  /** Meetings not cancelled, held or still to come. */
  meetingsScheduled?: number;
  /** The end of the latest meeting not cancelled. */
  lastMeetingEndsAt?: Date | null;
  /** How long the group has to schedule a replacement for a cancelled meeting: one interval. */
  replacementWindowMs?: number;
  now: Date;
};

/**
 * The event time has brought about, if any: the first meeting has begun, or
 * the cycle's last planned meeting is over (or, with places left by cancelled
 * meetings, the last one scheduled ended an interval ago with no replacement). The vote's end is decided by the
 * continue-vote rule, not here.
 */
export function dueCycleEvent(facts: CycleFacts): "first_meeting_started" | "last_meeting_ended" | null {
  if (facts.state === "planned" && facts.firstMeetingStartsAt && facts.firstMeetingStartsAt <= facts.now) return "first_meeting_started";
  if (facts.state !== "running") return null;
  if (facts.meetingsEnded >= facts.meetingsPlanned) return "last_meeting_ended";
  // A cancelled meeting nobody replaced: once everything scheduled is over and
  // an interval has passed without a replacement, the cycle has had its
  // meetings, and waiting longer would leave it running for ever.
  const { meetingsScheduled, lastMeetingEndsAt, replacementWindowMs } = facts;
  if (
    meetingsScheduled !== undefined &&
    lastMeetingEndsAt &&
    replacementWindowMs !== undefined &&
    facts.meetingsEnded > 0 &&
    facts.meetingsEnded >= meetingsScheduled &&
    lastMeetingEndsAt.getTime() + replacementWindowMs <= facts.now.getTime()
  ) {
    return "last_meeting_ended";
  }
  return null;
}
