// The memetic search's crossover. Group labels mean nothing between two plans
// (parent A's group 3 and parent B's group 3 are unrelated), so groups are
// matched to the child's slots instead of kept at their index: the child
// takes groups from the parents alternately, each time the parent's group
// with the most diversity among people not yet placed, and puts it in a free
// slot that can hold it (same band, room for it, its own index when that is
// free). People who cannot move (pins, late joiners' kept places) stay where
// every plan has them, and a group holding them only goes to their slot. The
// people left over are placed afterwards by the rule-keeping construction.
import type { Random } from "./random";
import type { SearchState } from "./search-state";

export type CrossoverWork = {
  /** People whose group is the same in every plan (not free and in no movable block). */
  fixed: Uint8Array;
  /** Slots holding fixed people: only the parents' group of that index may go there. */
  anchored: Uint8Array;
  used: Uint8Array;
  /** taken[p*m + g]: parent p's group g was inherited or found unplaceable. */
  taken: Uint8Array;
  count: Int32Array;
};

export function makeCrossoverWork(first: SearchState, free: Uint8Array, blocks: readonly Int32Array[]): CrossoverWork {
  const { n, m } = first;
  const fixed = new Uint8Array(n);
  const anchored = new Uint8Array(m);
  for (let i = 0; i < n; i++) fixed[i] = free[i] ? 0 : 1;
  for (const block of blocks) for (const i of block) fixed[i] = 0;
  for (let i = 0; i < n; i++) if (fixed[i]) anchored[first.group[i]!] = 1;
  return { fixed, anchored, used: new Uint8Array(m), taken: new Uint8Array(2 * m), count: new Int32Array(m) };
}

/**
 * Writes into `partial` a child of `a` and `b`: a group index per person, or
 * -1 for the people the construction places afterwards. Every inherited
 * group is part of a parent's group, so it keeps the never-together and
 * department rules; its slot has its band and room for it.
 */
export function crossover(a: SearchState, b: SearchState, partial: Int32Array, w: CrossoverWork, random: Random): void {
  const { n, m, stride } = a;
  const { min, max, groupBand, hasBands } = a.r;
  const { fixed, anchored, used, taken, count } = w;
  partial.fill(-1);
  used.fill(0);
  taken.fill(0);
  count.fill(0);
  for (let i = 0; i < n; i++) {
    if (fixed[i]) {
      partial[i] = a.group[i]!;
      count[a.group[i]!]!++;
    }
  }
  let slotsLeft = m;
  let idle = 0;
  for (let step = 0; slotsLeft > 0 && idle < 2; step++) {
    const p = step % 2;
    const parent = p === 0 ? a : b;
    const offset = p * m;
    let placed = false;
    while (!placed) {
      // The parent's group with the most diversity among its people not yet placed.
      let pick = -1;
      let pickScore = -Infinity;
      let pickCount = 0;
      for (let g = 0; g < m; g++) {
        if (taken[offset + g]) continue;
        let score = 0;
        let unplaced = 0;
        const start = g * stride;
        for (let x = 0; x < parent.size[g]!; x++) {
          const i = parent.members[start + x]!;
          if (partial[i] !== -1) continue;
          unplaced++;
          for (let y = x + 1; y < parent.size[g]!; y++) {
            const j = parent.members[start + y]!;
            if (partial[j] === -1) score += parent.pair(i, j);
          }
        }
        if (unplaced === 0 && !anchored[g]) {
          taken[offset + g] = 1;
          continue;
        }
        if (score > pickScore) {
          pickScore = score;
          pick = g;
          pickCount = unplaced;
        }
      }
      if (pick < 0) break;
      taken[offset + pick] = 1;
      const slot = anchored[pick] ? (used[pick] ? -1 : pick) : chooseSlot(pick, pickCount);
      if (slot < 0) continue;
      const start = pick * stride;
      for (let x = 0; x < parent.size[pick]!; x++) {
        const i = parent.members[start + x]!;
        if (partial[i] === -1) {
          partial[i] = slot;
          count[slot]!++;
        }
      }
      used[slot] = 1;
      slotsLeft--;
      placed = true;
    }
    idle = placed ? 0 : idle + 1;
  }

  // A free slot for a group of `size` people from the parents' group g: its
  // own index when that fits, else one whose bounds hold it, the bounds
  // centred nearest its size (ties at random).
  function chooseSlot(g: number, size: number): number {
    let best = -1;
    let bestMiss = Infinity;
    let ties = 0;
    for (let s = 0; s < m; s++) {
      if (used[s] || anchored[s] || size > max[s]!) continue;
      if (hasBands && groupBand[s] !== groupBand[g]) continue;
      if (s === g && size >= min[s]!) return s;
      const miss = Math.abs(min[s]! + max[s]! - 2 * size) + (size < min[s]! ? 1000 : 0);
      if (miss < bestMiss) {
        bestMiss = miss;
        best = s;
        ties = 1;
      } else if (miss === bestMiss && random.int(++ties) === 0) best = s;
    }
    return best;
  }
}
