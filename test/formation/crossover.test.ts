// The memetic search's crossover: children inherit parents' groups matched
// to slots (not by index), keep sizes, pins, never-together, always-together
// and the department cap, and the construction completes them under the rules.
import { constructPlan } from "~/domain/formation/construct";
import { crossover, makeCrossoverWork } from "~/domain/formation/crossover";
import { compileDiversity } from "~/domain/formation/diversity";
import type { FormationProblem } from "~/domain/formation/problem";
import { seededRandom } from "~/domain/formation/random";
import { compileRules, type CompiledRules } from "~/domain/formation/rules";
import { SearchState } from "~/domain/formation/search-state";

const n = 36;
const departments = ["Sales", "Finance", "Care", "IT"];

/** Different bounds per group, as in MDGPLIB's "ds" instances. */
const differentSizes = [
  { min: 4, max: 6 },
  { min: 4, max: 6 },
  { min: 5, max: 7 },
  { min: 5, max: 7 },
  { min: 6, max: 8 },
  { min: 6, max: 8 },
];

function problem(groups: FormationProblem["groups"]): FormationProblem {
  const values = new Float64Array(n * n);
  const random = seededRandom(7);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 1 + random.int(100) / 10;
      values[i * n + j] = v;
      values[j * n + i] = v;
    }
  }
  return {
    n,
    groups,
    diversity: { kind: "dense", values },
    people: Array.from({ length: n }, (_, i) => ({ name: `P${i}`, department: departments[i % 4] })),
    rules: {
      neverTogether: [
        [2, 3],
        [4, 5],
        [0, 6],
        [1, 7],
        [12, 20],
        [13, 21],
      ],
      alwaysTogether: [[8, 9, 10]],
      maxPerDepartment: 3,
      pins: [
        [0, 0],
        [1, 5],
        [11, 5],
      ],
    },
  };
}

function setUp(groups: FormationProblem["groups"] = differentSizes) {
  const p = problem(groups);
  const compiled = compileRules(p);
  if (!compiled.ok) throw new Error(compiled.problems[0]!.message);
  const r = compiled.rules;
  const d = compileDiversity(n, p.diversity);
  const free = new Uint8Array(n);
  for (let i = 0; i < n; i++) free[i] = r.pin[i]! < 0 && r.blockOf[i]! < 0 ? 1 : 0;
  const blocks = r.blocks.filter((b) => r.pin[b[0]!]! < 0);
  const parent = (seed: number) => {
    const built = constructPlan(p, r, seededRandom(seed), undefined);
    if (!built.ok) throw new Error(built.problem.message);
    return new SearchState(d, r, built.assignment);
  };
  return { p, r, d, free, blocks, parent };
}

/** Rules broken by a full plan, or by a partial one (-1 = not placed; sizes checked against max only). */
function broken(p: FormationProblem, r: CompiledRules, plan: ArrayLike<number>, partial: boolean): string[] {
  const found: string[] = [];
  const size = new Array(r.m).fill(0);
  for (let i = 0; i < n; i++) if (plan[i]! >= 0) size[plan[i]!]++;
  for (let g = 0; g < r.m; g++) {
    if (size[g] > r.max[g]! || (!partial && size[g] < r.min[g]!)) found.push(`group ${g} has ${size[g]}`);
  }
  for (let i = 0; i < n; i++) if (!partial && plan[i]! < 0) found.push(`${i} not placed`);
  for (const [a, b] of p.rules!.neverTogether!) if (plan[a]! >= 0 && plan[a] === plan[b]) found.push(`never ${a} ${b}`);
  for (const set of p.rules!.alwaysTogether!) if (new Set(set.map((i) => plan[i])).size > 1) found.push(`always ${set}`);
  for (const [i, g] of p.rules!.pins!) if (plan[i] !== g) found.push(`pin ${i}`);
  const count = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (plan[i]! < 0) continue;
    const key = `${plan[i]}:${departments[i % 4]}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  for (const [key, c] of count) if (c > p.rules!.maxPerDepartment!) found.push(`department ${key} has ${c}`);
  return found;
}

describe("matched crossover", () => {
  it("children keep sizes, pins, never-together, blocks and the department cap, and inherit whole parent groups", () => {
    const { p, r, free, blocks, parent } = setUp();
    let inherited = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const a = parent(seed);
      const b = parent(seed + 100);
      expect(broken(p, r, a.group, false)).toEqual([]);
      const w = makeCrossoverWork(a, free, blocks);
      const partial = new Int32Array(n);
      const random = seededRandom(seed);
      crossover(a, b, partial, w, random);
      expect(broken(p, r, partial, true)).toEqual([]);
      // Each slot's movable people all shared a group in one of the parents.
      for (let s = 0; s < r.m; s++) {
        const people = [...partial.keys()].filter((i) => partial[i] === s && free[i]);
        if (people.length === 0) continue;
        const fromA = new Set(people.map((i) => a.group[i])).size === 1;
        const fromB = new Set(people.map((i) => b.group[i])).size === 1;
        expect(fromA || fromB).toBe(true);
        inherited += people.length;
      }
      const child = constructPlan(p, r, random, partial);
      expect(child.ok).toBe(true);
      if (!child.ok) continue;
      expect(broken(p, r, child.assignment, false)).toEqual([]);
      for (let i = 0; i < n; i++) if (partial[i]! >= 0) expect(child.assignment[i]).toBe(partial[i]);
    }
    // Most people come from the parents, not from the construction.
    expect(inherited).toBeGreaterThan(30 * 20);
  });

  it("matches groups whatever their index: a plan crossed with itself relabelled gives the same split", () => {
    const { p, r, d, free, blocks, parent } = setUp(Array.from({ length: 6 }, () => ({ min: 5, max: 7 })));
    for (let seed = 1; seed <= 10; seed++) {
      const a = parent(seed);
      // Rotate the labels of groups 1 to 4 (nobody pinned there): kept at its
      // index, a group of b would land where a has another group.
      const relabelled = a.group.map((g) => (g >= 1 && g <= 4 ? (g % 4) + 1 : g));
      const b = new SearchState(d, r, relabelled);
      expect(broken(p, r, b.group, false)).toEqual([]);
      const partial = new Int32Array(n);
      crossover(a, b, partial, makeCrossoverWork(a, free, blocks), seededRandom(seed));
      // Everyone is placed, and two people share a child group exactly when they share one in a.
      expect([...partial].every((g) => g >= 0)).toBe(true);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) expect(partial[i] === partial[j]).toBe(a.group[i] === a.group[j]);
      }
    }
  });
});
