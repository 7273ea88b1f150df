// The search for the maximally diverse grouping problem with side rules (see
// docs/formation.md). Each tabu phase takes the best admissible move (one
// person to another group), swap (two people trade groups) or block move (an
// always-together set); a person may not return to a group they left for a
// random tenure, unless that gives the phase's best plan (aspiration); the
// phase ends after `stall` iterations without a better plan and rewinds to
// its best. Iterated tabu search perturbs the best plan by random feasible
// swaps and moves between phases; the memetic search keeps a small
// population and crosses plans group by group (crossover.ts). Every evaluation is O(1) from
// the state's per-person per-group sums.
import { crossover, makeCrossoverWork } from "./crossover";
import { DENSE } from "./diversity";
import type { FormationProgress } from "./problem";
import type { Random } from "./random";
import { SearchState } from "./search-state";

export type SearchContext = {
  random: Random;
  deadline: number;
  startedAt: number;
  target: number;
  onProgress?: (p: FormationProgress) => void;
  /** People the search may move on their own (not pinned, not in a block). */
  free: Uint8Array;
  /** Blocks the search may move (not pinned). */
  blocks: Int32Array[];
  iterations: number;
};

// Tuned on MDGPLIB RanReal n = 240 in five-second runs (bench/README.md).
/** A tabu phase ends after this many iterations per person without a better plan. */
const STALL_PER_PERSON = 20;
/** Perturbation strength, as a share of the people, grows from the first to the second. */
const PERTURB_MIN = 0.02;
const PERTURB_MAX = 0.25;
/** Memetic search: plans kept, and perturbation rounds given to each child. */
const POPULATION = 4;
const ROUNDS_PER_CHILD = 3;
/**
 * The first plans get one tabu phase and no perturbation rounds: at n = 240
 * in 10 s, three rounds each left under 3 s for children (two or three of
 * them); one phase leaves six to eight (bench/README.md).
 */
const ROUNDS_PER_FIRST_PLAN = 0;

/** Above this many people the full swap neighbourhood (n²/2 pairs) is sampled instead. */
export const FULL_NEIGHBOURHOOD_MAX = 1500;

export function makeWork(current: SearchState, ctx: SearchContext): Work {
  const { n } = current;
  // Sampled phases stop sooner: each move costs O(n), and a phase cut by the
  // deadline rewinds its moves since its best, which must stay short.
  const stall = Math.max(200, Math.min(STALL_PER_PERSON * n, n <= FULL_NEIGHBOURHOOD_MAX ? 20_000 : 2_000));
  const logLength = stall * 2 + 4 * (n + 2);
  return {
    tabuUntil: new Int32Array(n * current.m),
    own: new Float64Array(n),
    pairGain: new Float64Array(n <= FULL_NEIGHBOURHOOD_MAX ? current.m * current.m : 0),
    logPerson: new Int32Array(logLength),
    logFrom: new Int32Array(logLength),
    freeList: Int32Array.from([...ctx.free.keys()].filter((i) => ctx.free[i])),
    stall,
    minStrength: Math.max(2, Math.round(n * PERTURB_MIN)),
    maxStrength: Math.max(3, Math.round(n * PERTURB_MAX)),
  };
}

function reporter(ctx: SearchContext, best: SearchState): (force: boolean) => void {
  let lastReport = 0;
  return (force) => {
    const now = performance.now();
    if (ctx.onProgress && (force || now - lastReport > 100)) {
      lastReport = now;
      ctx.onProgress({ value: best.value, elapsedMs: now - ctx.startedAt, iterations: ctx.iterations });
    }
  };
}

/** Tabu phase, then `rounds` of perturbing the best and searching again; `s` ends as the best found. */
function improve(s: SearchState, scratch: SearchState, ctx: SearchContext, work: Work, rounds: number): void {
  tabuPhase(s, ctx, work, work.stall);
  let strength = work.minStrength;
  for (let k = 0; k < rounds && performance.now() < ctx.deadline && s.value < ctx.target; k++) {
    scratch.copyFrom(s);
    perturb(scratch, ctx, work.freeList, strength);
    tabuPhase(scratch, ctx, work, work.stall);
    if (scratch.value > s.value + 1e-9) {
      s.copyFrom(scratch);
      strength = work.minStrength;
    } else {
      strength = strength >= work.maxStrength ? work.minStrength : strength + 1;
    }
  }
}

