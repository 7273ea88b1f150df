// The proven optimum for small problems (n ≤ 12) by branch and bound: people
// are placed one by one into groups; an empty group is tried only once per
// set of interchangeable groups (same bounds and band, nobody pinned to it);
// a branch stops when its value plus every positive pair still open cannot
// beat the best. All hard rules are checked as people are placed.
import { pairDiversity, type Diversity } from "./diversity";
import type { CompiledRules } from "./rules";

export const EXACT_MAX_PEOPLE = 12;

export function solveExactly(d: Diversity, r: CompiledRules): { assignment: Int32Array; value: number } | null {
  const { n, m } = r;
  const group = new Int32Array(n).fill(-1);
  const size = new Int32Array(m);
  const D = Math.max(1, r.departments.length);
  const deptCount = new Int32Array(m * D);
  // open[k]: the sum of positive diversities of pairs whose later person is ≥ k.
  const open = new Float64Array(n + 1);
  for (let k = n - 1; k >= 0; k--) {
    let s = 0;
    for (let i = 0; i < k; i++) s += Math.max(0, pairDiversity(d, i, k));
    open[k] = open[k + 1]! + s;
  }
  const pinned = new Uint8Array(m);
  for (let i = 0; i < n; i++) if (r.pin[i]! >= 0) pinned[r.pin[i]!] = 1;
  // twin[h]: an earlier group interchangeable with h, or -1.
  const twin = new Int32Array(m).fill(-1);
  for (let h = 0; h < m; h++) {
    for (let e = h - 1; e >= 0; e--) {
      if (!pinned[h] && !pinned[e] && r.min[e] === r.min[h] && r.max[e] === r.max[h] && r.groupBand[e] === r.groupBand[h]) {
        twin[h] = e;
        break;
      }
    }
  }
  let bestValue = -Infinity;
  let best: Int32Array | null = null;
  let missing = 0;
  for (let h = 0; h < m; h++) missing += r.min[h]!;

  const ok = (i: number, h: number): boolean => {
    if (size[h]! >= r.max[h]!) return false;
    if (r.pin[i]! >= 0 && r.pin[i] !== h) return false;
    if (r.hasBands && r.band[i]! >= 0 && r.groupBand[h] !== r.band[i]) return false;
    if (r.hasCap && r.department[i]! >= 0 && deptCount[h * D + r.department[i]!]! >= r.cap) return false;
    for (let k = r.neverStart[i]!; k < r.neverStart[i + 1]!; k++) if (group[r.neverIndex[k]!] === h) return false;
    // An always-together partner already placed fixes the group.
    if (r.blockOf[i]! >= 0) {
      for (const j of r.blocks[r.blockOf[i]!]!) if (group[j]! >= 0 && group[j] !== h) return false;
    }
    return true;
  };

  const place = (i: number, value: number, deficit: number): void => {
    if (value + open[i]! <= bestValue + 1e-9) return;
    if (i === n) {
      if (deficit === 0) {
        bestValue = value;
        best = group.slice();
      }
      return;
    }
    if (deficit > n - i) return;
    for (let h = 0; h < m; h++) {
      if (size[h] === 0 && twin[h]! >= 0 && size[twin[h]!] === 0) continue;
      if (!ok(i, h)) continue;
      let gain = 0;
      for (let j = 0; j < i; j++) if (group[j] === h) gain += pairDiversity(d, i, j);
      const filled = size[h]! < r.min[h]! ? 1 : 0;
      group[i] = h;
      size[h]!++;
      if (r.department[i]! >= 0) deptCount[h * D + r.department[i]!]!++;
      place(i + 1, value + gain, deficit - filled);
      if (r.department[i]! >= 0) deptCount[h * D + r.department[i]!]!--;
      size[h]!--;
      group[i] = -1;
    }
  };
  place(0, 0, missing);
  return best === null ? null : { assignment: best, value: bestValue };
}
