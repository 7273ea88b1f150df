// Every hard rule holds on every plan the engine returns, rules combined in
// one run; impossible problems are explained by rule and people, never
// answered with a plan.
import { solveFormation, placeLateJoiners } from "~/domain/formation/solve-formation";
import type { FormationProblem, PersonAttributes } from "~/domain/formation/problem";
import { translateNestedMessage } from "~/domain/i18n/nested-message";
import { i18nFor } from "~/domain/i18n/translators";

/** The engine's messages are catalogue keys with values: the English an admin reads. */
const english = (message: string) => translateNestedMessage(i18nFor("en"), message);

function violations(problem: FormationProblem, plan: ArrayLike<number>): string[] {
  const found: string[] = [];
  const rules = problem.rules ?? {};
  const people = problem.people ?? [];
  const size = new Array(problem.groups.length).fill(0);
  for (let i = 0; i < problem.n; i++) size[plan[i]!]++;
  problem.groups.forEach((b, g) => {
    if (size[g] < b.min || size[g] > b.max) found.push(`group ${g} has ${size[g]}`);
  });
  for (const [a, b] of rules.neverTogether ?? []) if (plan[a] === plan[b]) found.push(`never ${a} ${b}`);
  for (const set of rules.alwaysTogether ?? []) if (new Set(set.map((i) => plan[i])).size > 1) found.push(`always ${set}`);
  for (const [i, g] of rules.pins ?? []) if (plan[i] !== g) found.push(`pin ${i}`);
  if (rules.maxPerDepartment) {
    const count = new Map<string, number>();
    people.forEach((p, i) => {
      if (!p.department) return;
      const key = `${plan[i]}:${p.department}`;
      count.set(key, (count.get(key) ?? 0) + 1);
    });
    for (const [key, c] of count) if (c > rules.maxPerDepartment) found.push(`department ${key} has ${c}`);
  }
  const bandOf = new Map<number, string>();
  people.forEach((p, i) => {
    if (!p.band) return;
    const seen = bandOf.get(plan[i]!);
    if (seen && seen !== p.band) found.push(`group ${plan[i]} mixes ${seen} and ${p.band}`);
    bandOf.set(plan[i]!, p.band);
  });
  return found;
}

function company(n: number, seed: number): PersonAttributes[] {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  return Array.from({ length: n }, (_, i) => ({
    name: `P${i}`,
    department: next() < 0.1 ? null : ["Sales", "Finance", "Care", "IT", "Ops"][Math.floor(next() * 5)],
    site: next() < 0.2 ? null : ["Leeds", "York", "Hull"][Math.floor(next() * 3)],
    level: ["junior", "senior", "lead"][Math.floor(next() * 3)],
    band: i < 24 ? "morning" : i < 48 ? "afternoon" : null,
  }));
}

function everyRule(n: number, seed: number): FormationProblem {
  const people = company(n, seed);
  const neverTogether: [number, number][] = [];
  for (let i = 0; i + 5 < n; i += 7) neverTogether.push([i, i + 5]);
  return {
    n,
    groups: Array.from({ length: n / 6 }, () => ({ min: 5, max: 7 })),
    diversity: {
      kind: "attributes",
      weights: { department: 3, site: 2, level: 1, notMetBefore: 4 },
      metBefore: [[0, 1], [2, 3], [10, 11]],
    },
    people,
    rules: {
      neverTogether,
      alwaysTogether: [[1, 2], [30, 31, 32], [55, 56]],
      maxPerDepartment: 2,
      pins: [[0, 0], [40, 3], [55, 9]],
    },
  };
}

