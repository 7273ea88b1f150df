// Iterated tabu search for the maximally diverse grouping problem with side
// rules (see docs/formation.md). Each tabu phase takes the best admissible
// move (one person to another group), swap (two people trade groups) or
// block move (an always-together set), with person-based tabu tenure and
// aspiration; it ends after `stall` iterations without a better plan and
// rewinds to its best. Between phases the best plan is perturbed by random
// feasible swaps and moves, with a strength that grows while nothing improves.
// Every evaluation is O(1) from the state's per-person per-group sums.
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

/** Above this many people the full swap neighbourhood (n²/2 pairs) is sampled instead. */
const FULL_NEIGHBOURHOOD_MAX = 1500;

export function iteratedTabuSearch(current: SearchState, ctx: SearchContext): SearchState {
  const { n } = current;
  const best = new SearchState(current.d, current.r, current.group);
  const work = {
    tabuUntil: new Float64Array(n),
    own: new Float64Array(n),
    pairGain: new Float64Array(n <= FULL_NEIGHBOURHOOD_MAX ? current.m * current.m : 0),
    logPerson: new Int32Array(0),
    logFrom: new Int32Array(0),
    freeList: Int32Array.from([...ctx.free.keys()].filter((i) => ctx.free[i])),
  };
  const stall = Math.max(200, Math.min(Number(process.env.FT_STALL ?? 4) * n, 20_000));
  work.logPerson = new Int32Array(stall * 2 + 4 * (n + 2));
  work.logFrom = new Int32Array(work.logPerson.length);
  let lastReport = 0;
  const report = (force: boolean) => {
    const now = performance.now();
    if (ctx.onProgress && (force || now - lastReport > 100)) {
      lastReport = now;
      ctx.onProgress({ value: best.value, elapsedMs: now - ctx.startedAt, iterations: ctx.iterations });
    }
  };

  tabuPhase(current, ctx, work, stall);
  best.copyFrom(current);
  report(true);
  const minStrength = Math.max(2, Math.round(n * Number(process.env.FT_PMIN ?? 0.02)));
  const maxStrength = Math.max(minStrength + 1, Math.round(n * Number(process.env.FT_PMAX ?? 0.25)));
  let strength = minStrength;
  while (performance.now() < ctx.deadline && best.value < ctx.target) {
    current.copyFrom(best);
    perturb(current, ctx, work.freeList, strength);
    tabuPhase(current, ctx, work, stall);
    if (current.value > best.value + 1e-9) {
      best.copyFrom(current);
      strength = minStrength;
      report(false);
    } else {
      strength = strength >= maxStrength ? minStrength : strength + 1;
    }
  }
  report(true);
  return best;
}

type Work = {
  tabuUntil: Float64Array;
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
  const prune = s.d.nonNegative && !process.env.FT_NOPRUNE;
  const tenureBase = Math.max(3, Math.round(Math.min(n / Number(process.env.FT_TEN ?? 10), 40)));
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
        const tabuI = tabuUntil[i]! > iter;
        const rowP = gi * m;
        for (let h = 0; h < m; h++) {
          if (h === gi) continue;
          const delta = sums[rowI + h]! - base;
          if (delta > pairGain[rowP + h]!) pairGain[rowP + h] = delta;
          if (!canLeave || size[h]! >= max[h]! || delta < bestDelta) continue;
          if (tabuI && value + delta <= phaseBest) continue;
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
            const tabuI = tabuUntil[i]! > iter;
            const rowD = i * n;
            for (let b = 0; b < size[h]!; b++) {
              const j = s.members[h * stride + b]!;
              if (!free[j]) continue;
              const dij = dense !== null ? dense[rowD + j]! : s.pair(i, j);
              const delta = ai + sums[j * m + g]! - own[j]! - 2 * dij;
              if (delta < bestDelta) continue;
              if ((tabuI || tabuUntil[j]! > iter) && value + delta <= phaseBest) continue;
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
        const tabuI = tabuUntil[i]! > iter;
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
          if (tabuI && value + delta <= phaseBest) continue;
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
          if ((tabuI || tabuUntil[j]! > iter) && value + delta <= phaseBest) continue;
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
      const tabu = tabuUntil[first]! > iter;
      for (let h = 0; h < m; h++) {
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
        s.move(p, blockTarget);
        tabuUntil[p] = iter + tenure;
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
        tabuUntil[bj] = iter + tenureBase + random.int(tenureBase);
      } else {
        s.move(bi, bh);
      }
      tabuUntil[bi] = iter + tenureBase + random.int(tenureBase);
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
