// The pure rules of the self-assessment: when each moment is open, how the
// answers become dimension scores, and which next steps they suggest.
import { messageIn } from "../../app/domain/i18n/translators";
import { arcScores, type ArcAnswers } from "../../app/domain/diagnostics/arc-self-assessment";
import { diagnosticAnswerSchema } from "../../app/domain/diagnostics/diagnostic-fields";
import { openMoments } from "../../app/domain/diagnostics/diagnostic-moments";
import { nextSteps } from "../../app/domain/diagnostics/next-steps";

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
/** Every statement `base`, with some overridden. */
const answers = (base: number, overrides: Partial<ArcAnswers> = {}): ArcAnswers => ({ a1: base, a2: base, a3: base, a4: base, r1: base, r2: base, r3: base, c1: base, c2: base, c3: base, ...overrides });

describe("when each moment is open", () => {
  const cycle = { startedAt: at("2026-01-10"), finishedAt: at("2026-06-10") };
  it("a planned cycle asks nothing; a running one asks for the start", () => {
    expect(openMoments({ startedAt: null, finishedAt: null }, new Set(), at("2026-01-01"))).toEqual([]);
    expect(openMoments({ startedAt: at("2026-01-10"), finishedAt: null }, new Set(), at("2026-02-01"))).toEqual(["start"]);
  });
  it("the end is open for three months after the meetings are over, and the start closes", () => {
    expect(openMoments(cycle, new Set(), at("2026-06-11"))).toEqual(["end"]);
    expect(openMoments(cycle, new Set(), at("2026-09-11"))).toEqual([]);
  });
  it("six months after the end comes the follow-up, open for three months, unless answered", () => {
    // 2026-06-10 + 6 months = 2026-12-10; closes 2027-03-10.
    expect(openMoments(cycle, new Set(), at("2026-12-09"))).toEqual([]);
    expect(openMoments(cycle, new Set(), at("2026-12-11"))).toEqual(["six_months"]);
    expect(openMoments(cycle, new Set(["six_months"]), at("2026-12-11"))).toEqual([]);
    expect(openMoments(cycle, new Set(), at("2027-03-11"))).toEqual([]);
  });
});

describe("scores and the form", () => {
  it("a dimension's score is the mean of its statements", () => {
    // agency (a1..a4) = (5+4+3+2)/4 = 3.5; responsiveness (r1..r3) = (1+2+3)/3 = 2; connectivity = (5+5+2)/3 = 4.
    expect(arcScores({ a1: 5, a2: 4, a3: 3, a4: 2, r1: 1, r2: 2, r3: 3, c1: 5, c2: 5, c3: 2 })).toEqual({ agency: 3.5, responsiveness: 2, connectivity: 4 });
  });
  it("all ten are needed, each from 1 to 5, and each missing one is named", () => {
    const sent = { cycleId: "x", moment: "start", ...Object.fromEntries(Object.entries(answers(3)).map(([k, v]) => [k, String(v)])) };
    expect(diagnosticAnswerSchema.safeParse(sent).success).toBe(true);
    const result = diagnosticAnswerSchema.safeParse({ ...sent, a2: "", c3: "9" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], messageIn("en", i.message)]));
    expect(messages).toEqual({ a2: "Answer statement 2: all ten are needed.", c3: "Choose a number from 1 to 5 for statement 10." });
  });
});

describe("suggested next steps", () => {
  const facts = { crossDepartmentTies: 5, canPropose: true, hasMentor: false };
  const ids = (a: ArcAnswers, f: Partial<typeof facts> = {}) => nextSteps({ answers: a, ...facts, ...f }).map((s) => s.id);

  it("strong agency with a topic in mind proposes a module, or, before one may propose, bringing it to a group", () => {
    // agency = 4, a4 = 5; connectivity 4 and 5 ties: no peer group; r3 = 3: no mentor; fill-in: reunion.
    const a = answers(4, { a4: 5, r3: 3 });
    expect(ids(a)).toEqual(["propose_module", "reunion"]);
    expect(ids(a, { canPropose: false })).toEqual(["bring_topic", "reunion"]);
  });
  it("few cross-department ties point to peer groups even with good connectivity", () => {
    expect(ids(answers(4, { a4: 2, r3: 2 }), { crossDepartmentTies: 2 })).toEqual(["peer_group_across", "reunion"]);
  });
  it("a wish to grow without a mentor points to mentoring; with one, it does not", () => {
    // agency = (2+2+2+2)/4 = 2 ≤ 3: record an action; connectivity 2: peer groups; r3 = 5: mentor. Three at most.
    expect(ids(answers(2, { r3: 5 }))).toEqual(["peer_group_across", "find_mentor", "record_action"]);
    expect(ids(answers(2, { r3: 5 }), { hasMentor: true })).toEqual(["peer_group_across", "record_action"]);
  });
  it("everyone gets at least two and at most three", () => {
    for (const base of [1, 2, 3, 4, 5]) {
      for (const ties of [0, 10]) {
        const n = ids(answers(base), { crossDepartmentTies: ties }).length;
        expect(n).toBeGreaterThanOrEqual(2);
        expect(n).toBeLessThanOrEqual(3);
      }
    }
  });
});