describe("hard rules on returned plans", () => {
  it("keeps every rule at once: sizes, never, always, department cap, bands, pins", () => {
    for (const seed of [1, 2, 3]) {
      const problem = everyRule(72, seed);
      const result = solveFormation(problem, { seed, timeLimitMs: 300 });
      if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
      expect(violations(problem, result.assignment)).toEqual([]);
    }
  });

  it("mixes departments better than the plan it started from", () => {
    const problem = everyRule(72, 4);
    const short = solveFormation(problem, { seed: 4, timeLimitMs: 1 });
    const long = solveFormation(problem, { seed: 4, timeLimitMs: 400 });
    expect(short.ok && long.ok).toBe(true);
    if (short.ok && long.ok) expect(long.value).toBeGreaterThanOrEqual(short.value);
  });

  it("places late joiners without moving anyone else, keeping the rules", () => {
    const problem = everyRule(72, 5);
    const people = problem.people!.map((p) => ({ ...p, band: null }));
    const groups = problem.groups.slice(0, 11);
    const first = solveFormation({ ...problem, n: 66, people: people.slice(0, 66), groups, rules: { maxPerDepartment: 2 } }, { seed: 5, timeLimitMs: 200 });
    if (!first.ok) throw new Error(first.problems[0]!.message);
    const later: FormationProblem = {
      ...problem,
      groups,
      people,
      rules: { maxPerDepartment: 2, neverTogether: [[66, 67]] },
    };
    const existing = Int32Array.from({ length: 72 }, (_, i) => (i < 66 ? first.assignment[i]! : -1));
    const placed = placeLateJoiners(later, existing, { seed: 5, timeLimitMs: 200 });
    if (!placed.ok) throw new Error(placed.problems[0]!.message);
    for (let i = 0; i < 66; i++) expect(placed.assignment[i]).toBe(first.assignment[i]);
    expect(violations(later, placed.assignment)).toEqual([]);
  });

  it("gives every group to a band when all the people share one, even where a band's groups would hold them with fewer", () => {
    // 18 people in one band, four groups of 4 to 6: three groups hold 18, but the fourth must not be left to nobody.
    const people = Array.from({ length: 18 }, (_, i) => ({ name: `P${i}`, department: `d${i % 3}`, band: "Europe" }));
    const problem: FormationProblem = { n: 18, groups: Array.from({ length: 4 }, () => ({ min: 4, max: 6 })), diversity: { kind: "attributes", weights: { department: 1 } }, people };
    const result = solveFormation(problem, { seed: 1, timeLimitMs: 200 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const sizes = [0, 0, 0, 0];
    for (const g of result.assignment) sizes[g]!++;
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(4);
  });

  it("returns the proven optimum with rules for a small cohort", () => {
    const people = company(10, 9).map((p) => ({ ...p, band: null }));
    const problem: FormationProblem = {
      n: 10,
      groups: [{ min: 3, max: 4 }, { min: 3, max: 4 }, { min: 2, max: 4 }],
      diversity: { kind: "attributes", weights: { department: 2, site: 1, level: 1 } },
      people,
      rules: { neverTogether: [[0, 1]], alwaysTogether: [[2, 3]], pins: [[4, 2]] },
    };
    const result = solveFormation(problem);
    if (!result.ok) throw new Error(result.problems[0]!.message);
    expect(result.exact).toBe(true);
    expect(violations(problem, result.assignment)).toEqual([]);
  });
});

describe("impossible problems are explained", () => {
  const base = (n: number): FormationProblem => ({
    n,
    groups: [{ min: 3, max: 4 }, { min: 3, max: 4 }],
    diversity: { kind: "attributes", weights: { department: 1 } },
    people: Array.from({ length: n }, (_, i) => ({ name: `P${i}`, department: i < 6 ? "Sales" : "IT" })),
  });

  it("group sizes that cannot split the cohort", () => {
    const result = solveFormation(base(9));
    expect(result.ok).toBe(false);
    if (!result.ok) expect({ ...result.problems[0], message: english(result.problems[0]!.message) }).toMatchObject({ rule: "sizes", message: expect.stringContaining("cannot split 9 people") });
  });

  it("an empty cohort", () => {
    const result = solveFormation({ ...base(0), people: [] });
    expect(!result.ok && english(result.problems[0]!.message)).toBe("There is nobody to place.");
  });

  it("always together with never together, naming both people", () => {
    const result = solveFormation({ ...base(8), rules: { alwaysTogether: [[1, 2, 3]], neverTogether: [[1, 3]] } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]).toMatchObject({ rule: "always-together", people: [1, 3] });
      expect(english(result.problems[0]!.message)).toContain("P1 and P3 must never be together");
    }
  });

  it("a department cap that cannot fit", () => {
    const result = solveFormation({ ...base(8), rules: { maxPerDepartment: 2 } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]!.rule).toBe("department-cap");
      expect(english(result.problems[0]!.message)).toBe("Sales has 6 people, but at most 2 per group in 2 groups holds 4.");
      expect(result.problems[0]!.people).toEqual([0, 1, 2, 3, 4, 5]);
    }
  });

  it("an always-together set larger than any group", () => {
    const result = solveFormation({ ...base(8), rules: { alwaysTogether: [[0, 1, 2, 3, 4]] } });
    expect(!result.ok && result.problems[0]!.rule).toBe("always-together");
  });

  it("meeting times that leave a band without enough room", () => {
    const problem = base(8);
    problem.people = problem.people!.map((p, i) => ({ ...p, band: i < 5 ? "morning" : "evening" }));
    const result = solveFormation(problem);
    expect(!result.ok && result.problems[0]!.rule).toBe("bands");
  });

  it("pins that put a manager with their report", () => {
    const result = solveFormation({ ...base(8), rules: { neverTogether: [[0, 7]], pins: [[0, 1], [7, 1]] } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ rule: "never-together", people: [0, 7] });
  });

  it("never-together rules no plan can keep, found by the search instead of a bad plan", () => {
    // Everyone must avoid everyone else in groups of 3–4: no rule alone is wrong, together impossible.
    const never: [number, number][] = [];
    for (let i = 0; i < 14; i++) for (let j = i + 1; j < 14; j++) if ((i + j) % 3 !== 0) never.push([i, j]);
    const result = solveFormation(
      { n: 14, groups: [{ min: 3, max: 4 }, { min: 3, max: 4 }, { min: 3, max: 4 }, { min: 3, max: 4 }], diversity: { kind: "attributes", weights: { level: 1 } }, rules: { neverTogether: never } },
      { timeLimitMs: 100 },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.rule).toBe("placement");
  });
});