export function iteratedTabuSearch(current: SearchState, ctx: SearchContext): SearchState {
  const work = makeWork(current, ctx);
  const best = SearchState.copyOf(current);
  const report = reporter(ctx, best);
  report(true);
  tabuPhase(current, ctx, work, work.stall);
  best.copyFrom(current);
  report(true);
  let strength = work.minStrength;
  while (performance.now() < ctx.deadline && best.value < ctx.target) {
    current.copyFrom(best);
    perturb(current, ctx, work.freeList, strength);
    tabuPhase(current, ctx, work, work.stall);
    if (current.value > best.value + 1e-9) {
      best.copyFrom(current);
      strength = work.minStrength;
      report(false);
    } else {
      strength = strength >= work.maxStrength ? work.minStrength : strength + 1;
    }
  }
  report(true);
  return best;
}

/**
 * Memetic search: a small population of plans, each improved by a tabu
 * phase; children inherit whole groups alternately from two parents, matched
 * to slots that fit them (crossover.ts), the rest placed by the rule-keeping
 * construction, then improved by iterated tabu search; a child replaces the
 * worst plan when it is better and not a copy of one already kept.
 */
export function memeticSearch(first: SearchState, ctx: SearchContext, build: (partial: Int32Array | null) => Int32Array | null): SearchState {
  const { n } = first;
  const work = makeWork(first, ctx);
  const rounds = ROUNDS_PER_CHILD;
  const size = POPULATION;
  const best = SearchState.copyOf(first);
  const scratch = SearchState.copyOf(first);
  const report = reporter(ctx, best);
  const population: SearchState[] = [];
  const consider = (s: SearchState) => {
    if (s.value > best.value + 1e-9) {
      best.copyFrom(s);
      report(false);
    }
  };
  report(true); // the constructed plan, so a progress bar moves at once
  improve(first, scratch, ctx, work, ROUNDS_PER_FIRST_PLAN);
  best.copyFrom(first);
  report(true);
  population.push(first);
  while (population.length < size && performance.now() < ctx.deadline && best.value < ctx.target) {
    const plan = build(null);
    if (!plan) break;
    const s = new SearchState(first.d, first.r, plan);
    improve(s, scratch, ctx, work, ROUNDS_PER_FIRST_PLAN);
    consider(s);
    population.push(s);
  }
  const partial = new Int32Array(n);
  const crossWork = makeCrossoverWork(first, ctx.free, ctx.blocks);
  const child = SearchState.copyOf(first);
  while (population.length > 1 && performance.now() < ctx.deadline && best.value < ctx.target) {
    const a = population[ctx.random.int(population.length)]!;
    let b = population[ctx.random.int(population.length)]!;
    if (a === b) b = population[(population.indexOf(a) + 1) % population.length]!;
    crossover(a, b, partial, crossWork, ctx.random);
    const plan = build(partial);
    if (plan) child.reset(plan);
    else {
      child.copyFrom(a);
      perturb(child, ctx, work.freeList, work.maxStrength);
    }
    improve(child, scratch, ctx, work, rounds);
    consider(child);
    let worst = 0;
    for (let k = 1; k < population.length; k++) if (population[k]!.value < population[worst]!.value) worst = k;
    const copy = population.some((p) => Math.abs(p.value - child.value) < 1e-6);
    if (!copy && child.value > population[worst]!.value) population[worst]!.copyFrom(child);
  }
  report(true);
  return best;
}

type Work = {
  stall: number;
  minStrength: number;
  maxStrength: number;
  /** tabuUntil[i*m + g]: until when person i may not return to group g. */
  tabuUntil: Int32Array;
  own: Float64Array;
  pairGain: Float64Array;
  logPerson: Int32Array;
  logFrom: Int32Array;
  freeList: Int32Array;
};

