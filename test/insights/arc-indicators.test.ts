// ARC indicators, the tie matrix and the merging of small rows, against
// values worked out by hand.
import { arcIndicatorRows, departmentTieMatrix, tieMatrixCsv, type PersonFacts } from "../../app/domain/insights/arc-indicators";
import { diagnosticAggregates } from "../../app/domain/insights/diagnostic-aggregates";
import { mergeSmallRows, OTHER_ROW_ID } from "../../app/domain/insights/merge-small-groups";

const START = new Date("2026-01-01T00:00:00Z");
const BEFORE = new Date("2025-06-01T00:00:00Z");
const AFTER = new Date("2026-03-01T00:00:00Z");

const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  departmentId: "D1",
  siteId: "S1",
  alumnus: false,
  programmeStart: START,
  shapedModule: false,
  hostedMeeting: false,
  followedUpAction: false,
  diagnosticsDue: 0,
  diagnosticsAnswered: 0,
  attendedReunion: false,
  attendedOpenSpace: false,
  sessionsProposed: 0,
  ...over,
});

describe("merging rows below the floor", () => {
  const row = (id: string, n: number) => ({ id, name: id, memberIds: Array.from({ length: n }, (_, i) => `${id}${i}`) });
  it("rows of 5 or more stay; smaller ones join Other, with the smallest shown rows while Other is below 5", () => {
    // A 2 and B 1 make Other 3 < 5, so the smallest shown row, C (6), joins: Other = 9. D (8) stays.
    const merged = mergeSmallRows([row("A", 2), row("B", 1), row("C", 6), row("D", 8)], "Other");
    expect(merged.map((r) => [r.id, r.memberIds.length, r.mergedRows])).toEqual([
      ["D", 8, 1],
      [OTHER_ROW_ID, 9, 3],
    ]);
  });
  it("fewer than 5 people in all shows nothing", () => {
    expect(mergeSmallRows([row("A", 2), row("B", 2)], "Other")).toEqual([]);
  });
});

describe("ARC indicators of a row", () => {
  // Six people p1..p6 in one row; p1..p5 alumni.
  const facts = new Map<string, PersonFacts>([
    ["p1", person({ alumnus: true, shapedModule: true, diagnosticsDue: 3, diagnosticsAnswered: 3, attendedReunion: true, sessionsProposed: 2 })],
    ["p2", person({ alumnus: true, hostedMeeting: true, diagnosticsDue: 3, diagnosticsAnswered: 1, attendedOpenSpace: true, departmentId: "D2" })],
    ["p3", person({ alumnus: true, followedUpAction: true, diagnosticsDue: 2, diagnosticsAnswered: 2, siteId: "S2" })],
    ["p4", person({ alumnus: true, diagnosticsDue: 2, diagnosticsAnswered: 0 })],
    ["p5", person({ alumnus: true, diagnosticsDue: 2, diagnosticsAnswered: 2 })],
    ["p6", person({ programmeStart: null })],
  ]);
  // p1–p2 met after the start (D1–D2, same site); p1–p3 before (same department, S1–S2); p4–p5 after (same both).
  const ties = [
    { a: "p1", b: "p2", since: AFTER },
    { a: "p1", b: "p3", since: BEFORE },
    { a: "p4", b: "p5", since: AFTER },
  ];
  const [r] = arcIndicatorRows([{ id: "c", name: "Cohort", memberIds: ["p1", "p2", "p3", "p4", "p5", "p6"], mergedRows: 1 }], facts, ties);

  it("agency is the share of alumni with any of the three acts: 3 of 5", () => {
    expect(r!.agency).toEqual({ shown: true, people: 5, value: 3 / 5 });
  });
  it("responsiveness: answered over due (3+1+2+0+2)/(3+3+2+2+2) = 8/12; attendance 1 of 6 each; sessions 2/6 per person", () => {
    expect(r!.diagnosticsCompleted.value).toBeCloseTo(8 / 12);
    expect(r!.reunionAttendance.value).toBeCloseTo(1 / 6);
    expect(r!.openSpaceAttendance.value).toBeCloseTo(1 / 6);
    expect(r!.sessionsProposedPerPerson.value).toBeCloseTo(2 / 6);
  });
  it("connectivity: new ties p1 1, p2 1, p3 0, p4 1, p5 1 over 5 started = 0.8; tie ends 6, across departments 2 (p1–p2 both ways), across sites 2 (p1–p3)", () => {
    expect(r!.newTiesPerPerson).toEqual({ shown: true, people: 5, value: 4 / 5 });
    expect(r!.crossDepartmentShare.value).toBeCloseTo(2 / 6);
    expect(r!.crossSiteShare.value).toBeCloseTo(2 / 6);
  });
  it("a figure from fewer than 5 people is withheld: 4 alumni give no agency share", () => {
    const [small] = arcIndicatorRows([{ id: "c", name: "Cohort", memberIds: ["p1", "p2", "p3", "p4", "p6"], mergedRows: 1 }], facts, ties);
    expect(small!.agency).toEqual({ shown: false, people: null, value: null });
    expect(small!.reunionAttendance.shown).toBe(true);
  });
});

