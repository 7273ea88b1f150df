// The engine's entry point: check the rules up front (an impossible problem
// is explained, never answered with a bad plan), then the exact routine for
// n ≤ 12 or the iterated tabu search within the time budget.
import { compileDiversity, objective } from "./diversity";
import { constructPlan } from "./construct";
import { nestedMessage } from "../i18n/nested-message";
import { EXACT_MAX_PEOPLE, solveExactly } from "./exact";
import type { FormationProblem, FormationSolution, SolveOptions } from "./problem";
import { seededRandom } from "./random";
import { compileRules } from "./rules";
import { SearchState } from "./search-state";
import { FULL_NEIGHBOURHOOD_MAX, iteratedTabuSearch, memeticSearch } from "./tabu-search";

export function solveFormation(problem: FormationProblem, options: SolveOptions = {}, start?: ArrayLike<number>): FormationSolution {
  const startedAt = performance.now();
  const compiled = compileRules(problem);
  if (!compiled.ok) return compiled;
  const r = compiled.rules;
  const d = compileDiversity(problem.n, problem.diversity, problem.people);

  if (problem.n <= EXACT_MAX_PEOPLE && !start) {
    const exact = solveExactly(d, r);
    if (!exact) {
      return {
        ok: false,
        problems: [{ rule: "placement", people: [], message: nestedMessage("cohorts:engine.noSplit") }],
      };
    }
    options.onProgress?.({ value: exact.value, elapsedMs: performance.now() - startedAt, iterations: 0 });
    return { ok: true, assignment: exact.assignment, value: exact.value, exact: true, iterations: 0, elapsedMs: performance.now() - startedAt };
  }

  const random = seededRandom(options.seed ?? 1);
  const built = constructPlan(problem, r, random, start);
  if (!built.ok) return { ok: false, problems: [built.problem] };
  const state = new SearchState(d, r, built.assignment);
  const free = new Uint8Array(problem.n);
  for (let i = 0; i < problem.n; i++) {
    const kept = start !== undefined && start[i]! >= 0;
    free[i] = r.pin[i]! < 0 && r.blockOf[i]! < 0 && !kept ? 1 : 0;
  }
  const blocks = r.blocks.filter((b) => r.pin[b[0]!]! < 0 && !(start !== undefined && start[b[0]!]! >= 0));
  const ctx = {
    random,
    startedAt,
    deadline: startedAt + (options.timeLimitMs ?? 2000),
    target: options.target ?? Infinity,
    onProgress: options.onProgress,
    free,
    blocks,
    iterations: 0,
  };
  // Up to FULL_NEIGHBOURHOOD_MAX people a population pays for itself; above, one plan is searched.
  const best =
    problem.n <= FULL_NEIGHBOURHOOD_MAX
      ? memeticSearch(state, ctx, (partial) => {
          const plan = constructPlan(problem, r, random, partial ?? start);
          return plan.ok ? plan.assignment : null;
        })
      : iteratedTabuSearch(state, ctx);
  const assignment = best.group.slice();
  // The value reported is recomputed from the plan, not carried from the deltas.
  return {
    ok: true,
    assignment,
    value: objective(d, assignment),
    exact: false,
    iterations: ctx.iterations,
    elapsedMs: performance.now() - startedAt,
  };
}

/**
 * Late joiners: everyone in `existing` (group index, or -1 for a new person)
 * keeps their group; the new people are placed with the same objective and
 * rules, and moved only among themselves.
 */
export function placeLateJoiners(problem: FormationProblem, existing: ArrayLike<number>, options: SolveOptions = {}): FormationSolution {
  if (existing.length !== problem.n) throw new Error("The existing plan must give every person a group or -1.");
  return solveFormation(problem, options, existing);
}
