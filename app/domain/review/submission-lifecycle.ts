// The review lifecycle of a submitted draft, as a table of allowed moves.
// Everything not in the table is refused with a message that says why,
// and the caller changes nothing.
import { momentValue, nestedMessage } from "../i18n/nested-message";

export const SUBMISSION_STATES = ["in_review", "changes_requested", "rejected", "published", "withdrawn"] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export const SUBMISSION_EVENTS = ["approve", "publish", "request_changes", "reject", "withdraw", "rebase"] as const;
export type SubmissionEvent = (typeof SUBMISSION_EVENTS)[number];

/** From in_review only; every other state is final for its round (a new round is a new submission). */
const ALLOWED: Record<SubmissionEvent, SubmissionState> = {
  approve: "in_review", // records one approval; publishing follows when all are in
  publish: "published",
  request_changes: "changes_requested",
  reject: "rejected",
  withdraw: "withdrawn",
  rebase: "in_review",
};

/** How a closed submission was done with, in the refusal a second decider sees (review:draft.errors.alreadyDone.*). */
const DONE_AS: Record<Exclude<SubmissionState, "in_review">, string> = {
  changes_requested: "changesRequested",
  rejected: "rejected",
  published: "published",
  withdrawn: "withdrawn",
};

export type Approvals = { moderator: boolean; author: boolean; authorRequired: boolean };

export type Transition = { ok: true; to: SubmissionState } | { ok: false; reason: string };

/**
 * Where `event` takes a submission in `state`. `decided` names who closed
 * it and when, for the refusal a second decider sees.
 */
export function transition(state: SubmissionState, event: SubmissionEvent, approvals: Approvals, decided?: { by: string; at: Date }): Transition {
  if (state !== "in_review") {
    const done = `review:draft.errors.alreadyDone.${DONE_AS[state]}`;
    return { ok: false, reason: decided ? nestedMessage(`${done}By`, { name: decided.by, at: momentValue(decided.at) }) : done };
  }
  if (event === "publish" && !approvalsComplete(approvals)) {
    return {
      ok: false,
      reason: !approvals.moderator
        ? "review:draft.errors.needsModerator"
        : "review:draft.errors.needsLead",
    };
  }
  return { ok: true, to: ALLOWED[event] };
}

/** A moderator always; the lead thought leader too when they are a required approver. */
export const approvalsComplete = (a: Approvals) => a.moderator && (!a.authorRequired || a.author);
