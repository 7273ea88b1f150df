// The review lifecycle as a table: only a submission in review moves, each
// decision takes it where the product says, and publishing waits for every
// approval it needs. Pure: no database.
import { SUBMISSION_EVENTS, SUBMISSION_STATES, approvalsComplete, transition, type Approvals, type SubmissionState } from "../../app/domain/review/submission-lifecycle";
import { messageIn, nestedMessageIn } from "../../app/domain/i18n/translators";

const noApprovals: Approvals = { moderator: false, author: false, authorRequired: false };
const moderatorApproved: Approvals = { moderator: true, author: false, authorRequired: false };

describe("a submission in review", () => {
  test.each([
    ["approve", "in_review"],
    ["request_changes", "changes_requested"],
    ["reject", "rejected"],
    ["withdraw", "withdrawn"],
    ["rebase", "in_review"],
  ] as const)("can be told to %s, which takes it to %s", (event, to) => {
    expect(transition("in_review", event, noApprovals)).toEqual({ ok: true, to });
  });

  test("is published once a moderator has approved it", () => {
    expect(transition("in_review", "publish", moderatorApproved)).toEqual({ ok: true, to: "published" });
  });

  test("cannot be published before a moderator approves it", () => {
    const move = transition("in_review", "publish", noApprovals);
    expect(move.ok).toBe(false);
    expect(!move.ok && messageIn("en", move.reason)).toBe("This draft cannot be published before a moderator approves it.");
    // The author's approval alone is not enough either.
    expect(transition("in_review", "publish", { moderator: false, author: true, authorRequired: true })).toEqual(move);
  });

  test("cannot be published with a moderator's approval when the lead thought leader must approve too and has not", () => {
    const move = transition("in_review", "publish", { moderator: true, author: false, authorRequired: true });
    expect(move.ok).toBe(false);
    expect(!move.ok && messageIn("en", move.reason)).toBe("This draft cannot be published before its lead thought leader approves it too.");
  });

  test("is published when both the moderator and the required lead thought leader approved", () => {
    expect(transition("in_review", "publish", { moderator: true, author: true, authorRequired: true })).toEqual({ ok: true, to: "published" });
  });
});

describe("a decided submission", () => {
  const decidedStates = SUBMISSION_STATES.filter((s): s is Exclude<SubmissionState, "in_review"> => s !== "in_review");
  const doneAs = { changes_requested: "sent back for changes", rejected: "rejected", published: "approved and published", withdrawn: "withdrawn" } as const;

  test("covers every state except in review", () => {
    expect(decidedStates).toEqual(["changes_requested", "rejected", "published", "withdrawn"]);
  });

  for (const state of decidedStates) {
    for (const event of SUBMISSION_EVENTS) {
      test(`that was ${doneAs[state]} refuses ${event}, and says so`, () => {
        // Even complete approvals do not reopen it.
        const move = transition(state, event, { moderator: true, author: true, authorRequired: true });
        expect(move.ok).toBe(false);
        expect(!move.ok && messageIn("en", move.reason)).toBe(`This submission was already ${doneAs[state]}, so it cannot be changed any more.`);
      });
    }

    test(`that was ${doneAs[state]} names who decided and when, when known`, () => {
      const move = transition(state, "approve", noApprovals, { by: "Ada Lovelace", at: new Date("2025-03-05T10:00:00Z") });
      expect(move.ok).toBe(false);
      expect(!move.ok && nestedMessageIn("en", move.reason)).toBe(`This submission was already ${doneAs[state]} by Ada Lovelace on 5 Mar 2025, 10:00 (UTC), so it cannot be changed any more.`);
      expect(!move.ok && nestedMessageIn("ja", move.reason)).toContain("2025年3月5日(水) 10:00 (UTC) に Ada Lovelace さんが");
    });
  }
});

describe("approvals are complete", () => {
  test.each([
    [{ moderator: false, author: false, authorRequired: false }, false],
    [{ moderator: true, author: false, authorRequired: false }, true],
    [{ moderator: false, author: true, authorRequired: true }, false],
    [{ moderator: true, author: false, authorRequired: true }, false],
    [{ moderator: true, author: true, authorRequired: true }, true],
  ])("when %o: %s", (approvals, complete) => {
    expect(approvalsComplete(approvals)).toBe(complete);
  });
});