function tabuPhase(s: SearchState, ctx: SearchContext, work: Work, stall: number): void {
  const { n, m, group, size, sums } = s;
  const { min, max } = s.r;
  const { tabuUntil, own, logPerson, logFrom, freeList } = work;
  const free = ctx.free;
  const random = ctx.random;
  const constrained = s.r.hasBands || s.r.hasCap || s.r.hasNever;
  const dense = s.d.kind === DENSE ? s.d.dense : null;
  const full = n <= FULL_NEIGHBOURHOOD_MAX;
  const sample = Math.min(freeList.length, 64);
  const pairGain = work.pairGain;
  const prune = s.d.nonNegative;
  const tenureBase = Math.max(3, Math.round(Math.min(n / 20, 40)));
  let phaseBest = s.value;
  let logLength = 0;
  let sinceBest = 0;
  let iter = 0;
  tabuUntil.fill(0);
  while (sinceBest < stall) {
    iter++;
    ctx.iterations++;
    if ((iter & 63) === 0 && (performance.now() > ctx.deadline || phaseBest >= ctx.target)) break;
    for (let j = 0; j < n; j++) own[j] = sums[j * m + group[j]!]!;
    let bestDelta = -Infinity;
    let bi = -1;
    let bj = -1;
    let bh = -1;
    let ties = 0;
    const value = s.value;
    if (full) {
      // Moves first, recording for each pair of groups (g, h) the most any
      // free member of g gains by joining h. A swap between g and h gains at
      // most pairGain[g][h] + pairGain[h][g] (diversities are ≥ 0), so whole
      // pairs of groups, then single people, are skipped once that bound is
      // below the best found (neighbourhood decomposition).
      pairGain.fill(-Infinity);
      const F = freeList.length;
      for (let c = 0; c < F; c++) {
        const i = freeList[c]!;
        const gi = group[i]!;
        const rowI = i * m;
        const base = own[i]!;
        const canLeave = size[gi]! > min[gi]!;
        const rowP = gi * m;
        for (let h = 0; h < m; h++) {
          if (h === gi) continue;
          const delta = sums[rowI + h]! - base;
          if (delta > pairGain[rowP + h]!) pairGain[rowP + h] = delta;
          if (!canLeave || size[h]! >= max[h]! || delta < bestDelta) continue;
          if (tabuUntil[rowI + h]! > iter && value + delta <= phaseBest) continue;
          if (constrained && !s.allowed(i, h, -1)) continue;
          if (delta > bestDelta) {
            bestDelta = delta;
            ties = 1;
          } else if (random.int(++ties) !== 0) continue;
          bi = i;
          bj = -1;
          bh = h;
        }
      }
      const stride = s.stride;
      for (let g = 0; g < m; g++) {
        for (let h = g + 1; h < m; h++) {
          const back = pairGain[h * m + g]!;
          if (prune && pairGain[g * m + h]! + back < bestDelta) continue;
          for (let a = 0; a < size[g]!; a++) {
            const i = s.members[g * stride + a]!;
            if (!free[i]) continue;
            const ai = sums[i * m + h]! - own[i]!;
            if (prune && ai + back < bestDelta) continue;
            const tabuI = tabuUntil[i * m + h]! > iter;
            const rowD = i * n;
            for (let b = 0; b < size[h]!; b++) {
              const j = s.members[h * stride + b]!;
              if (!free[j]) continue;
              const dij = dense !== null ? dense[rowD + j]! : s.pair(i, j);
              const delta = ai + sums[j * m + g]! - own[j]! - 2 * dij;
              if (delta < bestDelta) continue;
              if ((tabuI || tabuUntil[j * m + g]! > iter) && value + delta <= phaseBest) continue;
              if (constrained && !s.canSwap(i, j)) continue;
              if (delta > bestDelta) {
                bestDelta = delta;
                ties = 1;
              } else if (random.int(++ties) !== 0) continue;
              bi = i;
              bj = j;
            }
          }
        }
      }
    } else {
      for (let c = 0; c < sample; c++) {
        const i = freeList[random.int(freeList.length)]!;
        const gi = group[i]!;
        const rowI = i * m;
        const base = own[i]!;
        // Sampled: the best move of i, and swaps with the members of the group i gains most from joining.
        let target = -1;
        let gain = -Infinity;
        for (let h = 0; h < m; h++) {
          if (h === gi) continue;
          const delta = sums[rowI + h]! - base;
          if (delta > gain) {
            gain = delta;
            target = h;
          }
          if (size[gi]! <= min[gi]! || size[h]! >= max[h]! || delta <= bestDelta) continue;
          if (tabuUntil[rowI + h]! > iter && value + delta <= phaseBest) continue;
          if (constrained && !s.allowed(i, h, -1)) continue;
          bestDelta = delta;
          bi = i;
          bj = -1;
          bh = h;
        }
        if (target < 0) continue;
        const start = target * s.stride;
        for (let k = 0; k < size[target]!; k++) {
          const j = s.members[start + k]!;
          if (!free[j]) continue;
          const delta = sums[rowI + target]! - base + sums[j * m + gi]! - own[j]! - 2 * s.pair(i, j);
          if (delta <= bestDelta) continue;
          if ((tabuUntil[rowI + target]! > iter || tabuUntil[j * m + gi]! > iter) && value + delta <= phaseBest) continue;
          if (constrained && !s.canSwap(i, j)) continue;
          bestDelta = delta;
          bi = i;
          bj = j;
        }
      }
    }
    // Always-together blocks move as a whole.
    let blockBest = -1;
    let blockTarget = -1;
    for (let b = 0; b < ctx.blocks.length; b++) {
      const block = ctx.blocks[b]!;
      const first = block[0]!;
      const g = group[first]!;
      if (size[g]! - block.length < min[g]!) continue;
      for (let h = 0; h < m; h++) {
        const tabu = tabuUntil[first * m + h]! > iter;
        if (h === g || size[h]! + block.length > max[h]!) continue;
        let delta = 0;
        for (let k = 0; k < block.length; k++) {
          const p = block[k]!;
          delta += sums[p * m + h]! - own[p]!;
          for (let q = 0; q < block.length; q++) if (q !== k) delta += s.pair(p, block[q]!);
        }
        if (delta <= bestDelta) continue;
        if (tabu && value + delta <= phaseBest) continue;
        if (!blockAllowed(s, block, h)) continue;
        bestDelta = delta;
        blockBest = b;
        blockTarget = h;
      }
    }
    if (blockBest >= 0) {
      const block = ctx.blocks[blockBest]!;
      const tenure = tenureBase + random.int(tenureBase);
      for (const p of block) {
        logPerson[logLength] = p;
        logFrom[logLength++] = group[p]!;
        tabuUntil[p * m + group[p]!] = iter + tenure;
        s.move(p, blockTarget);
      }
    } else if (bi >= 0) {
      const gi = group[bi]!;
      logPerson[logLength] = bi;
      logFrom[logLength++] = gi;
      if (bj >= 0) {
        const gj = group[bj]!;
        logPerson[logLength] = bj;
        logFrom[logLength++] = gj;
        s.move(bi, gj);
        s.move(bj, gi);
        tabuUntil[bj * m + gj] = iter + tenureBase + random.int(tenureBase);
      } else {
        s.move(bi, bh);
      }
      tabuUntil[bi * m + gi] = iter + tenureBase + random.int(tenureBase);
    }
    if (s.value > phaseBest + 1e-9) {
      phaseBest = s.value;
      logLength = 0;
      sinceBest = 0;
    } else {
      sinceBest++;
      if (logLength + 2 * (n + 2) > logPerson.length) break;
    }
  }
  // Rewind to the phase's best plan.
  for (let k = logLength - 1; k >= 0; k--) s.move(logPerson[k]!, logFrom[k]!);
}

