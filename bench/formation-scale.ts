// npm run bench:formation-scale — the scale target: 10,000 people into
// groups of 5–8 with diversity from attributes (no n×n matrix), a department
// cap, manager/report pairs never together and earlier pairs to avoid, within
// 120 s and 1 GB. Prints the time to the first plan, the value over time
// beside a random split's, the rules checked, and the peak resident memory.
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { compileDiversity, objective } from "../app/domain/formation/diversity";
import type { FormationProblem } from "../app/domain/formation/problem";
import { solveFormation } from "../app/domain/formation/solve-formation";

const N = Number(process.env.PEOPLE ?? 10_000);
const SECONDS = Number(process.env.SECONDS ?? 120);
const rng = xoroshiro128plus(16);
const int = (below: number) => uniformInt(rng, 0, below - 1);
const people = Array.from({ length: N }, () => ({
  department: int(20) === 0 ? null : `dept ${int(30)}`,
  site: int(10) === 0 ? null : `site ${int(8)}`,
  level: `level ${int(5)}`,
}));
const never: [number, number][] = [];
for (let i = 1; i < N; i++) if (int(10) === 0) never.push([int(i), i]);
const met: [number, number][] = [];
for (let k = 0; k < 3 * N; k++) met.push([int(N), int(N)]);
const groups = Array.from({ length: Math.round(N / 6.5) }, () => ({ min: 5, max: 8 }));
const problem: FormationProblem = {
  n: N,
  groups,
  diversity: { kind: "attributes", weights: { department: 3, site: 2, level: 1, notMetBefore: 4 }, metBefore: met },
  people,
  rules: { neverTogether: never, maxPerDepartment: 3 },
};

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 200);
const d = compileDiversity(N, problem.diversity, people);
const random = Int32Array.from({ length: N }, (_, i) => i % groups.length);
const randomValue = objective(d, random);
console.log(`${N.toLocaleString("en")} people, ${groups.length.toLocaleString("en")} groups of 5–8, ${never.length} never-together pairs, at most 3 per department, ${met.length} earlier pairs; ${SECONDS} s budget.`);
const started = performance.now();
const result = solveFormation(problem, {
  seed: 1,
  timeLimitMs: SECONDS * 1000,
  onProgress: (p) => {
    sample();
    console.log(`  ${(p.elapsedMs / 1000).toFixed(1)} s  value ${p.value.toFixed(0)}  (${p.iterations} iterations)`);
  },
});
clearInterval(timer);
sample();
if (!result.ok) throw new Error(result.problems[0]!.message);
const value = objective(d, result.assignment);
const size = new Array(groups.length).fill(0);
for (const g of result.assignment) size[g]++;
const broken =
  never.filter(([a, b]) => result.assignment[a] === result.assignment[b]).length + size.filter((s) => s < 5 || s > 8).length;
console.log(
  `done in ${((performance.now() - started) / 1000).toFixed(1)} s: value ${value.toFixed(0)} (a round-robin split: ${randomValue.toFixed(0)}, +${(((value - randomValue) / randomValue) * 100).toFixed(1)}%); rules broken: ${broken}; peak RSS ${(peak / 2 ** 20).toFixed(0)} MB.`,
);
