// The search's O(1) deltas and incrementally kept sums must equal a full
// recomputation after any sequence of moves and swaps, for each diversity shape.
import fc from "fast-check";
import { compileDiversity, objective, pairDiversity } from "~/domain/formation/diversity";
import type { DiversitySource, FormationProblem } from "~/domain/formation/problem";
import { compileRules } from "~/domain/formation/rules";
import { SearchState } from "~/domain/formation/search-state";

type Step = { kind: "move" | "swap"; a: number; b: number };

const cases = fc.record({
  n: fc.integer({ min: 4, max: 24 }),
  m: fc.integer({ min: 2, max: 5 }),
  shape: fc.constantFrom("dense", "sparse", "attributes"),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  steps: fc.array(fc.record({ kind: fc.constantFrom("move", "swap"), a: fc.nat(), b: fc.nat() }), { minLength: 1, maxLength: 40 }),
});

function build(n: number, m: number, shape: string, seed: number): FormationProblem {
  let x = seed + 1;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const people = Array.from({ length: n }, () => ({
    department: next() < 0.2 ? null : `d${Math.floor(next() * 4)}`,
    site: next() < 0.3 ? undefined : `s${Math.floor(next() * 3)}`,
    level: `l${Math.floor(next() * 3)}`,
  }));
  let diversity: DiversitySource;
  if (shape === "dense") {
    const values = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) values[i * n + j] = values[j * n + i] = Math.round(next() * 1000) / 10;
    diversity = { kind: "dense", values };
  } else if (shape === "sparse") {
    const pairs: [number, number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (next() < 0.3) pairs.push([i, j, Math.round(next() * 100)]);
    diversity = { kind: "sparse", pairs };
  } else {
    const metBefore: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (next() < 0.1) metBefore.push([i, j]);
    // Soft wishes, positive and negative, as the product's preferences make them.
    const adjust: [number, number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (next() < 0.05) adjust.push([i, j, next() < 0.5 ? 1 : -1]);
    diversity = { kind: "attributes", weights: { department: 3, site: 2, level: 1, notMetBefore: 4 }, metBefore, adjust };
  }
  return { n, groups: Array.from({ length: m }, () => ({ min: 0, max: n })), diversity, people };
}

describe("delta evaluation", () => {
  it("equals a full recomputation after random moves and swaps", () => {
    fc.assert(
      fc.property(cases, ({ n, m, shape, seed, steps }) => {
        const problem = build(n, m, shape, seed);
        const compiled = compileRules(problem);
        if (!compiled.ok) throw new Error(compiled.problems[0]!.message);
        const d = compileDiversity(n, problem.diversity, problem.people);
        const start = Array.from({ length: n }, (_, i) => (i * 7 + seed) % m);
        const state = new SearchState(d, compiled.rules, start);
        expect(state.value).toBeCloseTo(objective(d, state.group), 6);
        for (const step of steps as Step[]) {
          const i = step.a % n;
          if (step.kind === "move") {
            const h = step.b % m;
            const predicted = state.value + (h === state.group[i] ? 0 : state.moveDelta(i, h));
            state.move(i, h);
            expect(state.value).toBeCloseTo(predicted, 6);
          } else {
            const j = step.b % n;
            if (i === j || state.group[i] === state.group[j]) continue;
            const predicted = state.value + state.swapDelta(i, j);
            const gi = state.group[i]!;
            state.move(i, state.group[j]!);
            state.move(j, gi);
            expect(state.value).toBeCloseTo(predicted, 6);
          }
          expect(state.value).toBeCloseTo(objective(d, state.group), 6);
        }
        // Every per-person per-group sum, member list and size matches the plan.
        for (let i = 0; i < n; i++) {
          for (let g = 0; g < m; g++) {
            let sum = 0;
            for (let j = 0; j < n; j++) if (j !== i && state.group[j] === g) sum += pairDiversity(d, i, j);
            expect(state.sums[i * m + g]).toBeCloseTo(sum, 6);
          }
        }
        for (let g = 0; g < m; g++) {
          const members = Array.from(state.members.subarray(g * state.stride, g * state.stride + state.size[g]!)).sort((a, b) => a - b);
          expect(members).toEqual([...Array(n).keys()].filter((i) => state.group[i] === g));
        }
      }),
      { numRuns: 150, seed: 16 },
    );
  });
});