describe("the department × department matrix", () => {
  // D1: a1..a4, D2: b1..b3. In scope: everyone. Ties: a1–a2, a1–a3, a2–a3 before; a1–b1, a2–b2, a3–b3, a4–b1 after; b1–b2 after.
  const facts = new Map<string, PersonFacts>([
    ...["a1", "a2", "a3", "a4"].map((id) => [id, person({ departmentId: "D1" })] as const),
    ...["b1", "b2", "b3"].map((id) => [id, person({ departmentId: "D2" })] as const),
  ]);
  const ties = [
    { a: "a1", b: "a2", since: BEFORE },
    { a: "a1", b: "a3", since: BEFORE },
    { a: "a2", b: "a3", since: BEFORE },
    { a: "a1", b: "b1", since: AFTER },
    { a: "a2", b: "b2", since: AFTER },
    { a: "a3", b: "b3", since: AFTER },
    { a: "a4", b: "b1", since: AFTER },
    { a: "b1", b: "b2", since: AFTER },
  ];
  const units = [
    { id: "D1", name: "Finance" },
    { id: "D2", name: "=Sales" },
  ];
  const m = departmentTieMatrix(units, new Set(facts.keys()), facts, ties, "none");

  it("D1×D1 before has 3 ties among 3 people: withheld; D1×D2 now has 4 ties among 7 people: shown both ways", () => {
    expect(m.before[0]![0]).toEqual({ shown: false, people: null, value: null });
    expect(m.after[0]![1]).toEqual({ shown: true, people: 7, value: 4 });
    expect(m.after[1]![0]).toEqual({ shown: true, people: 7, value: 4 });
    // D2×D2 now: b1–b2, 2 people: withheld. D1×D2 before: none, and no people: withheld.
    expect(m.after[1]![1]!.shown).toBe(false);
    expect(m.before[0]![1]!.shown).toBe(false);
  });
  it("the CSV holds the same cells, withheld ones empty, and a name that looks like a formula as text", () => {
    const lines = tieMatrixCsv(m).trim().split("\n");
    expect(lines[0]).toBe("period,department,other_department,ties");
    expect(lines).toContain("after,Finance,'=Sales,4");
    expect(lines).toContain("before,Finance,Finance,");
    expect(lines).toHaveLength(1 + 2 * 4);
  });
});

describe("self-assessments in aggregate", () => {
  const at = new Date("2026-02-01T00:00:00Z");
  const answer = (userId: string, rowId: string, v: number, moment: "start" | "end" = "start", answeredAt = at) => ({
    userId,
    rowId,
    moment,
    answeredAt,
    scores: { agency: v, responsiveness: v, connectivity: 3 },
  });
  const rows = [
    { id: "A", name: "A" },
    { id: "B", name: "B" },
    { id: "C", name: "C" },
  ];

  it("the mean with its t interval: scores 1..5 give 3, sd √2.5, half-width t(0.975, 4) · sd / √5 = 2.776 · 1.581 / 2.236 = 1.963", () => {
    const [start] = diagnosticAggregates([1, 2, 3, 4, 5].map((v, i) => answer(`a${i}`, "A", v)), rows, "Other");
    expect(start!.moment).toBe("start");
    const agency = start!.rows[0]!.dimensions.agency;
    expect(agency.mean).toBe(3);
    expect(agency.low).toBeCloseTo(1.037, 3);
    expect(agency.high).toBeCloseTo(4.963, 3);
    // Everyone answered 3 on connectivity: no spread, a zero-width interval.
    expect(start!.rows[0]!.dimensions.connectivity).toEqual({ mean: 3, low: 3, high: 3 });
  });

  it("a person counts once per row and moment, with their latest answer; below 5 nothing is shown", () => {
    const later = new Date("2026-03-01T00:00:00Z");
    const result = diagnosticAggregates([...[1, 2, 3, 4].map((v, i) => answer(`a${i}`, "A", v)), answer("a0", "A", 5, "start", later)], rows, "Other");
    expect(result).toEqual([]);
  });

  it("rows below 5 merge per moment: C (2) joins Other with A (5), the smallest shown; B (6) stays", () => {
    const responses = [
      ...Array.from({ length: 5 }, (_, i) => answer(`a${i}`, "A", 4)),
      ...Array.from({ length: 6 }, (_, i) => answer(`b${i}`, "B", 2)),
      ...Array.from({ length: 2 }, (_, i) => answer(`c${i}`, "C", 1)),
      // Only three answered the end: no end figures at all.
      ...Array.from({ length: 3 }, (_, i) => answer(`b${i}`, "B", 5, "end")),
    ];
    const result = diagnosticAggregates(responses, rows, "Other");
    expect(result.map((m) => m.moment)).toEqual(["start"]);
    // Other: five 4s and two 1s → (20 + 2) / 7.
    expect(result[0]!.rows.map((r) => [r.id, r.respondents, r.dimensions.agency.mean])).toEqual([
      ["B", 6, 2],
      ["other", 7, 22 / 7],
    ]);
  });
});
