// The programme's rules on constructed data: the cycle's state machine, the
// continue vote, the alumni rule, the step-back suggestion and group risk.
import { newAlumni } from "~/domain/programme/alumni-rule";
import { continueVoteOutcome, quorumOf } from "~/domain/programme/continue-vote";
import { CYCLE_EVENTS, CYCLE_STATES, cycleTransition, dueCycleEvent, type CycleState } from "~/domain/programme/cycle-lifecycle";
import { checkFormation, movePerson } from "~/domain/programme/formation";
import { groupRisk, stepBackSuggestion, type MeetingHealth } from "~/domain/programme/group-health";
import { messageIn } from "~/domain/i18n/translators";
import { floored, PRIVACY_FLOOR } from "~/domain/privacy/privacy-floor";

describe("the cycle's state machine", () => {
  const sponsored = { sponsored: true };
  it("a cycle runs planned → running → evaluating → continued", () => {
    let state: CycleState = "planned";
    for (const [event, to] of [
      ["first_meeting_started", "running"],
      ["last_meeting_ended", "evaluating"],
      ["vote_carried", "continued"],
    ] as const) {
      const move = cycleTransition(state, event, sponsored);
      expect(move).toEqual({ ok: true, to });
      state = to;
    }
  });

  it("a failed vote ends the cycle", () => {
    expect(cycleTransition("evaluating", "vote_failed", sponsored)).toEqual({ ok: true, to: "ended" });
  });

  it("a vote that carries cannot continue a cycle nobody sponsors any more", () => {
    const move = cycleTransition("evaluating", "vote_carried", { sponsored: false });
    expect(move.ok).toBe(false);
    if (!move.ok) expect(messageIn("en", move.reason)).toMatch(/no longer sponsors/);
  });

  it("ending sponsorship ends a cycle in any unfinished state", () => {
    for (const state of ["planned", "running", "evaluating"] as const) {
      expect(cycleTransition(state, "sponsorship_ended", sponsored)).toEqual({ ok: true, to: "ended" });
    }
  });

  it("finished cycles refuse every event with a message", () => {
    for (const state of ["continued", "ended"] as const) {
      for (const event of CYCLE_EVENTS) {
        const move = cycleTransition(state, event, sponsored);
        expect(move).toEqual({ ok: false, reason: "groups:cycle.refusals.finished" });
        if (!move.ok) expect(messageIn("en", move.reason)).toBe("This cycle has already finished.");
      }
    }
  });

  it("exactly these moves exist", () => {
    const allowed: string[] = [];
    for (const state of CYCLE_STATES) for (const event of CYCLE_EVENTS) if (cycleTransition(state, event, sponsored).ok) allowed.push(`${state}:${event}`);
    expect(allowed.sort()).toEqual(
      [
        "planned:first_meeting_started",
        "planned:sponsorship_ended",
        "running:last_meeting_ended",
        "running:sponsorship_ended",
        "evaluating:vote_carried",
        "evaluating:vote_failed",
        "evaluating:sponsorship_ended",
      ].sort(),
    );
  });

  it("time starts a cycle at its first meeting and moves it to the vote after its last", () => {
    const now = new Date("2027-03-01T10:00:00Z");
    const base = { meetingsPlanned: 6, meetingsEnded: 0, now };
    expect(dueCycleEvent({ ...base, state: "planned", firstMeetingStartsAt: null })).toBeNull();
    expect(dueCycleEvent({ ...base, state: "planned", firstMeetingStartsAt: new Date("2027-03-01T10:00:01Z") })).toBeNull();
    expect(dueCycleEvent({ ...base, state: "planned", firstMeetingStartsAt: new Date("2027-03-01T10:00:00Z") })).toBe("first_meeting_started");
    expect(dueCycleEvent({ ...base, state: "running", firstMeetingStartsAt: null, meetingsEnded: 5 })).toBeNull();
    expect(dueCycleEvent({ ...base, state: "running", firstMeetingStartsAt: null, meetingsEnded: 6 })).toBe("last_meeting_ended");
    expect(dueCycleEvent({ ...base, state: "evaluating", firstMeetingStartsAt: null, meetingsEnded: 6 })).toBeNull();
  });

  it("a cancelled meeting nobody replaced ends the cycle one interval after its last meeting, not before", () => {
    const lastMeetingEndsAt = new Date("2027-01-01T10:00:00Z");
    const month = 31 * 86_400_000;
    const facts = { meetingsPlanned: 6, state: "running" as const, firstMeetingStartsAt: null, meetingsEnded: 5, meetingsScheduled: 5, lastMeetingEndsAt, replacementWindowMs: month };
    expect(dueCycleEvent({ ...facts, now: new Date(lastMeetingEndsAt.getTime() + month - 1) })).toBeNull();
    expect(dueCycleEvent({ ...facts, now: new Date(lastMeetingEndsAt.getTime() + month) })).toBe("last_meeting_ended");
    // A replacement still to come keeps it running.
    expect(dueCycleEvent({ ...facts, meetingsScheduled: 6, now: new Date(lastMeetingEndsAt.getTime() + 2 * month) })).toBeNull();
    // Nothing held at all is not a finished cycle.
    expect(dueCycleEvent({ ...facts, meetingsEnded: 0, meetingsScheduled: 0, now: new Date(lastMeetingEndsAt.getTime() + 2 * month) })).toBeNull();
  });
});