function blockAllowed(s: SearchState, block: Int32Array, h: number): boolean {
  for (const p of block) {
    if (!s.allowed(p, h, -1)) return false;
  }
  if (s.r.hasCap) {
    const D = s.r.departments.length;
    for (let k = 0; k < block.length; k++) {
      const dep = s.r.department[block[k]!]!;
      if (dep < 0) continue;
      let c = s.deptCount[h * D + dep]!;
      for (let q = 0; q < block.length; q++) if (s.r.department[block[q]!] === dep) c++;
      if (c > s.r.cap) return false;
    }
  }
  return true;
}

/** Random feasible swaps and moves among free people. */
function perturb(s: SearchState, ctx: SearchContext, freeList: Int32Array, strength: number): void {
  const random = ctx.random;
  if (freeList.length < 2) return;
  let done = 0;
  for (let tries = 0; done < strength && tries < strength * 20; tries++) {
    const i = freeList[random.int(freeList.length)]!;
    if (random.int(4) === 0) {
      const h = random.int(s.m);
      if (s.canMove(i, h)) {
        s.move(i, h);
        done++;
      }
    } else {
      const j = freeList[random.int(freeList.length)]!;
      if (s.group[i] !== s.group[j] && s.canSwap(i, j)) {
        const gi = s.group[i]!;
        s.move(i, s.group[j]!);
        s.move(j, gi);
        done++;
      }
    }
  }
}