describe("the continue vote", () => {
  const votes = { rule: "majority_of_votes" as const, quorumPercent: 50 };
  const members = { rule: "majority_of_members" as const, quorumPercent: 50 };

  it("stays open until everyone has voted or the window closes", () => {
    expect(continueVoteOutcome({ members: 6, continue: 4, stop: 0 }, votes, { windowClosed: false })).toEqual({ status: "open", quorumNeeded: 3 });
    expect(continueVoteOutcome({ members: 6, continue: 4, stop: 2 }, votes, { windowClosed: false }).status).toBe("carried");
  });

  it("fails without a quorum when the window closes", () => {
    const outcome = continueVoteOutcome({ members: 6, continue: 2, stop: 0 }, votes, { windowClosed: true });
    expect(outcome.status).toBe("failed");
    if (outcome.status === "failed") {
      expect(messageIn("en", outcome.reason)).toBe("Only 2 of 6 members voted; at least 3 had to.");
      expect(messageIn("ja", outcome.reason)).toBe("投票したのはメンバー 6 人中 2 人だけでした。少なくとも 3 人の投票が必要でした。");
    }
  });

  it("carries with a quorum and a majority of the votes cast", () => {
    expect(continueVoteOutcome({ members: 6, continue: 2, stop: 1 }, votes, { windowClosed: true }).status).toBe("carried");
  });

  it("a tie does not carry", () => {
    const outcome = continueVoteOutcome({ members: 6, continue: 2, stop: 2 }, votes, { windowClosed: true });
    expect(outcome.status).toBe("failed");
    if (outcome.status === "failed") expect(messageIn("en", outcome.reason)).toBe("2 voted to continue and 2 to stop, of 6 members. A tie does not carry.");
    expect(continueVoteOutcome({ members: 6, continue: 3, stop: 0 }, members, { windowClosed: true }).status).toBe("failed");
  });

  it("under majority of members, a majority of votes cast is not enough", () => {
    expect(continueVoteOutcome({ members: 7, continue: 3, stop: 1 }, members, { windowClosed: true }).status).toBe("failed");
    expect(continueVoteOutcome({ members: 7, continue: 4, stop: 0 }, members, { windowClosed: true }).status).toBe("carried");
  });

  it("the quorum is rounded up and never exceeds the members", () => {
    expect(quorumOf(5, 50)).toBe(3);
    expect(quorumOf(6, 50)).toBe(3);
    expect(quorumOf(6, 0)).toBe(1);
    expect(quorumOf(3, 100)).toBe(3);
    expect(quorumOf(2, 150)).toBe(2);
  });

  it("a group without members cannot continue", () => {
    expect(continueVoteOutcome({ members: 0, continue: 0, stop: 0 }, votes, { windowClosed: true }).status).toBe("failed");
  });
});

describe("alumni are earned", () => {
  it("members present at least the threshold of meetings become alumni, once", () => {
    const attendance = [
      { userId: "a", present: 6 },
      { userId: "b", present: 4 },
      { userId: "c", present: 3 },
      { userId: "d", present: 5 },
    ];
    expect(newAlumni(attendance, 4, new Set(["d"]))).toEqual(["a", "b"]);
    expect(newAlumni(attendance, 6, new Set())).toEqual(["a"]);
  });
});

describe("the facilitator steps back", () => {
  const meeting = (number: number, attendance: number | null, safety: number | null): MeetingHealth => ({ number, attendance, usefulness: 4, safety });

  it("is suggested from the handover meeting on, after two well-attended meetings that felt safe", () => {
    const held = [meeting(1, 1, 3), meeting(2, 0.83, 4), meeting(3, 0.83, 4.2)];
    expect(stepBackSuggestion(held, 4, 4).suggest).toBe(true);
    const early = stepBackSuggestion(held, 3, 4);
    expect(early.suggest).toBe(false);
    // Reasons are catalogue messages, read here in English.
    expect(messageIn("en", early.reason)).toBe("A member can host from meeting 4 on.");
  });

  it("is not suggested when attendance was below three in four", () => {
    const held = [meeting(1, 1, 5), meeting(2, 0.66, 5), meeting(3, 1, 5)];
    expect(stepBackSuggestion(held, 4, 4).suggest).toBe(false);
  });

  it("is not suggested when it did not feel safe, or too few answered to tell", () => {
    expect(stepBackSuggestion([meeting(2, 1, 3.9), meeting(3, 1, 4.5)], 4, 4).suggest).toBe(false);
    expect(messageIn("en", stepBackSuggestion([meeting(2, 1, null), meeting(3, 1, 4.5)], 4, 4).reason)).toMatch(/Too few evaluations/);
  });
});

describe("groups at risk", () => {
  const m = (number: number, attendance: number | null, usefulness: number | null, safety: number | null): MeetingHealth => ({ number, attendance, usefulness, safety });

  it("a steady group is not at risk", () => {
    expect(groupRisk([m(1, 0.9, 4, 4), m(2, 0.85, 4.1, 4.2)])).toEqual({ atRisk: false, reasons: [] });
    expect(groupRisk([])).toEqual({ atRisk: false, reasons: [] });
  });

  it("falling attendance puts a group at risk", () => {
    const risk = groupRisk([m(1, 1, 4, 4), m(2, 1, 4, 4), m(3, 0.67, 4, 4)]);
    expect(risk.atRisk).toBe(true);
    expect(messageIn("en", risk.reasons[0]!)).toBe("Attendance fell to 67% at meeting 3, from 100% before.");
  });

  it("low attendance or dropping evaluations put a group at risk", () => {
    const reasons = (...held: MeetingHealth[]) => groupRisk(held).reasons.map((r) => messageIn("en", r));
    expect(reasons(m(1, 0.5, 4, 4))).toEqual(["Only 50% came to meeting 1."]);
    expect(reasons(m(1, 1, 4.5, 4.5), m(2, 1, 3.8, 4.5))).toEqual(["The usefulness score dropped to 3.8 at meeting 2, from 4.5 before."]);
    expect(reasons(m(1, 1, 4, 2.5))).toEqual(["The safety score of meeting 1 was 2.5 of 5."]);
  });
});

describe("the privacy floor", () => {
  it("withholds a figure about fewer than three people and never computes it", () => {
    let computed = 0;
    expect(PRIVACY_FLOOR).toBe(3);
    expect(floored(2, () => ++computed)).toEqual({ shown: false, people: null, value: null });
    expect(computed).toBe(0);
    expect(floored(3, () => ++computed)).toEqual({ shown: true, people: 3, value: 1 });
  });
});

describe("a cohort's formation", () => {
  const names = (id: string) => id.toUpperCase();
  const enrolled = new Set(["a", "b", "c", "d", "e", "f"]);
  const facilitators = new Set(["f1", "f2"]);
  const bounds = { min: 2, max: 3 };

  it("refuses someone in two groups, someone not enrolled, and a facilitator who is a member", () => {
    const check = checkFormation(
      {
        groups: [
          { groupId: null, name: "One", facilitatorId: "f1", memberIds: ["a", "b", "x"] },
          { groupId: null, name: "Two", facilitatorId: "a", memberIds: ["a", "c"] },
        ],
      },
      enrolled,
      bounds,
      names,
      facilitators,
    );
    expect(check.problems.map((p) => messageIn("en", p))).toEqual(["X is not enrolled in this cohort.", "A is not a facilitator of this organisation.", "A is in both One and Two.", "A cannot facilitate a group they are a member of."]);
  });

  it("warns about sizes outside the bounds and people not placed", () => {
    const check = checkFormation({ groups: [{ groupId: null, name: "One", facilitatorId: "f1", memberIds: ["a", "b", "c", "d"] }] }, enrolled, bounds, names, facilitators);
    expect(check.problems).toEqual([]);
    expect(check.warnings.map((w) => messageIn("en", w))).toEqual(["One has 4 members; the cohort's groups have 2 to 3.", "2 enrolled people are not in a group yet."]);
  });

  it("moving someone takes them out of their old group", () => {
    const moved = movePerson({ groups: [{ groupId: "g1", name: "One", facilitatorId: null, memberIds: ["a", "b"] }, { groupId: "g2", name: "Two", facilitatorId: null, memberIds: ["c"] }] }, "a", 1);
    expect(moved.groups.map((g) => g.memberIds)).toEqual([["b"], ["c", "a"]]);
    expect(movePerson(moved, "c", null).groups.map((g) => g.memberIds)).toEqual([["b"], ["a"]]);
  });
});
